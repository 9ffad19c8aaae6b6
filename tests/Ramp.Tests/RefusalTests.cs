using BlueGreen.Release;
using Moq;

namespace BlueGreen.Ramp.Tests;

/// <summary>Every refusal: the exit code, the reason, an untouched file and no pulumi run.</summary>
public class RefusalTests
{
    private static async Task<Harness> StartedAsync(int step = 0)
    {
        var h = new Harness("prod");
        h.Set(ConfigEdit.Number(ConfigKeys.RampStep, step), ConfigEdit.Time(ConfigKeys.RampStepSetAt, h.Clock.Now));
        await Task.CompletedTask;
        return h;
    }

    private static void AssertRefused(Harness h, int exit, string before, string reason)
    {
        Assert.Equal(ExitCodes.Refused, exit);
        Assert.Equal(before, h.Text);
        Assert.Contains("Refused: ", h.Output, StringComparison.Ordinal);
        Assert.Contains(reason, h.Output, StringComparison.Ordinal);
        Assert.Empty(h.PulumiCalls);
    }

    [Fact]
    public async Task Next_before_the_bake_time_has_passed_says_when_it_may()
    {
        using var h = await StartedAsync(step: 1);
        h.Clock.Advance(TimeSpan.FromMinutes(90));
        var before = h.Text;
        var exit = await h.Run("next", "--yes");
        AssertRefused(h, exit, before, "step 1 (5 %) bakes for 2h from 2026-01-05T09:00:00Z; step 2 may go ahead at 2026-01-05T11:00:00Z");
        Assert.Contains("(30m from now)", h.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Next_at_step_0_of_the_repo_file_without_stepSetAt_is_refused()
    {
        using var h = new Harness("prod");
        var before = h.Text;
        AssertRefused(h, await h.Run("next", "--yes"), before, "ramp.stepSetAt is not set");
        Assert.Contains("'start --version 1.5.0' begins the release and sets it", h.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Next_while_a_new_colour_alarm_is_in_ALARM_names_it()
    {
        using var h = await StartedAsync(step: 1);
        h.Clock.Advance(TimeSpan.FromHours(2));
        h.AlarmStates["shop-prod-green-err-crit"] = AlarmState.Alarm;
        var before = h.Text;
        AssertRefused(h, await h.Run("next", "--yes"), before, "critical green alarms not OK: shop-prod-green-err-crit (ALARM)");
    }

    [Fact]
    public async Task A_critical_alarm_without_data_holds_the_step()
    {
        using var h = await StartedAsync(step: 1);
        h.Clock.Advance(TimeSpan.FromHours(2));
        h.AlarmStates["shop-prod-green-err-crit"] = AlarmState.InsufficientData;
        var before = h.Text;
        AssertRefused(h, await h.Run("next", "--yes"), before, "shop-prod-green-err-crit (INSUFFICIENT_DATA)");
    }

    [Fact]
    public async Task Unhealthy_targets_refuse_the_first_traffic_step()
    {
        using var h = await StartedAsync(step: 0);
        h.Clock.Advance(TimeSpan.FromHours(1));
        h.Aws.Setup(a => a.HealthyTargetsAsync(h.Outputs.TargetGroupArns[Colour.Green], It.IsAny<CancellationToken>())).ReturnsAsync(1);
        var before = h.Text;

        AssertRefused(h, await h.Run("next", "--yes"), before, "green's target group has 1 healthy target(s) of the 3 its replicas should give");
    }

    [Fact]
    public async Task A_warning_in_alarm_is_shown_and_does_not_hold_the_step()
    {
        using var h = await StartedAsync(step: 1);
        h.Clock.Advance(TimeSpan.FromHours(2));
        h.AlarmStates["shop-prod-green-unhealthy"] = AlarmState.Alarm;

        Assert.Equal(0, await h.Run("next", "--yes"));
        Assert.Contains("Warning in ALARM: shop-prod-green-unhealthy — shown, not blocking", h.Output, StringComparison.Ordinal);
        Assert.Equal("2", h.Value(ConfigKeys.RampStep));
    }

    [Fact]
    public async Task A_live_colour_alarm_does_not_hold_the_ramp()
    {
        using var h = await StartedAsync(step: 1);
        h.Clock.Advance(TimeSpan.FromHours(2));
        h.AlarmStates["shop-prod-blue-err-crit"] = AlarmState.Alarm;
        h.AlarmStates["shop-prod-green-unhealthy"] = AlarmState.InsufficientData;
        Assert.Equal(0, await h.Run("next", "--yes"));
        Assert.Equal("2", h.Value(ConfigKeys.RampStep));
    }

    [Fact]
    public async Task Next_without_alarm_names_in_the_stack_outputs_is_refused()
    {
        using var h = await StartedAsync(step: 1);
        h.Clock.Advance(TimeSpan.FromHours(2));
        h.Outputs = BlueGreen.Ramp.Tools.StackOutputs.Empty;
        var before = h.Text;
        AssertRefused(h, await h.Run("next", "--yes"), before, "has no green alarms, so the alarm gate cannot be checked");
    }

    [Fact]
    public async Task Next_after_a_promotion_is_refused_as_nothing_is_being_released()
    {
        using var h = await StartedAsync();
        h.Clock.Advance(TimeSpan.FromHours(1));
        h.Set(ConfigEdit.Plain(ConfigKeys.ReleaseLive, "green"), ConfigEdit.Time(ConfigKeys.ReleasePromotedAt, h.Clock.Now));
        h.Clock.Advance(TimeSpan.FromHours(1));
        var before = h.Text;
        AssertRefused(h, await h.Run("next", "--yes"), before, "no release is in progress (green was promoted at 2026-01-05T10:00:00Z)");
    }

    [Fact]
    public async Task Start_while_a_ramp_is_in_progress_is_refused()
    {
        using var h = await StartedAsync(step: 2);
        var before = h.Text;
        AssertRefused(h, await h.Run("start", "--version", "1.7.0", "--yes"), before, "a ramp is in progress: green is at step 2 (25 %)");
    }

    [Fact]
    public async Task Start_with_the_live_tag_is_refused()
    {
        using var h = new Harness("prod");
        var before = h.Text;
        AssertRefused(h, await h.Run("start", "--version", "1.4.2", "--yes"), before, "1.4.2 is already the live colour's tag");
    }

    [Fact]
    public async Task Start_within_the_stabilization_window_would_replace_the_rollback_target_and_is_refused()
    {
        using var h = await StartedAsync();
        h.Clock.Advance(TimeSpan.FromHours(1));
        h.Set(ConfigEdit.Plain(ConfigKeys.ReleaseLive, "green"), ConfigEdit.Time(ConfigKeys.ReleasePromotedAt, h.Clock.Now));
        var before = h.Text;
        AssertRefused(h, await h.Run("start", "--version", "1.7.0", "--yes"), before, "blue is the rollback target of the promotion");
        h.Clock.Advance(TimeSpan.FromHours(72));
        Assert.Equal(0, await h.Run("start", "--version", "1.7.0", "--yes"));
        Assert.Equal("1.7.0", h.Value(ConfigKeys.BlueImageTag));
    }

    [Fact]
    public async Task Promote_before_the_last_step_is_refused()
    {
        using var h = await StartedAsync(step: 3);
        h.Clock.Advance(TimeSpan.FromDays(1));
        var before = h.Text;
        AssertRefused(h, await h.Run("promote", "--yes"), before, "green is at step 3 (50 %); promotion needs the last step 4 (100 %)");
    }

    [Fact]
    public async Task Promote_before_the_last_step_has_baked_is_refused()
    {
        using var h = await StartedAsync(step: 4);
        h.Clock.Advance(TimeSpan.FromMinutes(59));
        var before = h.Text;
        AssertRefused(h, await h.Run("promote", "--yes"), before, "promotion may go ahead at 2026-01-05T10:00:00Z");
    }

    [Fact]
    public async Task Promote_with_a_new_colour_alarm_in_ALARM_is_refused()
    {
        using var h = await StartedAsync(step: 4);
        h.Clock.Advance(TimeSpan.FromHours(1));
        h.AlarmStates["shop-prod-green-err-crit"] = AlarmState.Alarm;
        var before = h.Text;
        AssertRefused(h, await h.Run("promote", "--yes"), before, "critical green alarms not OK: shop-prod-green-err-crit (ALARM)");
    }

    [Fact]
    public async Task Retire_without_a_promotion_is_refused()
    {
        using var h = await StartedAsync();
        var before = h.Text;
        AssertRefused(h, await h.Run("retire", "--yes"), before, "promote first");
    }

    [Fact]
    public async Task Retire_before_the_stabilization_window_ends_says_when()
    {
        using var h = await StartedAsync();
        h.Set(ConfigEdit.Plain(ConfigKeys.ReleaseLive, "green"), ConfigEdit.Time(ConfigKeys.ReleasePromotedAt, h.Clock.Now));
        h.Clock.Advance(TimeSpan.FromHours(24));
        var before = h.Text;
        AssertRefused(h, await h.Run("retire", "--yes"), before, "the 72h stabilization window ends at 2026-01-08T09:00:00Z");
        Assert.Contains("It may go ahead at 2026-01-08T09:00:00Z (48h from now)", h.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retire_twice_is_refused()
    {
        using var h = await StartedAsync();
        h.Set(
            ConfigEdit.Plain(ConfigKeys.ReleaseLive, "green"),
            ConfigEdit.Time(ConfigKeys.ReleasePromotedAt, h.Clock.Now),
            ConfigEdit.Plain(ConfigKeys.ReleaseRetired, "blue"));
        h.Clock.Advance(TimeSpan.FromHours(73));
        var before = h.Text;
        AssertRefused(h, await h.Run("retire", "--yes"), before, "blue is already retired");
    }

    [Fact]
    public async Task Watch_at_step_0_has_nothing_to_watch()
    {
        using var h = await StartedAsync();
        var before = h.Text;
        AssertRefused(h, await h.Run("watch", "--bake", "10m"), before, "receives no weighted traffic");
    }
}
