using BlueGreen.Release;
using Moq;

namespace BlueGreen.Ramp.Tests;

/// <summary>The smoke-test gate of the first traffic step, and what status shows of the release steps.</summary>
public class ReleaseStepsTests
{
    [Fact]
    public async Task The_first_traffic_step_is_refused_until_the_releases_smoke_test_passed_in_the_deployed_stack()
    {
        using var h = VerifyTests.Deployed(deployedStep: 0, fileStep: 1, appliedAgo: TimeSpan.FromDays(2));

        Assert.Equal(ExitCodes.Refused, await h.Run("verify"));

        Assert.Contains("the smoke test of 1.5.0 has not passed in the deployed stack", h.Output, StringComparison.Ordinal);
        h.Pulumi.Verify(p => p.UpAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task A_failed_smoke_test_or_one_of_another_release_does_not_count()
    {
        using var failed = VerifyTests.Deployed(deployedStep: 0, fileStep: 1, appliedAgo: TimeSpan.FromDays(2));
        failed.Export = LiveStateExport.Of(LiveStateExport.SmokeJob("1.5.0", complete: false, failed: true));
        Assert.Equal(ExitCodes.Refused, await failed.Run("verify"));

        using var other = VerifyTests.Deployed(deployedStep: 0, fileStep: 1, appliedAgo: TimeSpan.FromDays(2));
        other.Export = LiveStateExport.Of(LiveStateExport.SmokeJob("1.4.9", complete: true));
        Assert.Equal(ExitCodes.Refused, await other.Run("verify"));
        Assert.Contains("the smoke test of 1.5.0 has not passed", other.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_rerun_blocks_verify_and_next_although_the_outputs_of_the_last_good_update_still_say_passed()
    {
        // The first run passed and wrote the outputs; the re-run (a plain 'pulumi up' replaced the Job, replaceUnready)
        // failed, so the update failed and the outputs kept "passed" — but the Job in the live state says Failed.
        using var verify = VerifyTests.Deployed(deployedStep: 0, fileStep: 1, appliedAgo: TimeSpan.FromDays(2));
        verify.Outputs = verify.Outputs with { SmokeJob = "shop-smoke-1-5-0", SmokeRelease = "1.5.0", SmokePassed = true };
        verify.Export = LiveStateExport.Of(LiveStateExport.SmokeJob("1.5.0", complete: false, failed: true));

        Assert.Equal(ExitCodes.Refused, await verify.Run("verify"));
        Assert.Contains("the smoke test of 1.5.0 has not passed", verify.Output, StringComparison.Ordinal);

        using var next = VerifyTests.Deployed(deployedStep: 0, fileStep: 0, appliedAgo: TimeSpan.FromDays(2));
        next.Outputs = next.Outputs with { SmokeJob = "shop-smoke-1-5-0", SmokeRelease = "1.5.0", SmokePassed = true };
        next.Export = LiveStateExport.Of(LiveStateExport.SmokeJob("1.5.0", complete: false, failed: true));
        var before = next.Text;

        // Forced past the bake and alarm gates: the smoke gate still holds.
        Assert.Equal(ExitCodes.Refused, await next.Run("next", "--force", "--reason", "bake waived", "--yes"));
        Assert.Contains("the smoke test of 1.5.0 has not passed", next.Output, StringComparison.Ordinal);
        Assert.Equal(before, next.Text);
    }

    [Fact]
    public async Task A_passed_smoke_test_lets_the_first_step_through()
    {
        using var h = VerifyTests.Deployed(deployedStep: 0, fileStep: 1, appliedAgo: TimeSpan.FromDays(2));
        h.Export = LiveStateExport.Of(LiveStateExport.SmokeJob("1.5.0", complete: true));

        Assert.Equal(0, await h.Run("verify"));

        Assert.Contains("Verified: step 0 → 1", h.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Next_from_step_0_is_refused_without_the_smoke_test_and_writes_nothing_even_when_forced()
    {
        using var h = VerifyTests.Deployed(deployedStep: 0, fileStep: 0, appliedAgo: TimeSpan.FromDays(2));
        var before = h.Text;

        Assert.Equal(ExitCodes.Refused, await h.Run("next", "--force", "--reason", "the smoke test is flaky"));

        Assert.Contains("the smoke test of 1.5.0 has not passed", h.Output, StringComparison.Ordinal);
        Assert.Equal(before, h.Text);
    }

    [Fact]
    public async Task Status_shows_the_smoke_result_the_migration_maintenance_and_the_archive()
    {
        using var h = VerifyTests.Deployed(deployedStep: 0, fileStep: 0, appliedAgo: TimeSpan.FromDays(2));
        h.Outputs = h.Outputs with { SmokeRelease = "1.5.0", SmokePassed = true };
        h.Set(ConfigEdit.Plain(ConfigKeys.ArchiveReleases, ArchiveSettings.Write([new ArchivedRelease("1.4.1", "1.4.2", h.Clock.Now.AddDays(-2))])));

        h.LiveWeights(100, 0);

        Assert.Equal(0, await h.Run("status"));

        Assert.Contains("Smoke test of 1.5.0: passed", h.Output, StringComparison.Ordinal);
        Assert.Contains("Migration: /app/migrate up (timeout 30m)", h.Output, StringComparison.Ordinal);
        Assert.Contains("Maintenance: off", h.Output, StringComparison.Ordinal);
        Assert.Contains($"Archive: 1.4.1 until {UtcTimestamp.Format(h.Clock.Now.AddDays(28))}", h.Output, StringComparison.Ordinal);
        Assert.Contains("bring it back: ramp start --version 1.4.1 --stack prod", h.Output, StringComparison.Ordinal);
    }
}
