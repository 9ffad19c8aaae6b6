using BlueGreen.Ramp.Tools;
using BlueGreen.Release;
using Moq;

namespace BlueGreen.Ramp.Tests;

/// <summary>
/// The parsers of the tools' outputs on fixtures in the tools' own formats. The AWS CLI prints an operation's
/// output shape as JSON (member names and enums of botocore's service-2.json: cloudwatch 2010-08-01, elbv2
/// 2015-12-01, ssm 2014-11-06; timestamps as ISO 8601 with an offset, the CLI's default). Pulumi's formats are
/// cited per test.
/// </summary>
public class ToolOutputFormatTests
{
    private static Mock<IProcessRunner> Runner(ProcessResult result)
    {
        var runner = new Mock<IProcessRunner>();
        runner.Setup(r => r.RunAsync(It.IsAny<string>(), It.IsAny<IReadOnlyList<string>>(), It.IsAny<CancellationToken>())).ReturnsAsync(result);
        return runner;
    }

    /// <summary>pkg/cmd/pulumi/stack/stack_output.go: <c>--json</c> prints every output in one object (ui.FprintJSON);
    /// without <c>--show-secrets</c> a secret is the string "[secret]" (pkg/backend/display/json.go); numbers are JSON numbers.</summary>
    [Fact]
    public void Stack_outputs_are_read_from_pulumis_json()
    {
        const string json = """
            {
              "alarmNames": {
                "blue.ErrorRateCritical": "shop-prod-blue-error-rate-critical",
                "green.ErrorRateCritical": "shop-prod-green-error-rate-critical"
              },
              "blueRelease": "1.4.2",
              "blueTargetGroupArn": "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/shop-blue-adf6b7aa/8dbc11326f4f700a",
              "blueWeight": 95,
              "compositeAlarmArn": "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:shop-prod-green-rollback",
              "greenRelease": "1.5.0",
              "greenWeight": 5,
              "listenerArn": "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/shop-edge-alb/50dc6c495c0c9188/f2f7dc8efc522ab2",
              "liveColour": "blue",
              "smokePassed": true,
              "smokeRelease": "1.5.0",
              "step": 1,
              "testRouteKey": "[secret]"
            }
            """;
        var outputs = StackOutputs.Parse(json);

        Assert.Equal(Colour.Blue, outputs.Live);
        Assert.Equal(1, outputs.Step);
        Assert.Equal("shop-prod-green-rollback", outputs.CompositeAlarmName);
        Assert.Equal("1.5.0", outputs.Releases[Colour.Green]);
        Assert.True(outputs.SmokePassed);
        Assert.Equal([("ErrorRateCritical", "shop-prod-green-error-rate-critical")], outputs.AlarmsOf(Colour.Green));
        Assert.EndsWith("shop-blue-adf6b7aa/8dbc11326f4f700a", outputs.TargetGroupArns[Colour.Blue], StringComparison.Ordinal);
    }

    /// <summary>DescribeAlarmsOutput: MetricAlarms[] and CompositeAlarms[], each with AlarmName, AlarmArn, StateValue
    /// (StateValue enum: OK, ALARM, INSUFFICIENT_DATA), StateReason, StateUpdatedTimestamp.</summary>
    [Fact]
    public void Describe_alarms_reads_metric_and_composite_alarms()
    {
        const string json = """
            {
                "MetricAlarms": [
                    {
                        "AlarmName": "shop-prod-green-error-rate-critical",
                        "AlarmArn": "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:shop-prod-green-error-rate-critical",
                        "AlarmConfigurationUpdatedTimestamp": "2026-01-02T09:00:00.123000+00:00",
                        "ActionsEnabled": true,
                        "StateValue": "ALARM",
                        "StateReason": "Threshold Crossed: 1 out of the last 1 datapoints [2.5 (02/01/26 10:51:00)] was greater than the threshold (1.0).",
                        "StateUpdatedTimestamp": "2026-01-02T10:52:00.456000+00:00",
                        "Metrics": [{"Id": "rate", "Expression": "100 * errors / requests", "ReturnData": true}],
                        "EvaluationPeriods": 5,
                        "ComparisonOperator": "GreaterThanThreshold"
                    }
                ],
                "CompositeAlarms": [
                    {
                        "AlarmName": "shop-prod-green-rollback",
                        "AlarmArn": "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:shop-prod-green-rollback",
                        "AlarmRule": "ALARM(\"shop-prod-green-error-rate-critical\")",
                        "StateValue": "INSUFFICIENT_DATA",
                        "StateUpdatedTimestamp": "2026-01-02T09:00:00.000000+00:00"
                    }
                ]
            }
            """;

        var alarms = AwsCli.ParseAlarms(json);
        Assert.Equal(AlarmState.Alarm, alarms[0].State);
        Assert.StartsWith("Threshold Crossed", alarms[0].Reason, StringComparison.Ordinal);
        Assert.Equal(new AlarmStatus("shop-prod-green-rollback", AlarmState.InsufficientData, null), alarms[1]);
    }

    /// <summary>DescribeListenersOutput: Listeners[].DefaultActions[] (Action: Type, TargetGroupArn, ForwardConfig with
    /// TargetGroups[] of TargetGroupArn and Weight, TargetGroupStickinessConfig). A weighted forward has no
    /// top-level TargetGroupArn; a single-group forward has both.</summary>
    [Fact]
    public void Describe_listeners_reads_the_weights_of_the_forward_action()
    {
        const string json = """
            {
                "Listeners": [
                    {
                        "ListenerArn": "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/shop-edge-alb/50dc6c495c0c9188/f2f7dc8efc522ab2",
                        "LoadBalancerArn": "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/shop-edge-alb/50dc6c495c0c9188",
                        "Port": 443,
                        "Protocol": "HTTPS",
                        "Certificates": [{"CertificateArn": "arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9"}],
                        "SslPolicy": "ELBSecurityPolicy-TLS13-1-2-2021-06",
                        "DefaultActions": [
                            {
                                "Type": "forward",
                                "ForwardConfig": {
                                    "TargetGroups": [
                                        {"TargetGroupArn": "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/shop-blue-adf6b7aa/8dbc11326f4f700a", "Weight": 95},
                                        {"TargetGroupArn": "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/shop-green-5d991fca/4817d1061927fe47", "Weight": 5}
                                    ],
                                    "TargetGroupStickinessConfig": {"Enabled": true, "DurationSeconds": 3600}
                                }
                            }
                        ]
                    }
                ]
            }
            """;

        Assert.Equal([95, 5], AwsCli.ParseListenerWeights(json).Select(t => t.Weight));
    }

    /// <summary>DescribeTargetHealthOutput: TargetHealthDescriptions[] with Target (Id, Port, AvailabilityZone) and
    /// TargetHealth (State enum initial, healthy, unhealthy, unused, draining, unavailable; Reason, e.g. Target.NotInUse).</summary>
    [Fact]
    public async Task Describe_target_health_counts_only_healthy_targets()
    {
        const string json = """
            {
                "TargetHealthDescriptions": [
                    {"Target": {"Id": "10.0.1.15", "Port": 8080, "AvailabilityZone": "eu-west-1a"}, "HealthCheckPort": "8080", "TargetHealth": {"State": "healthy"}},
                    {"Target": {"Id": "10.0.2.16", "Port": 8080, "AvailabilityZone": "eu-west-1b"}, "HealthCheckPort": "8080",
                     "TargetHealth": {"State": "unused", "Reason": "Target.NotInUse", "Description": "Target group is not configured to receive traffic from the load balancer"}},
                    {"Target": {"Id": "10.0.3.17", "Port": 8080, "AvailabilityZone": "eu-west-1c"}, "HealthCheckPort": "8080",
                     "TargetHealth": {"State": "initial", "Reason": "Elb.RegistrationInProgress", "Description": "Target registration is in progress"}}
                ]
            }
            """;

        Assert.Equal(1, await new AwsCli(Runner(new ProcessResult(0, json, "")).Object).HealthyTargetsAsync("arn:tg"));
    }

    /// <summary><c>aws ssm get-parameter --query Parameter.Value --output text</c> prints the value and a newline; a
    /// missing parameter is exit 254 with botocore's ClientError text, "An error occurred (ParameterNotFound) when calling
    /// the GetParameter operation: " (botocore/exceptions.py ClientError.MSG_TEMPLATE; ParameterNotFound is a
    /// GetParameter error of the ssm model).</summary>
    [Fact]
    public async Task Get_parameter_reads_the_value_and_tells_a_missing_parameter()
    {
        const string record = "{\"at\":\"2026-01-02T10:53:00Z\",\"alarm\":\"shop-prod-green-rollback\",\"rolledBack\":\"green\",\"to\":\"blue\"}";
        Assert.Equal(record, await new AwsCli(Runner(new ProcessResult(0, record + "\n", "")).Object).GetParameterAsync("/bluegreen/shop-prod/automatic-rollback"));

        var missing = new ProcessResult(254, "", "\nAn error occurred (ParameterNotFound) when calling the GetParameter operation: \n");
        Assert.Null(await new AwsCli(Runner(missing).Object).GetParameterAsync("/bluegreen/shop-prod/automatic-rollback"));

        var denied = new ProcessResult(254, "", "\nAn error occurred (AccessDeniedException) when calling the GetParameter operation: User is not authorized\n");
        await Assert.ThrowsAsync<ToolFailedException>(() => new AwsCli(Runner(denied).Object).GetParameterAsync("/x"));
    }

    /// <summary>DescribeAlarmHistoryInput.AlarmTypes: "If you omit this parameter, only metric alarms are returned", and
    /// the rollback alarm whose transitions <c>ramp history</c> reads is a composite alarm.</summary>
    [Fact]
    public async Task Alarm_history_asks_for_composite_alarms_too()
    {
        var runner = Runner(new ProcessResult(0, "{\"AlarmHistoryItems\": []}", ""));
        await new AwsCli(runner.Object).AlarmTransitionsAsync("shop-prod-green-rollback");
        runner.Verify(r => r.RunAsync("aws", It.Is<IReadOnlyList<string>>(a => string.Join(' ', a).Contains("--alarm-types MetricAlarm CompositeAlarm", StringComparison.Ordinal)), It.IsAny<CancellationToken>()));
    }
}
