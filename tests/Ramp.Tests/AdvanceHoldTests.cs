using BlueGreen.Ramp.Tools;
using BlueGreen.Release;
using Moq;
using static BlueGreen.Ramp.Tests.AdvanceFixture;

namespace BlueGreen.Ramp.Tests;

/// <summary><c>ramp advance</c> when the move is not due: nothing pushed, no pull request, the reason printed, exit 0
/// (the schedule stays green).</summary>
public class AdvanceHoldTests
{
    private static async Task Holds(Harness h, string reason)
    {
        Assert.Equal(0, await h.Run("advance"));

        NothingOpened(h);
        Assert.Contains("Nothing proposed:", h.Output, StringComparison.Ordinal);
        Assert.Contains(reason, h.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Not_while_the_step_bakes()
    {
        using var h = await AtStepAsync(step: 1);
        h.Clock.Advance(TimeSpan.FromMinutes(90)); // step 1 bakes 2h

        await Holds(h, "It may be due at 2026-01-05T11:30:00Z (30m from now)");
    }

    [Fact]
    public async Task Not_while_the_deployed_step_bakes_though_the_file_says_it_has()
    {
        using var h = await BakedAsync(step: 1);
        // The apply finished later than the file's ramp.stepSetAt (a slow 'pulumi up'): the bake counts from the apply.
        h.Pulumi.Setup(p => p.LastUpdateFinishedAsync("prod", It.IsAny<CancellationToken>())).ReturnsAsync(h.Clock.Now - TimeSpan.FromHours(1));

        await Holds(h, "the bake (step 1) gate holds it: step 1 was applied at");
    }

    [Fact]
    public async Task Not_with_a_critical_alarm_in_alarm()
    {
        using var h = await BakedAsync(step: 1);
        h.AlarmStates[GreenCriticalAlarm(h)] = AlarmState.Alarm;

        await Holds(h, $"the critical green alarms gate holds it");
        Assert.Contains(GreenCriticalAlarm(h), h.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Not_with_a_critical_alarm_without_data()
    {
        using var h = await BakedAsync(step: 1);
        h.AlarmStates[GreenCriticalAlarm(h)] = AlarmState.InsufficientData;

        await Holds(h, "the critical green alarms gate holds it");
        Assert.Contains("INSUFFICIENT_DATA", h.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Not_when_the_smoke_test_failed()
    {
        using var h = await BakedAsync(step: 0);
        h.Export = LiveStateExport.Of(LiveStateExport.SmokeJob("1.6.0", complete: false, failed: true));

        await Holds(h, "the smoke test of 1.6.0 has not passed in the deployed stack");
    }

    [Fact]
    public async Task Not_with_too_few_healthy_targets()
    {
        using var h = await BakedAsync(step: 0);
        h.Aws.Setup(a => a.HealthyTargetsAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync(1);

        await Holds(h, "green's target group has 1 healthy target(s) of the 3");
    }

    [Fact]
    public async Task Not_while_a_ramp_pull_request_is_open_for_the_stack()
    {
        using var h = await BakedAsync(step: 1);
        h.GitHub.Setup(g => g.OpenAsync("ramp/prod/", It.IsAny<CancellationToken>()))
            .ReturnsAsync([new RampProposal(41, "https://github.com/acme/shop/pull/41", "ramp/prod/1.6.0-step-1", ProposalState.Open)]);
        h.Aws.Invocations.Clear();

        await Holds(h, "the ramp pull request #41 (https://github.com/acme/shop/pull/41) is open for prod");
        h.Aws.Verify(a => a.DescribeAlarmsAsync(It.IsAny<IReadOnlyList<string>>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task Not_again_for_a_step_whose_proposal_was_closed_unmerged()
    {
        using var h = await BakedAsync(step: 1);
        h.GitHub.Setup(g => g.OfBranchAsync(It.Is<string>(b => b.StartsWith("ramp/prod/1.6.0-step-2-after-", StringComparison.Ordinal)), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string branch, CancellationToken _) => [new RampProposal(40, "https://github.com/acme/shop/pull/40", branch, ProposalState.ClosedUnmerged)]);

        await Holds(h, "#40 (https://github.com/acme/shop/pull/40), was closed without merging: it is not proposed again");
    }

    [Fact]
    public async Task A_closed_proposal_of_another_step_does_not_hold_this_one()
    {
        using var h = await BakedAsync(step: 1);
        Pushes(h);
        h.GitHub.Setup(g => g.OfBranchAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string branch, CancellationToken _) => branch.StartsWith("ramp/prod/1.6.0-step-1-after-", StringComparison.Ordinal)
                ? [new RampProposal(39, "https://github.com/acme/shop/pull/39", branch, ProposalState.ClosedUnmerged)]
                : []);

        Assert.Equal(0, await h.Run("advance"));

        h.GitHub.Verify(g => g.CreateAsync(It.Is<string>(b => b.StartsWith("ramp/prod/1.6.0-step-2-after-", StringComparison.Ordinal)), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Not_after_an_unacknowledged_automatic_rollback()
    {
        using var h = await BakedAsync(step: 2);
        h.Aws.Setup(a => a.GetParameterAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync(
            """{"executionId":"8f2c1a57-3d4e-4b6a-9c0d-1e2f3a4b5c6d","at":"2026-01-05T10:12:00Z","alarm":"shop-prod-green-rollback","rolledBack":"green","to":"blue"}""");

        await Holds(h, "nobody has acknowledged it: AWS rolled green back automatically");
    }

    [Fact]
    public async Task Not_while_the_file_is_ahead_of_what_is_deployed()
    {
        using var h = await BakedAsync(step: 1);
        // 'next' merged (the file says step 2) but the apply workflow has not applied it: deployed is still step 1.
        h.Set(ConfigEdit.Number(ConfigKeys.RampStep, 2), ConfigEdit.Time(ConfigKeys.RampStepSetAt, h.Clock.Now));
        h.Clock.Advance(TimeSpan.FromHours(5));

        await Holds(h, "the stack file is ahead of what is deployed (deployed: step 1; the file: step 2");
    }

    [Fact]
    public async Task Not_at_all_with_auto_progress_off_and_nothing_live_is_read()
    {
        using var h = await BakedAsync(step: 1, mode: "off");
        h.Pulumi.Invocations.Clear();
        h.Aws.Invocations.Clear();

        await Holds(h, "bluegreen:ramp.autoProgress is off: a person runs every step");

        h.Pulumi.Verify(p => p.StackOutputsAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        h.Aws.Verify(a => a.HasCredentialsAsync(It.IsAny<CancellationToken>()), Times.Never);
        h.GitHub.Verify(g => g.OpenAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task A_forced_step_is_not_forced_again_and_the_proposal_clears_the_reason()
    {
        using var h = await AtStepAsync(step: 1);
        Pushes(h);
        h.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(0, await h.Run("next", "--force", "--reason", "hotfix window", "--yes")); // step 2, forced
        h.Clock.Advance(TimeSpan.FromHours(1)); // step 2 bakes 4h

        await Holds(h, "It may be due at");

        h.Clock.Advance(TimeSpan.FromHours(3));
        Assert.Equal(0, await h.Run("advance"));
        h.Git.Verify(g => g.PushBranchAsync(It.Is<string>(b => b.StartsWith("ramp/prod/1.6.0-step-3-after-", StringComparison.Ordinal)), It.IsAny<string>(),
            It.Is<string>(t => t.Contains("bluegreen:ramp.forceReason: \"\"", StringComparison.Ordinal)), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Once);
    }
}
