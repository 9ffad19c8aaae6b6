using System.Text.Json;
using BlueGreen.Components;
using BlueGreen.Release;

namespace BlueGreen.Tests.Components;

[Collection(PulumiCollection.Name)]
public class AutomaticRollbackTests
{
    private const string Listener = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/shop/abc/def";
    private const string BlueGroup = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/shop-blue-0a1b2c3d/1";
    private const string GreenGroup = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/shop-green-5d991fca/2";
    private const string Alarm = "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:shop-prod-green-rollback";
    private const string Topic = "arn:aws:sns:eu-west-1:123456789012:shop-critical";

    private static AutomaticRollbackArgs Args() => new()
    {
        NamePrefix = "shop-prod",
        Region = "eu-west-1",
        AccountId = "123456789012",
        ListenerArn = Listener,
        AtRisk = Colour.Green,
        AtRiskTargetGroupArn = GreenGroup,
        RollbackTarget = Colour.Blue,
        RollbackTargetGroupArn = BlueGroup,
        AlarmArn = Alarm,
        CriticalTopicArn = Topic,
    };

    private static async Task<PulumiHarness> RunAsync()
    {
        var harness = new PulumiHarness();
        await harness.RunAsync(() => _ = new AutomaticRollback("shop-auto-rollback", Args(), harness.RecordingOptions()));
        return harness;
    }

    [Fact]
    public async Task The_rule_matches_only_the_rollback_alarms_transition_to_alarm()
    {
        var harness = await RunAsync();
        using var pattern = JsonDocument.Parse((string)harness.Named("shop-auto-rollback-rule").Inputs.At("eventPattern")!);
        var root = pattern.RootElement;

        Assert.Equal(["aws.cloudwatch"], root.GetProperty("source").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["CloudWatch Alarm State Change"], root.GetProperty("detail-type").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal([Alarm], root.GetProperty("resources").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["ALARM"], root.GetProperty("detail").GetProperty("state").GetProperty("value").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("shop-prod-automatic-rollback", harness.Named("shop-auto-rollback-rule").Inputs.At("name"));
    }

    [Fact]
    public async Task The_runbook_sends_everything_to_the_rollback_target_group_with_stickiness_off_then_records_and_notifies()
    {
        var harness = await RunAsync();
        var runbook = harness.Named("shop-auto-rollback-runbook").Inputs;
        using var content = JsonDocument.Parse((string)runbook.At("content")!);
        var steps = content.RootElement.GetProperty("mainSteps").EnumerateArray().ToList();

        Assert.Equal(("Automation", "JSON", "shop-prod-automatic-rollback"), ((string)runbook.At("documentType")!, (string)runbook.At("documentFormat")!, (string)runbook.At("name")!));
        Assert.All(steps, s => Assert.Equal("aws:executeAwsApi", s.GetProperty("action").GetString()));
        var modify = steps[0].GetProperty("inputs");
        Assert.Equal(("elasticloadbalancingv2", "ModifyListener", Listener), (modify.GetProperty("Service").GetString(), modify.GetProperty("Api").GetString(), modify.GetProperty("ListenerArn").GetString()));
        var forward = modify.GetProperty("DefaultActions")[0].GetProperty("ForwardConfig");
        Assert.Equal(
            [(BlueGroup, 100), (GreenGroup, 0)],
            forward.GetProperty("TargetGroups").EnumerateArray().Select(g => (g.GetProperty("TargetGroupArn").GetString()!, g.GetProperty("Weight").GetInt32())));
        Assert.False(forward.GetProperty("TargetGroupStickinessConfig").GetProperty("Enabled").GetBoolean());
        var record = steps[1].GetProperty("inputs");
        Assert.Equal(("ssm", "PutParameter", "/bluegreen/shop-prod/automatic-rollback"), (record.GetProperty("Service").GetString(), record.GetProperty("Api").GetString(), record.GetProperty("Name").GetString()));
        Assert.Equal(("sns", "Publish", Topic), (steps[2].GetProperty("inputs").GetProperty("Service").GetString(), steps[2].GetProperty("inputs").GetProperty("Api").GetString(), steps[2].GetProperty("inputs").GetProperty("TopicArn").GetString()));
    }

    [Fact]
    public async Task Each_role_may_make_exactly_its_calls_on_exactly_its_resources()
    {
        var harness = await RunAsync();
        static List<(string Actions, string Resources)> Statements(string policy)
        {
            using var json = JsonDocument.Parse(policy);
            return [.. json.RootElement.GetProperty("Statement").EnumerateArray().Select(s => (
                string.Join(",", s.GetProperty("Action").EnumerateArray().Select(a => a.GetString())),
                string.Join(",", s.GetProperty("Resource").EnumerateArray().Select(r => r.GetString()))))];
        }

        Assert.Equal(
            [("elasticloadbalancing:ModifyListener", Listener),
             ("ssm:PutParameter", "arn:aws:ssm:eu-west-1:123456789012:parameter/bluegreen/shop-prod/automatic-rollback"),
             ("sns:Publish", Topic)],
            Statements((string)harness.Named("shop-auto-rollback-runbook-policy").Inputs.At("policy")!));
        var events = Statements((string)harness.Named("shop-auto-rollback-events-policy").Inputs.At("policy")!);
        Assert.Equal(("ssm:StartAutomationExecution", "arn:aws:ssm:eu-west-1:123456789012:automation-definition/shop-prod-automatic-rollback:$DEFAULT"), events[0]);
        Assert.Equal("iam:PassRole", events[1].Actions);
        Assert.Contains("ssm.amazonaws.com", (string)harness.Named("shop-auto-rollback-runbook-role").Inputs.At("assumeRolePolicy")!, StringComparison.Ordinal);
        Assert.Contains("events.amazonaws.com", (string)harness.Named("shop-auto-rollback-events-role").Inputs.At("assumeRolePolicy")!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_record_exists_from_the_start_and_no_apply_overwrites_what_the_runbook_wrote()
    {
        var harness = await RunAsync();

        Assert.Equal("none", harness.Named("shop-auto-rollback-record").Inputs.At("value"));
        Assert.Equal(["value"], harness.OptionsOf("shop-auto-rollback-record").IgnoreChanges);
        var target = harness.Named("shop-auto-rollback-target").Inputs;
        Assert.Equal("$.detail.alarmName", target.At("inputTransformer", "inputPaths", "alarm"));
        Assert.StartsWith("{\"AlarmName\":[<alarm>]", (string)target.At("inputTransformer", "inputTemplate")!, StringComparison.Ordinal);
    }
}
