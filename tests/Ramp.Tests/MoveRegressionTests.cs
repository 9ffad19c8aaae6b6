using BlueGreen.Ramp.Tools;
using BlueGreen.Release;
using BlueGreen.Release.StackFiles;
using Moq;

namespace BlueGreen.Ramp.Tests;

/// <summary>
/// Regression tests of issue 20's bugs: each one was a second copy of a release decision in the CLI that
/// disagreed with the release model (the colour at risk, the change of release, the keys the ramp writes,
/// the target-health gate, the key spellings YAML reads as one).
/// </summary>
public class MoveRegressionTests
{
    /// <summary>Bug 1: on a promotion the colour at risk is the promoted one (ReleasePhase), not "the one that
    /// isn't live" in the proposed file, where the promoted colour already is live.</summary>
    [Fact]
    public async Task Verify_of_a_promotion_checks_the_promoted_colours_alarms()
    {
        using var h = VerifyTests.Deployed(deployedStep: 4, fileStep: 4, appliedAgo: TimeSpan.FromDays(1));
        h.Set(ConfigEdit.Plain(ConfigKeys.ReleaseLive, "green"), ConfigEdit.Number(ConfigKeys.RampStep, 0), ConfigEdit.Time(ConfigKeys.ReleasePromotedAt, h.Clock.Now));
        h.AlarmStates["shop-prod-green-err-crit"] = AlarmState.Alarm;

        Assert.Equal(ExitCodes.Refused, await h.Run("verify"));
        Assert.Contains("critical green alarms not OK: shop-prod-green-err-crit (ALARM)", h.Output, StringComparison.Ordinal);
    }

    /// <summary>Bug 2: a new image tag plus a jump gives an unbaked, unsmoked release traffic at once.</summary>
    [Theory]
    [InlineData(4)]
    [InlineData(1)]
    public async Task Verify_refuses_a_new_release_that_takes_traffic_without_going_through_step_0(int fileStep)
    {
        using var h = VerifyTests.Deployed(deployedStep: 0, fileStep: fileStep, appliedAgo: TimeSpan.FromDays(1));
        h.Set(ConfigEdit.Quoted(ConfigKeys.GreenImageTag, "1.6.0"));

        Assert.Equal(ExitCodes.Refused, await h.Run("verify"));
        Assert.Contains("1.6.0 is not deployed yet", h.Output, StringComparison.Ordinal);
    }

    /// <summary>Bug 2, the failed start: the outputs still name the previous release, so even a forced next must
    /// not write step 1 (the smoke test of the new release never ran).</summary>
    [Fact]
    public async Task After_a_failed_start_even_a_forced_next_is_refused_and_nothing_is_applied()
    {
        using var h = VerifyTests.Deployed(deployedStep: 0, fileStep: 0, appliedAgo: TimeSpan.FromDays(1));
        h.Set(ConfigEdit.Quoted(ConfigKeys.GreenImageTag, "1.6.0"), ConfigEdit.Time(ConfigKeys.RampStepSetAt, h.Clock.Now - TimeSpan.FromDays(1)));
        h.Outputs = h.Outputs with { SmokeRelease = "1.5.0", SmokePassed = true };
        var before = h.Text;

        Assert.Equal(ExitCodes.Refused, await h.Run("next", "--yes", "--force", "--reason", "in a hurry"));

        Assert.Equal(before, h.Text);
        Assert.Contains("1.6.0 is not deployed yet", h.Output, StringComparison.Ordinal);
        h.Pulumi.Verify(p => p.UpAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    /// <summary>Bug 3: the keys a forced move writes (ramp.forceReason) are the ramp's own, so its failed apply
    /// does not block the rollback its error message tells the operator to run.</summary>
    [Fact]
    public async Task A_failed_forced_next_does_not_block_the_rollback()
    {
        using var h = new Harness("prod");
        h.Set(ConfigEdit.Number(ConfigKeys.RampStep, 1), ConfigEdit.Time(ConfigKeys.RampStepSetAt, h.Clock.Now));
        var committed = h.Text;
        h.Pulumi.Setup(p => p.UpAsync("prod", It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ToolFailedException("pulumi", ["up"], new ProcessResult(255, "", "error: Throttling")));
        Assert.Equal(ExitCodes.Error, await h.Run("next", "--yes", "--force", "--reason", "INC-1"));
        Assert.Equal("INC-1", h.Value(ConfigKeys.RampForceReason));

        h.Git.Setup(g => g.StatusPorcelainAsync("Pulumi.prod.yaml", It.IsAny<CancellationToken>())).ReturnsAsync(" M Pulumi.prod.yaml");
        h.Git.Setup(g => g.CommittedTextAsync("Pulumi.prod.yaml", It.IsAny<CancellationToken>())).ReturnsAsync(committed);

        Assert.Equal(0, await h.Run("rollback"));
        Assert.Equal("0", h.Value(ConfigKeys.RampStep));
    }

    /// <summary>Bug 3, the class: every key any move writes is one the rollback treats as the ramp's own.</summary>
    [Fact]
    public void Every_key_a_move_writes_is_in_the_ramps_own_keys()
    {
        Assert.Contains(ConfigKeys.RampForceReason, MoveTable.KeysWritten);
        Assert.Contains(ConfigKeys.ArchiveReleases, MoveTable.KeysWritten);
        Assert.Contains(ConfigKeys.RollbackAcknowledged, MoveTable.KeysWritten);
    }

    /// <summary>Bug 4: the first traffic step needs the new colour's healthy targets where CI applies it too.</summary>
    [Fact]
    public async Task Verify_of_the_first_traffic_step_checks_target_health()
    {
        using var h = VerifyTests.Deployed(deployedStep: 0, fileStep: 1, appliedAgo: TimeSpan.FromDays(1));
        h.Export = LiveStateExport.Of(LiveStateExport.SmokeJob("1.5.0", complete: true)); // the smoke gate reads the live Job
        h.Aws.Setup(a => a.HealthyTargetsAsync(h.Outputs.TargetGroupArns[Colour.Green], It.IsAny<CancellationToken>())).ReturnsAsync(1);

        Assert.Equal(ExitCodes.Refused, await h.Run("verify"));
        Assert.Contains("green's target group has 1 healthy target(s) of the 3", h.Output, StringComparison.Ordinal);

        h.Aws.Setup(a => a.HealthyTargetsAsync(h.Outputs.TargetGroupArns[Colour.Green], It.IsAny<CancellationToken>())).ReturnsAsync(3);
        Assert.Equal(0, await h.Run("verify"));
    }

    /// <summary>Bug 6: YAML reads <c>key : value</c> (a space before the colon) as the same key; so must the editor.</summary>
    [Theory]
    [InlineData("  bluegreen:ramp.step : 1", "  bluegreen:ramp.step : 2")]
    [InlineData("  bluegreen:ramp.step\t: 1 # now", "  bluegreen:ramp.step\t: 2 # now")]
    [InlineData("  \"bluegreen:ramp.step\" : 1", "  \"bluegreen:ramp.step\" : 2")]
    public void The_editor_finds_a_key_written_with_spaces_before_its_colon(string line, string expected)
    {
        var text = $"config:\n  bluegreen:app.name: shop\n{line}\n";
        Assert.Equal("1", StackFile.Parse("p", "prod", text).Get(ConfigKeys.RampStep)); // what YAML reads

        var (edited, changes) = StackFileEditor.Apply("p", text, [ConfigEdit.Number(ConfigKeys.RampStep, 2)]);

        Assert.Equal($"config:\n  bluegreen:app.name: shop\n{expected}\n", edited);
        Assert.Equal(3, Assert.Single(changes).Line);
        Assert.Equal(3, StackFile.LineOf(text, ConfigKeys.Full(ConfigKeys.RampStep)));
    }
}
