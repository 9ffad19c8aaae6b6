using BlueGreen.Ramp.Tools;
using BlueGreen.Release;
using Moq;

namespace BlueGreen.Ramp.Tests;

/// <summary>Rollback, watch and status in every release phase: ramping, stabilizing after a promotion, idle.</summary>
public class PhaseTests
{
    /// <summary>Green promoted (an hour ago by default) at 100 %, blue deployed as the rollback target.</summary>
    private static Harness Promoted(double hoursAgo = 1)
    {
        var h = new Harness("prod");
        h.Set(
            ConfigEdit.Plain(ConfigKeys.ReleaseLive, "green"),
            ConfigEdit.Number(ConfigKeys.RampStep, 0),
            ConfigEdit.Time(ConfigKeys.RampStepSetAt, h.Clock.Now - TimeSpan.FromHours(hoursAgo + 4)),
            ConfigEdit.Time(ConfigKeys.ReleasePromotedAt, h.Clock.Now - TimeSpan.FromHours(hoursAgo)));
        return h;
    }

    /// <summary>Green promoted five days ago, blue retired.</summary>
    private static Harness Idle()
    {
        var h = Promoted(hoursAgo: 120);
        h.Set(ConfigEdit.Plain(ConfigKeys.ReleaseRetired, "blue"));
        return h;
    }

    [Fact]
    public async Task A_rollback_after_promotion_makes_the_previous_colour_live_again_at_once()
    {
        using var h = Promoted();

        Assert.Equal(0, await h.Run("rollback", "--yes"));

        Assert.Equal("blue", h.Value(ConfigKeys.ReleaseLive));
        Assert.Equal("0", h.Value(ConfigKeys.RampStep));
        Assert.Equal(UtcTimestamp.Format(h.Clock.Now), h.Value(ConfigKeys.RampStepSetAt));
        Assert.Contains("rollback of the promotion: all traffic back to blue (1.4.2), live again; green (1.5.0) stays deployed at 0 %", h.Output, StringComparison.Ordinal);
        Assert.Single(h.PulumiCalls, c => c.StartsWith("up prod --target", StringComparison.Ordinal));
    }

    [Fact]
    public async Task After_retirement_a_rollback_is_refused_and_says_how_to_bring_the_old_release_back()
    {
        using var h = Idle();
        var before = h.Text;

        Assert.Equal(ExitCodes.Refused, await h.Run("rollback", "--yes"));

        Assert.Equal(before, h.Text);
        Assert.Contains("blue is retired, so there is no deployed colour to roll back to; to bring its release back, run 'start --version 1.4.2'", h.Output, StringComparison.Ordinal);
        Assert.Empty(h.PulumiCalls);
    }

    [Fact]
    public async Task Status_and_plan_name_the_phase_and_the_moves_it_allows()
    {
        using var h = Promoted();

        Assert.Equal(0, await h.Run("status"));
        Assert.Contains("Phase: stabilizing: green promoted and live, blue kept as the rollback target until retired", h.Output, StringComparison.Ordinal);
        Assert.Contains("Next moves: rollback (back to the previous colour); retire (once the stabilization window is over)", h.Output, StringComparison.Ordinal);

        Assert.Equal(0, await h.Run("plan"));
        Assert.Contains("Phase: stabilizing", h.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task During_stabilization_watch_guards_the_live_colour_until_the_window_ends_and_rolls_back_on_alarm()
    {
        using var h = Promoted();
        h.Outputs = h.Outputs with { CompositeAlarmArn = "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:shop-prod-green-rollback" };
        h.Aws.SetupSequence(a => a.DescribeAlarmsAsync(It.IsAny<IReadOnlyList<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync([new AlarmStatus("shop-prod-green-rollback", AlarmState.Ok, null)])
            .ReturnsAsync([new AlarmStatus("shop-prod-green-rollback", AlarmState.Alarm, "p95 above 1 s")]);

        Assert.Equal(ExitCodes.RolledBack, await h.Run("watch", "--interval", "5m"));

        Assert.Contains("until 2026-01-08T08:00:00Z (green at 100 %, the 72h stabilization window); an ALARM rolls back to blue", h.Output, StringComparison.Ordinal);
        Assert.Equal("blue", h.Value(ConfigKeys.ReleaseLive));
    }

    [Fact]
    public async Task When_idle_there_is_nothing_to_watch()
    {
        using var h = Idle();

        Assert.Equal(ExitCodes.Refused, await h.Run("watch"));
        Assert.Contains("idle: green live, blue retired: no colour is at risk", h.Output, StringComparison.Ordinal);
    }
}
