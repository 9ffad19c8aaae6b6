using BlueGreen.Ramp.Tools;
using BlueGreen.Release;
using Moq;

namespace BlueGreen.Ramp.Tests;

/// <summary>The outside programs: the arguments they get, their failures, streaming and cancellation.</summary>
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
        Assert.False(await new AwsCli(runner.Object, AwsCredentialSourcesTests.With(env: new() { ["AWS_PROFILE"] = "prod" })).HasCredentialsAsync());
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
    public async Task The_process_runner_hands_each_line_over_while_the_program_still_runs()
    {
        // The program prints "first", then waits until the test has seen that line (the callback writes a
        // marker file) before it prints the rest: if lines were only handed over at exit, it would time out.
        var marker = Path.Combine(Path.GetTempPath(), "ramp-stream-" + Guid.NewGuid().ToString("N"));
        var lines = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var script = $"echo first; i=0; while [ ! -f '{marker}' ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i+1)); done; " +
                     $"if [ -f '{marker}' ]; then echo second >&2; echo third; else echo 'timed out'; exit 1; fi";

        var result = await new ProcessRunner(Path.GetTempPath()).StreamAsync("sh", ["-c", script], line =>
        {
            lines.Enqueue(line);
            if (line == "first")
            {
                File.WriteAllText(marker, "seen");
            }
        });
        File.Delete(marker);

        Assert.True(result.Succeeded, result.StandardOutput);
        Assert.Equal(["first", "second", "third"], lines.Order(StringComparer.Ordinal));
        Assert.Equal("first\nthird\n", result.StandardOutput);
        Assert.Equal("second\n", result.StandardError);
    }

    [Fact]
    public async Task Cancelling_kills_the_program_instead_of_waiting_for_it()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var watch = System.Diagnostics.Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new ProcessRunner(Path.GetTempPath()).StreamAsync("sleep", ["30"], _ => { }, cancel.Token));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task Pulumi_up_streams_its_output_to_the_progress_sink_and_other_commands_do_not()
    {
        var runner = Runner(new ProcessResult(0, "{}", ""));
        runner.Setup(r => r.StreamAsync("pulumi", It.IsAny<IReadOnlyList<string>>(), It.IsAny<Action<string>>(), It.IsAny<CancellationToken>()))
            .Callback((string _, IReadOnlyList<string> _, Action<string> onLine, CancellationToken _) => onLine("+ aws:lb:Listener shop-edge-https updating"))
            .ReturnsAsync(new ProcessResult(0, "done", ""));
        var seen = new List<string>();
        var pulumi = new PulumiCli(runner.Object, seen.Add);

        Assert.Equal("done", await pulumi.UpAsync("prod"));
        await pulumi.UpTargetAsync("prod", "urn:listener");
        await pulumi.PreviewAsync("prod");

        Assert.Equal(["+ aws:lb:Listener shop-edge-https updating", "+ aws:lb:Listener shop-edge-https updating"], seen);
        runner.Verify(r => r.StreamAsync("pulumi", It.Is<IReadOnlyList<string>>(a => a.SequenceEqual(new[] { "up", "--yes", "--stack", "prod", "--target", "urn:listener" })), It.IsAny<Action<string>>(), It.IsAny<CancellationToken>()));
        runner.Verify(r => r.RunAsync("pulumi", It.Is<IReadOnlyList<string>>(a => a[0] == "preview"), It.IsAny<CancellationToken>()));
    }

    [Fact]
    public async Task The_process_runner_captures_output_and_exit_code()
    {
        var result = await new ProcessRunner(Path.GetTempPath()).RunAsync("dotnet", ["--version"]);
        Assert.True(result.Succeeded);
        Assert.Matches(@"^\d+\.\d+", result.StandardOutput);
    }
}
