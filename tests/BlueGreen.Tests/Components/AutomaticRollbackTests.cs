using System.Text.Json;
using BlueGreen.Components;
using BlueGreen.Release;

namespace BlueGreen.Tests.Components;

[Collection(PulumiCollection.Name)]
public class AutomaticRollbackTests
{
    internal const string Listener = "arn:aws-us-gov:elasticloadbalancing:us-gov-west-1:123456789012:listener/app/shop/abc/def";
    internal const string BlueGroup = "arn:aws-us-gov:elasticloadbalancing:us-gov-west-1:123456789012:targetgroup/shop-blue-0a1b2c3d/1";
    internal const string GreenGroup = "arn:aws-us-gov:elasticloadbalancing:us-gov-west-1:123456789012:targetgroup/shop-green-5d991fca/2";
    internal const string Alarm = "arn:aws-us-gov:cloudwatch:us-gov-west-1:123456789012:alarm:shop-prod-green-rollback";
    internal const string Topic = "arn:aws-us-gov:sns:us-gov-west-1:123456789012:shop-critical";
    internal const string TopicKey = "arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    /// <summary>In GovCloud, so a hard-coded <c>arn:aws:</c> shows.</summary>
    internal static AutomaticRollbackArgs Args(bool targets = true, string? topicKey = null) => new()
    {
        NamePrefix = "shop-prod",
        Region = "us-gov-west-1",
        AccountId = "123456789012",
        Partition = "aws-us-gov",
        Targets = targets
            ? new AutomaticRollbackTargets
            {
                ListenerArn = Listener,
                AtRisk = Colour.Green,
                AtRiskTargetGroupArn = GreenGroup,
                RollbackTarget = Colour.Blue,
                RollbackTargetGroupArn = BlueGroup,
                AlarmArn = Alarm,
                CriticalTopicArn = Topic,
                CriticalTopicKmsKeyArn = topicKey is null ? null : (Pulumi.Input<string>)topicKey,
            }
            : null,
    };

    internal static async Task<PulumiHarness> RunAsync(bool targets = true, string? topicKey = null)
    {
        var harness = new PulumiHarness();
        await harness.RunAsync(() => _ = new AutomaticRollback("shop-auto-rollback", Args(targets, topicKey), harness.RecordingOptions()));
        return harness;
    }

    internal static JsonElement Json(PulumiHarness harness, string name, string input)
    {
        using var json = JsonDocument.Parse((string)harness.Named(name).Inputs.At(input)!);
        return json.RootElement.Clone();
    }

    [Fact]
    public async Task The_rule_matches_only_the_rollback_alarms_transition_to_alarm_and_passes_its_time()
    {
        var harness = await RunAsync();
        var root = Json(harness, "shop-auto-rollback-rule", "eventPattern");

        Assert.Equal(["aws.cloudwatch"], root.GetProperty("source").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["CloudWatch Alarm State Change"], root.GetProperty("detail-type").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal([Alarm], root.GetProperty("resources").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["ALARM"], root.GetProperty("detail").GetProperty("state").GetProperty("value").EnumerateArray().Select(e => e.GetString()));
        var target = harness.Named("shop-auto-rollback-target").Inputs;
        Assert.Equal("$.detail.alarmName", target.At("inputTransformer", "inputPaths", "alarm"));
        Assert.Equal("$.time", target.At("inputTransformer", "inputPaths", "time"));
        Assert.StartsWith("{\"AlarmName\":[<alarm>],\"AlarmTime\":[<time>]", (string)target.At("inputTransformer", "inputTemplate")!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_runbook_moves_all_traffic_records_the_execution_and_sends_every_failed_step_to_a_failure_notice()
    {
        var harness = await RunAsync();
        var steps = Json(harness, "shop-auto-rollback-runbook", "content").GetProperty("mainSteps").EnumerateArray().ToList();

        Assert.Equal(["SendAllTrafficToTheRollbackColour", "RecordTheRollback", "NotifyOnCall", RollbackRunbook.FailureStep], steps.Select(s => s.GetProperty("name").GetString()));
        var forward = steps[0].GetProperty("inputs").GetProperty("DefaultActions")[0].GetProperty("ForwardConfig");
        Assert.Equal(
            [(BlueGroup, 100), (GreenGroup, 0)],
            forward.GetProperty("TargetGroups").EnumerateArray().Select(g => (g.GetProperty("TargetGroupArn").GetString()!, g.GetProperty("Weight").GetInt32())));
        Assert.False(forward.GetProperty("TargetGroupStickinessConfig").GetProperty("Enabled").GetBoolean());
        // The record is written by the runbook as the release model reads it: the execution id is its identity.
        var value = steps[1].GetProperty("inputs").GetProperty("Value").GetString()!
            .Replace("{{automation:EXECUTION_ID}}", "8f2c1a57-3d4e-4b6a-9c0d-1e2f3a4b5c6d", StringComparison.Ordinal)
            .Replace("{{AlarmTime}}", "2026-11-25T22:41:07Z", StringComparison.Ordinal)
            .Replace("{{AlarmName}}", "shop-prod-green-rollback", StringComparison.Ordinal);
        Assert.Equal(
            new AutomaticRollbackRecord("8f2c1a57-3d4e-4b6a-9c0d-1e2f3a4b5c6d", "2026-11-25T22:41:07Z", "shop-prod-green-rollback", Colour.Green, Colour.Blue),
            AutomaticRollbackRecord.Parse(value));
        Assert.Equal($"step:{RollbackRunbook.FailureStep}", steps[0].GetProperty("onFailure").GetString());
        Assert.Equal($"step:{RollbackRunbook.FailureStep}", steps[1].GetProperty("onFailure").GetString());
        Assert.True(steps[2].GetProperty("isEnd").GetBoolean());
        Assert.Equal(Topic, steps[3].GetProperty("inputs").GetProperty("TopicArn").GetString());
    }

    [Fact]
    public async Task A_failed_timed_out_or_cancelled_execution_starts_the_failure_runbook_which_tells_the_critical_topic()
    {
        var harness = await RunAsync();
        var pattern = Json(harness, "shop-auto-rollback-failure-rule", "eventPattern");

        Assert.Equal(["aws.ssm"], pattern.GetProperty("source").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["EC2 Automation Execution Status-change Notification"], pattern.GetProperty("detail-type").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["shop-prod-automatic-rollback"], pattern.GetProperty("detail").GetProperty("Definition").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["Failed", "TimedOut", "Cancelled", "CompletedWithFailure"], pattern.GetProperty("detail").GetProperty("Status").EnumerateArray().Select(e => e.GetString()));
        var target = harness.Named("shop-auto-rollback-failure-target").Inputs;
        Assert.Equal("arn:aws-us-gov:ssm:us-gov-west-1:123456789012:automation-definition/shop-prod-automatic-rollback-failed:$DEFAULT", target.At("arn"));
        var publish = Json(harness, "shop-auto-rollback-failure-runbook", "content").GetProperty("mainSteps")[0].GetProperty("inputs");
        Assert.Equal(("sns", "Publish", Topic), (publish.GetProperty("Service").GetString(), publish.GetProperty("Api").GetString(), publish.GetProperty("TopicArn").GetString()));
        Assert.Contains("{{ExecutionId}}", publish.GetProperty("Message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Both_targets_dead_letter_to_a_queue_only_these_rules_may_write_and_failed_invocations_alarm_the_critical_topic()
    {
        var harness = await RunAsync();
        var queue = harness.Named("shop-auto-rollback-dlq").Inputs;
        const string queueArn = "arn:aws-us-gov:sqs:us-gov-west-1:123456789012:shop-prod-automatic-rollback-dlq";
        string[] rules = ["arn:aws-us-gov:events:us-gov-west-1:123456789012:rule/shop-prod-automatic-rollback", "arn:aws-us-gov:events:us-gov-west-1:123456789012:rule/shop-prod-automatic-rollback-failed"];

        var statement = Json(harness, "shop-auto-rollback-dlq", "policy").GetProperty("Statement")[0];
        Assert.Equal("events.amazonaws.com", statement.GetProperty("Principal").GetProperty("Service")[0].GetString());
        Assert.Equal(["sqs:SendMessage"], statement.GetProperty("Action").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal([queueArn], statement.GetProperty("Resource").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(rules, statement.GetProperty("Condition").GetProperty("ArnEquals").GetProperty("aws:SourceArn").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(true, queue.At("sqsManagedSseEnabled"));
        Assert.Equal("shop-prod-automatic-rollback-dlq", queue.At("name"));
        foreach (var target in new[] { "shop-auto-rollback-target", "shop-auto-rollback-failure-target" })
        {
            Assert.Equal(PulumiHarness.StateOf(harness.Named("shop-auto-rollback-dlq"))["arn"], harness.Named(target).Inputs.At("deadLetterConfig", "arn"));
        }

        foreach (var (alarm, rule) in new[] { ("shop-auto-rollback-rule-failed-invocations", "shop-prod-automatic-rollback"), ("shop-auto-rollback-failure-rule-failed-invocations", "shop-prod-automatic-rollback-failed") })
        {
            var inputs = harness.Named(alarm).Inputs;
            Assert.Equal(("AWS/Events", "FailedInvocations", rule), ((string)inputs.At("namespace")!, (string)inputs.At("metricName")!, (string)inputs.At("dimensions", "RuleName")!));
            Assert.Equal([Topic], inputs.List("alarmActions").Cast<string>());
        }
    }

    [Fact]
    public async Task Each_role_is_assumable_only_by_its_service_for_this_account_and_may_make_exactly_its_calls()
    {
        var harness = await RunAsync();

        var ssmTrust = Json(harness, "shop-auto-rollback-runbook-role", "assumeRolePolicy").GetProperty("Statement")[0].GetProperty("Condition");
        Assert.Equal("123456789012", ssmTrust.GetProperty("StringEquals").GetProperty("aws:SourceAccount")[0].GetString());
        Assert.Equal("arn:aws-us-gov:ssm:us-gov-west-1:123456789012:automation-execution/*", ssmTrust.GetProperty("ArnLike").GetProperty("aws:SourceArn")[0].GetString());
        var eventsTrust = Json(harness, "shop-auto-rollback-events-role", "assumeRolePolicy").GetProperty("Statement")[0].GetProperty("Condition");
        Assert.Equal("123456789012", eventsTrust.GetProperty("StringEquals").GetProperty("aws:SourceAccount")[0].GetString());
        Assert.Equal(2, eventsTrust.GetProperty("ArnEquals").GetProperty("aws:SourceArn").GetArrayLength());

        var runbook = Json(harness, "shop-auto-rollback-runbook-policy", "policy").GetProperty("Statement").EnumerateArray()
            .Select(s => (s.GetProperty("Action")[0].GetString(), s.GetProperty("Resource")[0].GetString())).ToList();
        Assert.Equal(
            [("elasticloadbalancing:ModifyListener", Listener),
             ("ssm:PutParameter", "arn:aws-us-gov:ssm:us-gov-west-1:123456789012:parameter/bluegreen/shop-prod/automatic-rollback"),
             ("sns:Publish", Topic)],
            runbook);
        var events = Json(harness, "shop-auto-rollback-events-policy", "policy").GetProperty("Statement");
        Assert.Equal(
            ["arn:aws-us-gov:ssm:us-gov-west-1:123456789012:automation-definition/shop-prod-automatic-rollback:$DEFAULT",
             "arn:aws-us-gov:ssm:us-gov-west-1:123456789012:automation-definition/shop-prod-automatic-rollback-failed:$DEFAULT"],
            events[0].GetProperty("Resource").EnumerateArray().Select(r => r.GetString()));
        // Every ARN the component builds is in the provider's partition (the harness's own fake ARNs aside).
        Assert.All(
            harness.Resources.SelectMany(r => r.Inputs.Values.OfType<string>()).Select(v => v.Replace("arn:aws:test:", "", StringComparison.Ordinal)),
            v => Assert.DoesNotContain("arn:aws:", v, StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_an_encrypted_topic_the_runbook_may_use_its_key_and_only_then()
    {
        var plain = Json(await RunAsync(), "shop-auto-rollback-runbook-policy", "policy").GetProperty("Statement");
        var encrypted = Json(await RunAsync(topicKey: TopicKey), "shop-auto-rollback-runbook-policy", "policy").GetProperty("Statement");

        Assert.DoesNotContain(plain.EnumerateArray(), s => s.GetProperty("Action")[0].GetString()!.StartsWith("kms:", StringComparison.Ordinal));
        var kms = encrypted.EnumerateArray().Single(s => s.GetProperty("Action")[0].GetString()!.StartsWith("kms:", StringComparison.Ordinal));
        Assert.Equal(["kms:GenerateDataKey*", "kms:Decrypt"], kms.GetProperty("Action").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal([TopicKey], kms.GetProperty("Resource").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public async Task The_record_exists_without_anything_at_risk_is_retained_and_no_apply_overwrites_what_the_runbook_wrote()
    {
        var harness = await RunAsync(targets: false);

        Assert.Equal(
            ["shop-auto-rollback", "shop-auto-rollback-record"],
            harness.Resources.Select(r => r.Name).Order(StringComparer.Ordinal));
        Assert.Equal("none", harness.Named("shop-auto-rollback-record").Inputs.At("value"));
        Assert.Equal(["value"], harness.OptionsOf("shop-auto-rollback-record").IgnoreChanges);
        Assert.True(harness.OptionsOf("shop-auto-rollback-record").RetainOnDelete);
    }

    [Fact]
    public void An_sns_subject_must_be_printable_ascii_under_100_characters()
    {
        Assert.Equal("Automatic rollback: green to blue", RollbackRunbook.Subject("Automatic rollback: green to blue"));
        Assert.Throws<ArgumentException>(() => RollbackRunbook.Subject("Automatic rollback: green \u2192 blue"));
        Assert.Throws<ArgumentException>(() => RollbackRunbook.Subject(new string('x', 100)));
        Assert.Throws<ArgumentException>(() => RollbackRunbook.Subject(" leading space"));
    }
}
