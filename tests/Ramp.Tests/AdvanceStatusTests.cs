using BlueGreen.Ramp.Tools;
using BlueGreen.Release;
using Moq;
using static BlueGreen.Ramp.Tests.AdvanceFixture;

namespace BlueGreen.Ramp.Tests;

/// <summary>What <c>ramp status</c> shows of auto-progress, and the key's validation through the CLI.</summary>
public class AdvanceStatusTests
{
    [Fact]
    public async Task Status_shows_the_mode_when_the_next_proposal_is_due_and_the_open_proposal()
    {
        using var h = await AtStepAsync(step: 1);
        h.Clock.Advance(TimeSpan.FromMinutes(90));
        h.GitHub.Setup(g => g.OpenAsync("ramp/prod/", It.IsAny<CancellationToken>()))
            .ReturnsAsync([new RampProposal(41, "https://github.com/acme/shop/pull/41", "ramp/prod/1.6.0-step-1", ProposalState.Open)]);

        await h.Run("status");

        Assert.Contains("Auto-progress: propose (bluegreen:ramp.autoProgress)", h.Output, StringComparison.Ordinal);
        Assert.Contains("Open proposal: #41 https://github.com/acme/shop/pull/41", h.Output, StringComparison.Ordinal);
        Assert.Contains("Next proposal: +30m (11:30Z)", h.Output, StringComparison.Ordinal); // the bake holds it first
        h.Clock.Advance(TimeSpan.FromMinutes(30));
        await h.Run("status");
        Assert.Contains("Next proposal: not due — the ramp pull request #41", h.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_says_when_the_bake_makes_it_due()
    {
        using var h = await AtStepAsync(step: 1);
        h.Clock.Advance(TimeSpan.FromMinutes(90));

        await h.Run("status");

        Assert.Contains("Next proposal: +30m (11:30Z)", h.Output, StringComparison.Ordinal);
        Assert.Contains("Open proposal: none", h.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_says_due_now_once_every_gate_passes_and_why_not_when_one_holds()
    {
        using var due = await BakedAsync(step: 1);
        await due.Run("status");
        Assert.Contains("Next proposal: due now — step 1 → 2", due.Output, StringComparison.Ordinal);

        using var alarm = await BakedAsync(step: 1);
        alarm.AlarmStates[GreenCriticalAlarm(alarm)] = AlarmState.Alarm;
        await alarm.Run("status");
        Assert.Contains("Next proposal: not due — step 1 → 2: the critical green alarms gate holds it", alarm.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_credentials_status_asks_neither_gh_nor_aws_and_says_not_read()
    {
        using var h = await BakedAsync(step: 1);
        h.GitHub.Setup(g => g.HasCredentials).Returns(false);
        h.Aws.Setup(a => a.HasCredentialsAsync(It.IsAny<CancellationToken>())).ReturnsAsync(false);
        h.Pulumi.Invocations.Clear();

        Assert.Equal(0, await h.Run("status"));

        Assert.Contains("Open proposal: not read (no GitHub token for gh here)", h.Output, StringComparison.Ordinal);
        Assert.Contains("Next proposal: due now — step 1 → 2 (the file's side only", h.Output, StringComparison.Ordinal);
        h.GitHub.Verify(g => g.OpenAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        h.GitHub.Verify(g => g.OfBranchAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        h.Pulumi.Verify(p => p.StackOutputsAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task Status_with_auto_progress_off_says_so_and_reads_nothing_for_it()
    {
        using var h = new Harness("prod");

        Assert.Equal(0, await h.Run("status"));

        Assert.Contains("Auto-progress: off (bluegreen:ramp.autoProgress)", h.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Next proposal", h.Output, StringComparison.Ordinal);
        h.GitHub.Verify(g => g.OpenAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task A_bad_mode_is_an_error_naming_the_key_the_file_and_line_and_what_is_allowed()
    {
        using var h = new Harness("prod");
        h.Set(ConfigEdit.Plain(ConfigKeys.RampAutoProgress, "auto"));

        Assert.Equal(ExitCodes.Error, await h.Run("advance"));

        var line = Release.StackFiles.StackFile.LineOf(h.Text, "bluegreen:ramp.autoProgress");
        Assert.Contains($"Pulumi.prod.yaml:{line}: bluegreen:ramp.autoProgress: auto is not an auto-progress mode; use off", h.Output, StringComparison.Ordinal);
        Assert.Contains("propose", h.Output, StringComparison.Ordinal);
        Assert.Contains("merge", h.Output, StringComparison.Ordinal);
        NothingOpened(h);
    }
}
