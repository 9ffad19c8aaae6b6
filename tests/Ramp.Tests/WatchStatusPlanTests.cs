using BlueGreen.Ramp.Tools;
using BlueGreen.Release;
using Moq;

namespace BlueGreen.Ramp.Tests;

public class WatchTests
{
    private static Harness AtStep(int step)
    {
        var h = new Harness("prod");
        h.Set(ConfigEdit.Number(ConfigKeys.RampStep, step), ConfigEdit.Time(ConfigKeys.RampStepSetAt, h.Clock.Now));
        return h;
    }

    [Fact]
    public async Task An_alarm_during_the_bake_rolls_back_and_exits_3()
    {
        using var h = AtStep(2);
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
        using var h = AtStep(1);
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
        using var h = AtStep(1);
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
        using var h = AtStep(1);
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
        using var h = AtStep(1);
        h.Sleeper.Setup(s => s.SleepAsync(It.IsAny<TimeSpan>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        Assert.Equal(ExitCodes.Error, await h.Run("watch", "--bake", "3m", "--interval", "1m"));
        h.Aws.Verify(a => a.DescribeAlarmsAsync(It.IsAny<IReadOnlyList<string>>(), It.IsAny<CancellationToken>()), Times.Exactly(4));
    }

    [Fact]
    public async Task Without_a_composite_alarm_the_new_colours_alarms_are_watched()
    {
        using var h = AtStep(1);
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

public class ToolTests
{
    private static Mock<IProcessRunner> Runner(ProcessResult result)
    {
        var runner = new Mock<IProcessRunner>();
        runner.Setup(r => r.RunAsync(It.IsAny<string>(), It.IsAny<IReadOnlyList<string>>(), It.IsAny<CancellationToken>())).ReturnsAsync(result);
        return runner;
    }

    [Fact]
    public async Task Pulumi_is_run_with_the_documented_arguments()
    {
        var runner = Runner(new ProcessResult(0, "{}", ""));
        var pulumi = new PulumiCli(runner.Object);
        await pulumi.PreviewAsync("prod");
        await pulumi.UpAsync("prod");
        await pulumi.StackOutputsAsync("prod");
        runner.Verify(r => r.RunAsync("pulumi", It.Is<IReadOnlyList<string>>(a => a.SequenceEqual(new[] { "preview", "--diff", "--stack", "prod" })), It.IsAny<CancellationToken>()));
        runner.Verify(r => r.RunAsync("pulumi", It.Is<IReadOnlyList<string>>(a => a.SequenceEqual(new[] { "up", "--yes", "--stack", "prod" })), It.IsAny<CancellationToken>()));
        runner.Verify(r => r.RunAsync("pulumi", It.Is<IReadOnlyList<string>>(a => a.SequenceEqual(new[] { "stack", "output", "--json", "--stack", "prod" })), It.IsAny<CancellationToken>()));
    }

    [Fact]
    public async Task A_failing_tool_carries_its_stderr()
    {
        var pulumi = new PulumiCli(Runner(new ProcessResult(1, "", "error: not logged in\n")).Object);
        var e = await Assert.ThrowsAsync<ToolFailedException>(() => pulumi.PreviewAsync("prod"));
        Assert.Equal("error: not logged in", e.Detail);
        Assert.Contains("'pulumi preview --diff --stack prod' failed with exit code 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Git_asks_about_the_stack_file_only()
    {
        var runner = Runner(new ProcessResult(0, " M Pulumi.prod.yaml\n", ""));
        Assert.Equal(" M Pulumi.prod.yaml", await new Git(runner.Object).StatusPorcelainAsync("Pulumi.prod.yaml"));
        runner.Verify(r => r.RunAsync("git", It.Is<IReadOnlyList<string>>(a => a.SequenceEqual(new[] { "status", "--porcelain", "--", "Pulumi.prod.yaml" })), It.IsAny<CancellationToken>()));
    }

    [Fact]
    public async Task Aws_describes_the_named_alarms_and_reads_their_states()
    {
        const string json = """
            {"MetricAlarms": [{"AlarmName": "a", "StateValue": "OK"}, {"AlarmName": "b", "StateValue": "ALARM", "StateReason": "Threshold crossed"}],
             "CompositeAlarms": [{"AlarmName": "c", "StateValue": "INSUFFICIENT_DATA"}]}
            """;
        var runner = Runner(new ProcessResult(0, json, ""));
        var alarms = await new AwsCli(runner.Object).DescribeAlarmsAsync(["a", "b", "c"]);
        Assert.Equal(
            [new AlarmStatus("a", AlarmState.Ok, null), new AlarmStatus("b", AlarmState.Alarm, "Threshold crossed"), new AlarmStatus("c", AlarmState.InsufficientData, null)],
            alarms);
        runner.Verify(r => r.RunAsync("aws", It.Is<IReadOnlyList<string>>(a => a.Take(2).SequenceEqual(new[] { "cloudwatch", "describe-alarms" }) && a.TakeLast(4).SequenceEqual(new[] { "--alarm-names", "a", "b", "c" })), It.IsAny<CancellationToken>()));
    }

    [Fact]
    public void Listener_weights_are_read_from_the_forward_action()
    {
        const string json = """
            {"Listeners": [{"DefaultActions": [{"Type": "forward", "ForwardConfig": {"TargetGroups": [
              {"TargetGroupArn": "tg-blue", "Weight": 75}, {"TargetGroupArn": "tg-green", "Weight": 25}]}}]}]}
            """;
        Assert.Equal([new ListenerTarget("tg-blue", 75), new ListenerTarget("tg-green", 25)], AwsCli.ParseListenerWeights(json));
    }

    [Fact]
    public async Task No_aws_cli_means_no_credentials()
    {
        var runner = new Mock<IProcessRunner>();
        runner.Setup(r => r.RunAsync("aws", It.IsAny<IReadOnlyList<string>>(), It.IsAny<CancellationToken>())).ThrowsAsync(new ToolMissingException("aws", "not found"));
        Assert.False(await new AwsCli(runner.Object).HasCredentialsAsync());
    }

    [Fact]
    public void Stack_outputs_give_alarm_names_by_colour_and_the_composite_name()
    {
        const string json = """
            {"alarmNames": {"green.ErrorRateCritical": "g-err", "blue.ErrorRateCritical": "b-err", "green.UnhealthyHosts": "g-unh"},
             "compositeAlarmArn": "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:shop-prod-rollback",
             "blueTargetGroupArn": "tg-b", "greenTargetGroupArn": "tg-g", "step": 2}
            """;
        var outputs = StackOutputs.Parse(json);
        Assert.Equal([("ErrorRateCritical", "g-err"), ("UnhealthyHosts", "g-unh")], outputs.AlarmsOf(Colour.Green));
        Assert.Equal("shop-prod-rollback", outputs.CompositeAlarmName);
        Assert.Equal("tg-g", outputs.TargetGroupArns[Colour.Green]);
        Assert.Null(outputs.ListenerArn);
    }

    [Fact]
    public async Task A_program_that_is_not_installed_is_reported_as_missing()
    {
        var e = await Assert.ThrowsAsync<ToolMissingException>(() =>
            new ProcessRunner(Path.GetTempPath()).RunAsync("no-such-tool-for-ramp-tests", []));
        Assert.Contains("'no-such-tool-for-ramp-tests' was not found", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_process_runner_captures_output_and_exit_code()
    {
        var result = await new ProcessRunner(Path.GetTempPath()).RunAsync("dotnet", ["--version"]);
        Assert.True(result.Succeeded);
        Assert.Matches(@"^\d+\.\d+", result.StandardOutput);
    }
}
