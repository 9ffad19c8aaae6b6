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
        failed.Outputs = failed.Outputs with { SmokeRelease = "1.5.0", SmokePassed = false };
        Assert.Equal(ExitCodes.Refused, await failed.Run("verify"));

        using var other = VerifyTests.Deployed(deployedStep: 0, fileStep: 1, appliedAgo: TimeSpan.FromDays(2));
        other.Outputs = other.Outputs with { SmokeRelease = "1.4.9", SmokePassed = true };
        Assert.Equal(ExitCodes.Refused, await other.Run("verify"));
        Assert.Contains("the smoke test of 1.5.0 has not passed", other.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_passed_smoke_test_lets_the_first_step_through()
    {
        using var h = VerifyTests.Deployed(deployedStep: 0, fileStep: 1, appliedAgo: TimeSpan.FromDays(2));
        h.Outputs = h.Outputs with { SmokeRelease = "1.5.0", SmokePassed = true };

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
