using BlueGreen.Ramp.Tools;
using BlueGreen.Release;
using Moq;

namespace BlueGreen.Ramp.Tests;

public class WatchTests
{
    [Fact]
    public async Task An_alarm_during_the_bake_rolls_back_and_exits_3()
    {
        using var h = Harness.AtStep(2);
        var polls = 0;
        h.Aws.Setup(a => a.DescribeAlarmsAsync(It.IsAny<IReadOnlyList<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((IReadOnlyList<string> names, CancellationToken _) =>
                [.. names.Select(n => new AlarmStatus(n, ++polls >= 3 ? AlarmState.Alarm : AlarmState.Ok, polls >= 3 ? "5xx above 1 %" : null))]);

        Assert.Equal(ExitCodes.RolledBack, await h.Run("watch", "--bake", "10m", "--interval", "1m"));
        Assert.Equal("0", h.Value(ConfigKeys.RampStep));
        Assert.Equal(UtcTimestamp.Format(Harness.Start.AddMinutes(2)), h.Value(ConfigKeys.RampStepSetAt));
        Assert.Single(h.PulumiCalls, c => c.StartsWith("up prod --target", StringComparison.Ordinal));
        h.Sleeper.Verify(s => s.SleepAsync(TimeSpan.FromMinutes(1), It.IsAny<CancellationToken>()), Times.Exactly(2));
        h.Aws.Verify(a => a.DescribeAlarmsAsync(It.Is<IReadOnlyList<string>>(n => n.SequenceEqual(new[] { "shop-prod-rollback" })), It.IsAny<CancellationToken>()));
        Assert.Contains("poll 2: shop-prod-rollback OK; 9m left", h.Output, StringComparison.Ordinal);
        Assert.Contains("ALARM: shop-prod-rollback (5xx above 1 %) — rolling back.", h.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_quiet_bake_ends_when_the_time_is_up_with_a_bounded_number_of_polls()
    {
        using var h = Harness.AtStep(1);
        Assert.Equal(0, await h.Run("watch", "--bake", "5m", "--interval", "2m"));
        Assert.Equal(Harness.Start.AddMinutes(5), h.Clock.Now);
        h.Sleeper.Verify(s => s.SleepAsync(TimeSpan.FromMinutes(2), It.IsAny<CancellationToken>()), Times.Exactly(2));
        h.Sleeper.Verify(s => s.SleepAsync(TimeSpan.FromMinutes(1), It.IsAny<CancellationToken>()), Times.Once);
        h.Aws.Verify(a => a.DescribeAlarmsAsync(It.IsAny<IReadOnlyList<string>>(), It.IsAny<CancellationToken>()), Times.Exactly(4));
        Assert.Contains("Baked: no alarm in 5m at 5 %.", h.Output, StringComparison.Ordinal);
        Assert.Empty(h.PulumiCalls);
        Assert.Equal("1", h.Value(ConfigKeys.RampStep));
    }

    [Fact]
    public async Task Watch_keeps_watching_through_a_throttled_read_and_shows_each_retry()
    {
        using var h = Harness.AtStep(1);
        var calls = 0;
        h.Aws.Setup(a => a.DescribeAlarmsAsync(It.IsAny<IReadOnlyList<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((IReadOnlyList<string> names, CancellationToken _) => ++calls is 2 or 3
                ? throw new ToolFailedException("aws", ["cloudwatch"], new ProcessResult(255, "", "An error occurred (Throttling): Rate exceeded"))
                : [.. names.Select(n => new AlarmStatus(n, AlarmState.Ok, null))]);

        Assert.Equal(0, await h.Run("watch", "--bake", "5m", "--interval", "2m"));

        Assert.Contains("Reading the alarms failed (attempt 1 of 5): An error occurred (Throttling): Rate exceeded; trying again in 10s.", h.Output, StringComparison.Ordinal);
        Assert.Contains("(attempt 2 of 5)", h.Output, StringComparison.Ordinal);
        Assert.Contains("Baked: no alarm in 5m", h.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sustained_aws_errors_end_the_watch_with_exit_5_saying_nothing_watches_any_more()
    {
        using var h = Harness.AtStep(1);
        h.Aws.Setup(a => a.DescribeAlarmsAsync(It.IsAny<IReadOnlyList<string>>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ToolFailedException("aws", ["cloudwatch"], new ProcessResult(255, "", "Could not connect to the endpoint URL")));

        Assert.Equal(ExitCodes.Unread, await h.Run("watch", "--bake", "30m"));

        h.Aws.Verify(a => a.DescribeAlarmsAsync(It.IsAny<IReadOnlyList<string>>(), It.IsAny<CancellationToken>()), Times.Exactly(5));
        Assert.Contains("Watch stopped: the alarms could not be read 5 times in a row; nothing is watching green any more", h.Output, StringComparison.Ordinal);
        Assert.Empty(h.PulumiCalls);
    }

    [Fact]
    public async Task A_clock_that_does_not_move_cannot_make_watch_loop_forever()
    {
        using var h = Harness.AtStep(1);
        h.Sleeper.Setup(s => s.SleepAsync(It.IsAny<TimeSpan>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        Assert.Equal(ExitCodes.Error, await h.Run("watch", "--bake", "3m", "--interval", "1m"));
        h.Aws.Verify(a => a.DescribeAlarmsAsync(It.IsAny<IReadOnlyList<string>>(), It.IsAny<CancellationToken>()), Times.Exactly(4));
    }

    [Fact]
    public async Task Without_a_composite_alarm_the_new_colours_alarms_are_watched()
    {
        using var h = Harness.AtStep(1);
        h.Outputs = h.Outputs with { CompositeAlarmArn = null };
        Assert.Equal(0, await h.Run("watch", "--bake", "1m"));
        h.Aws.Verify(a => a.DescribeAlarmsAsync(
            It.Is<IReadOnlyList<string>>(n => n.SequenceEqual(new[] { "shop-prod-green-err-crit", "shop-prod-green-unhealthy" })),
            It.IsAny<CancellationToken>()));
    }
}

public class StatusTests
{
    [Fact]
    public async Task Without_aws_credentials_status_shows_the_config_side_only()
    {
        using var h = new Harness("prod");
        h.Set(ConfigEdit.Number(ConfigKeys.RampStep, 2), ConfigEdit.Time(ConfigKeys.RampStepSetAt, h.Clock.Now));
        h.Clock.Advance(TimeSpan.FromMinutes(90));
        Assert.Equal(0, await h.Run("status"));
        var output = h.Output;
        Assert.Contains("Live colour: blue", output, StringComparison.Ordinal);
        Assert.Contains("│ blue   │ 1.4.2     │ 3        │ 75 %   │ live", output, StringComparison.Ordinal);
        Assert.Contains("│ green  │ 1.5.0     │ 3        │ 25 %   │ new (ramping, step 2)", output, StringComparison.Ordinal);
        Assert.Contains("◀ current, 1h30m ago", output, StringComparison.Ordinal);
        Assert.Contains("Bake: 2h30m left (until 2026-01-05T13:00:00Z) before 'next'", output, StringComparison.Ordinal);
        Assert.Contains("Stabilization: 72h after the next promotion", output, StringComparison.Ordinal);
        Assert.Contains("not read (no AWS CLI or no AWS credentials here)", output, StringComparison.Ordinal);
        Assert.Contains(
            "Test route: -H 'X-Colour: <colour>' -H 'X-Test-Route-Key: <key>'; the key: pulumi stack output testRouteKey --show-secrets --stack prod",
            output,
            StringComparison.Ordinal);
        h.Pulumi.Verify(p => p.StackOutputsAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task With_aws_status_shows_alarm_states_and_flags_listener_drift()
    {
        using var h = new Harness("prod");
        h.Set(ConfigEdit.Number(ConfigKeys.RampStep, 2), ConfigEdit.Time(ConfigKeys.RampStepSetAt, h.Clock.Now));
        h.Aws.Setup(a => a.HasCredentialsAsync(It.IsAny<CancellationToken>())).ReturnsAsync(true);
        h.AlarmStates["shop-prod-green-unhealthy"] = AlarmState.Alarm;
        h.Aws.Setup(a => a.DescribeListenerWeightsAsync(h.Outputs.ListenerArn!, It.IsAny<CancellationToken>())).ReturnsAsync(
        [
            new ListenerTarget(h.Outputs.TargetGroupArns[Colour.Blue], 95),
            new ListenerTarget(h.Outputs.TargetGroupArns[Colour.Green], 5),
        ]);
        Assert.Equal(ExitCodes.Drift, await h.Run("status"));
        var output = h.Output;
        Assert.Contains("│ green  │ UnhealthyHosts       │ shop-prod-green-unhealthy │ ALARM", output, StringComparison.Ordinal);
        Assert.Contains("│ blue   │ ErrorRateCritical    │ shop-prod-blue-err-crit   │ OK", output, StringComparison.Ordinal);
        Assert.Contains("rollback (composite)", output, StringComparison.Ordinal);
        Assert.Contains("│ blue   │ 75 %   │ 95 %     │ drift", output, StringComparison.Ordinal);
        Assert.Contains("The listener's weights differ from Pulumi.prod.yaml", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Matching_listener_weights_are_not_drift()
    {
        using var h = new Harness("prod");
        h.Aws.Setup(a => a.HasCredentialsAsync(It.IsAny<CancellationToken>())).ReturnsAsync(true);
        h.Aws.Setup(a => a.DescribeListenerWeightsAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync(
        [
            new ListenerTarget(h.Outputs.TargetGroupArns[Colour.Blue], 100),
            new ListenerTarget(h.Outputs.TargetGroupArns[Colour.Green], 0),
        ]);
        Assert.Equal(0, await h.Run("status"));
        Assert.DoesNotContain("drift", h.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_aws_but_no_pulumi_status_says_why_it_shows_no_live_state()
    {
        using var h = new Harness("prod");
        h.Aws.Setup(a => a.HasCredentialsAsync(It.IsAny<CancellationToken>())).ReturnsAsync(true);
        h.Pulumi.Setup(p => p.StackOutputsAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ThrowsAsync(new ToolMissingException("pulumi", "not found"));
        Assert.Equal(ExitCodes.Unread, await h.Run("status"));
        Assert.Contains("'pulumi' was not found", h.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_live_without_credentials_exits_5_and_without_live_exits_0()
    {
        using var h = new Harness("prod");
        Assert.Equal(ExitCodes.Unread, await h.Run("status", "--live"));
        Assert.Equal(ExitCodes.Ok, await h.Run("status"));
    }

    [Fact]
    public async Task A_throttled_read_of_the_alarms_is_a_status_that_could_not_read_the_live_state()
    {
        using var h = new Harness("prod");
        h.Aws.Setup(a => a.HasCredentialsAsync(It.IsAny<CancellationToken>())).ReturnsAsync(true);
        h.Aws.Setup(a => a.DescribeAlarmsAsync(It.IsAny<IReadOnlyList<string>>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ToolFailedException("aws", ["cloudwatch"], new ProcessResult(255, "", "An error occurred (Throttling): Rate exceeded")));

        Assert.Equal(ExitCodes.Unread, await h.Run("status"));
        Assert.Contains("Live state: not read", h.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_a_promotion_status_counts_down_the_stabilization_window()
    {
        using var h = new Harness("prod");
        h.Set(
            ConfigEdit.Time(ConfigKeys.RampStepSetAt, h.Clock.Now),
            ConfigEdit.Plain(ConfigKeys.ReleaseLive, "green"),
            ConfigEdit.Time(ConfigKeys.ReleasePromotedAt, h.Clock.Now.AddHours(1)));
        h.Clock.Advance(TimeSpan.FromHours(3));
        Assert.Equal(0, await h.Run("status"));
        Assert.Contains("Stabilization: 70h left (until 2026-01-08T10:00:00Z) before 'retire'", h.Output, StringComparison.Ordinal);
        Assert.Contains("old (rollback target until retired)", h.Output, StringComparison.Ordinal);
    }
}

public class PlanTests
{
    [Fact]
    public async Task Plan_shows_every_step_and_the_earliest_completion_from_now_and_from_stepSetAt()
    {
        using var h = new Harness("prod");
        h.Set(ConfigEdit.Number(ConfigKeys.RampStep, 1), ConfigEdit.Time(ConfigKeys.RampStepSetAt, h.Clock.Now));
        h.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await h.Run("plan"));
        var output = h.Output;
        Assert.Contains("schedule [0, 5, 25, 50, 100], 15h30m of bake in all", output, StringComparison.Ordinal);
        Assert.Contains("│ 0    │ 0 %      │ 30m  │ done", output, StringComparison.Ordinal);
        Assert.Contains("▶ 1", output, StringComparison.Ordinal);
        Assert.Contains("│   2  │ 25 %     │ 4h   │ +1h (11:00Z)", output, StringComparison.Ordinal);

        // from stepSetAt 09:00: 2h + 4h + 8h + 1h = 24:00; from now (10:00): one hour later.
        Assert.Contains("Completion (promotion) at the earliest: 2026-01-06T00:00:00Z counting from stepSetAt, 2026-01-06T01:00:00Z counting from now", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_release_the_plan_is_for_one_started_now()
    {
        using var h = new Harness("staging");
        Assert.Equal(0, await h.Run("plan"));
        Assert.Contains("1h50m of bake in all", h.Output, StringComparison.Ordinal);
        Assert.Contains("2026-01-05T10:50:00Z counting from now", h.Output, StringComparison.Ordinal);
    }
}
