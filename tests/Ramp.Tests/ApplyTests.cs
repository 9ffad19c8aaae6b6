using BlueGreen.Release;
using BlueGreen.Release.StackFiles;
using Moq;

namespace BlueGreen.Ramp.Tests;

/// <summary>When a change is applied: --yes, a confirmation, no stdin; and --dry-run.</summary>
public class ApplyTests
{
    [Fact]
    public async Task Without_yes_and_without_a_terminal_the_change_is_written_and_previewed_but_not_applied()
    {
        using var h = Harness.AtStep(1, TimeSpan.FromHours(2));
        Assert.Equal(0, await h.Run("next"));
        Assert.Equal("2", h.Value(ConfigKeys.RampStep));
        Assert.Equal(["preview prod"], h.PulumiCalls);
        Assert.Contains("Not applied", h.Output, StringComparison.Ordinal);
        h.Confirmation.Verify(c => c.Ask(It.IsAny<string>()), Times.Never);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task With_a_terminal_the_operator_decides(bool answer)
    {
        using var h = Harness.AtStep(1, TimeSpan.FromHours(2));
        h.Confirmation.Setup(c => c.CanAsk).Returns(true);
        h.Confirmation.Setup(c => c.Ask(It.IsAny<string>())).Returns(answer);
        Assert.Equal(0, await h.Run("next"));
        Assert.Equal(answer ? ["preview prod", "up prod"] : ["preview prod"], h.PulumiCalls);
        Assert.Equal("2", h.Value(ConfigKeys.RampStep));
    }

    [Fact]
    public async Task Dry_run_shows_the_change_and_the_offline_preview_and_writes_nothing()
    {
        using var h = Harness.AtStep(1, TimeSpan.FromHours(2));
        var before = h.Text;
        Assert.Equal(0, await h.Run("next", "--dry-run"));
        Assert.Equal(before, h.Text);
        Assert.Empty(h.PulumiCalls);
        h.Pulumi.Verify(p => p.StackOutputsAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        h.OfflinePreview.Verify(p => p.PreviewAsync(
            It.Is<StackFile>(f => f.Get(ConfigKeys.RampStep) == "1"), It.Is<StackFile>(f => f.Get(ConfigKeys.RampStep) == "2"), It.IsAny<CancellationToken>()));
        Assert.Contains("Pulumi.prod.yaml:29  - bluegreen:ramp.step: 1\n  Pulumi.prod.yaml:29  + bluegreen:ramp.step: 2\n", h.Output, StringComparison.Ordinal);
        Assert.Contains("offline preview: ~ listener weights", h.Output, StringComparison.Ordinal);
        Assert.Contains("the critical green alarms gate is not checked", h.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dry_run_still_refuses_before_the_bake_time()
    {
        using var h = Harness.AtStep(1, TimeSpan.FromHours(1));
        Assert.Equal(ExitCodes.Refused, await h.Run("next", "--dry-run"));
        h.OfflinePreview.Verify(p => p.PreviewAsync(It.IsAny<StackFile>(), It.IsAny<StackFile>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task The_real_offline_preview_of_a_dry_run_shows_the_listener_update_only()
    {
        using var h = new Harness("prod");
        var edited = h.Text.Replace(
            "bluegreen:ramp.step: 0", "bluegreen:ramp.step: 1\n  bluegreen:ramp.stepSetAt: \"2026-01-05T08:00:00Z\"", StringComparison.Ordinal);

        var preview = await new BlueGreen.Ramp.Tools.OfflinePreview().PreviewAsync(
            StackFile.Parse(h.FilePath, "prod", h.Text), StackFile.Parse(h.FilePath, "prod", edited));

        Assert.Contains("shop-edge-https (update)", preview, StringComparison.Ordinal);
        Assert.Contains("~ 1 to update, 80 unchanged", preview, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rollback_goes_to_step_0_with_no_gates_and_applies_without_asking()
    {
        using var h = new Harness("prod");
        h.Set(ConfigEdit.Number(ConfigKeys.RampStep, 3), ConfigEdit.Time(ConfigKeys.RampStepSetAt, h.Clock.Now));
        h.Clock.Advance(TimeSpan.FromMinutes(5)); // mid-bake, with an alarm firing: neither gate applies
        h.AlarmStates["shop-prod-green-err-crit"] = AlarmState.Alarm;
        Assert.Equal(0, await h.Run("rollback"));
        Assert.Equal("0", h.Value(ConfigKeys.RampStep));
        Assert.Equal(UtcTimestamp.Format(h.Clock.Now), h.Value(ConfigKeys.RampStepSetAt));
        // The emergency path: the listener alone, no whole-stack preview.
        Assert.Equal(["up prod --target urn:pulumi:prod::bluegreen::bluegreen:aws:WeightedListener$aws:lb/listener:Listener::shop-edge-https"], h.PulumiCalls);
        Assert.Contains("green 50 % → 0 %, all traffic to blue", h.Output, StringComparison.Ordinal);
        Assert.Contains("Now commit the change so that the next apply keeps it: git add Pulumi.prod.yaml", h.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rollback_at_step_0_with_the_live_listener_rolled_back_changes_nothing()
    {
        using var h = new Harness("prod");
        h.LiveWeights(blue: 100, green: 0);
        var before = h.Text;
        Assert.Equal(0, await h.Run("rollback"));
        Assert.Equal(before, h.Text);
        Assert.DoesNotContain(h.PulumiCalls, c => c.StartsWith("up", StringComparison.Ordinal));
        Assert.Contains("Nothing to roll back: the live listener already sends all weighted traffic to blue", h.Output, StringComparison.Ordinal);
    }
}
