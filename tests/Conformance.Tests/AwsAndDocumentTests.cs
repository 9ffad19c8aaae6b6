using System.Text.Json.Nodes;
using BlueGreen.Conformance.Checks;

namespace BlueGreen.Conformance.Tests;

/// <summary>Checks 1 and 2 on the real prod stack: clean where it is right, and each planted mistake caught by the model.</summary>
[Collection(nameof(Stacks))]
public class AwsAndDocumentTests(Stacks stacks)
{
    private IReadOnlyList<Finding> Aws(MoveRun run) => [.. new AwsRequestCheck(Stacks.Models!).Check(run).Where(f => f.Note is null)];

    private IReadOnlyList<Finding> Documents(MoveRun run) => [.. new DocumentCheck(Stacks.Models!).Check(run)];

    [ModelsFact]
    public void The_stack_as_committed_sends_requests_the_models_accept() =>
        Assert.Empty(Aws(stacks.Committed));

    [ModelsFact]
    public void A_wrong_enum_is_caught()
    {
        // elbv2 ProtocolEnum: HTTP, HTTPS, TCP, TLS, UDP, TCP_UDP, GENEVE.
        var run = Stacks.Planted(stacks.Committed, "shop-blue-tg", i => i["protocol"] = "HTTPX");
        var finding = Assert.Single(Aws(run));
        Assert.Equal("shop-blue-tg", finding.Subject);
        Assert.Contains("elbv2.CreateTargetGroup Protocol: 'HTTPX' is not one of ProtocolEnum's values", finding.Message, StringComparison.Ordinal);
    }

    [ModelsFact]
    public void A_value_out_of_range_and_a_missing_required_member_are_caught()
    {
        var run = Stacks.Planted(stacks.Committed, "shop-alarms-blue-err-crit", i =>
        {
            i["evaluationPeriods"] = 0;
            i.Remove("comparisonOperator");
        });
        var messages = Aws(run).Select(f => f.Message).ToList();
        Assert.Contains(messages, m => m.Contains("EvaluationPeriods: 0 is below EvaluationPeriods's minimum 1", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("ComparisonOperator: required by PutMetricAlarmInput, missing", StringComparison.Ordinal));
    }

    [ModelsFact]
    public void A_resource_type_with_no_mapping_is_a_violation()
    {
        var run = stacks.Committed with
        {
            Changes = [.. stacks.Committed.Changes.Select(c => c.Proposed?.Name == "shop-alarms-critical" ? c with { Proposed = c.Proposed with { Type = "aws:sqs/queuePolicy:QueuePolicy" } } : c)],
        };
        var finding = Assert.Single(Aws(run));
        Assert.Contains("aws:sqs/queuePolicy:QueuePolicy has no mapping", finding.Message, StringComparison.Ordinal);
    }

    [ModelsFact]
    public void An_unknown_iam_action_and_an_unknown_service_prefix_are_caught()
    {
        var run = Stacks.Planted(stacks.Committed, "shop-auto-rollback-runbook-policy", i =>
        {
            var policy = JsonNode.Parse(i["policy"]!.GetValue<string>())!;
            policy["Statement"]![0]!["Action"] = new JsonArray("elasticloadbalancingv2:ModifyListener", "ssm:PutParamter");
            i["policy"] = policy.ToJsonString();
        });
        var messages = Documents(run).Where(f => f.Subject == "shop-auto-rollback-runbook-policy").Select(f => f.Message).ToList();
        Assert.Contains("policy: 'elasticloadbalancingv2:ModifyListener': no AWS service has the IAM prefix 'elasticloadbalancingv2'", messages);
        Assert.Contains("policy: 'ssm:PutParamter': ssm has no operation PutParamter", messages);
    }

    [ModelsFact]
    public void A_runbook_step_with_an_unknown_service_is_caught_and_the_client_name_passes()
    {
        // A runbook step that names the service by its long name (issue 18's mistake) is found ...
        var planted = WithRunbook(stacks.Committed, step => step["inputs"]!["Service"] = "elasticloadbalancingv2");
        Assert.Contains(Documents(planted), f => f.Subject == "shop-auto-rollback-runbook"
            && f.Message.StartsWith("step SendAllTrafficToTheRollbackColour: Service 'elasticloadbalancingv2' is not an AWS client name", StringComparison.Ordinal));

        // ... and with the client name (elbv2, botocore's data folder) the step validates as ModifyListener's request.
        var fixedRun = WithRunbook(stacks.Committed, step => step["inputs"]!["Service"] = "elbv2");
        Assert.DoesNotContain(Documents(fixedRun), f => f.Message.Contains("SendAllTrafficToTheRollbackColour", StringComparison.Ordinal));
    }

    [ModelsFact]
    public void A_runbook_step_with_an_unknown_api_or_bad_input_or_a_call_its_role_does_not_allow_is_caught()
    {
        var unknownApi = WithRunbook(stacks.Committed, step => (step["inputs"]!["Service"], step["inputs"]!["Api"]) = ("elbv2", "ModifyListeners"));
        Assert.Contains(Documents(unknownApi), f => f.Message == "step SendAllTrafficToTheRollbackColour: elbv2 has no operation 'ModifyListeners'");

        var badInput = WithRunbook(stacks.Committed, step =>
        {
            step["inputs"]!["Service"] = "elbv2";
            step["inputs"]!["DefaultActions"]![0]!["Type"] = "forwards";
        });
        Assert.Contains(Documents(badInput), f => f.Message.Contains("DefaultActions[0].Type: 'forwards' is not one of ActionTypeEnum's values", StringComparison.Ordinal));

        var notAllowed = Stacks.Planted(WithRunbook(stacks.Committed, step => step["inputs"]!["Service"] = "elbv2"), "shop-auto-rollback-runbook-policy", i =>
            i["policy"] = i["policy"]!.GetValue<string>().Replace("elasticloadbalancing:ModifyListener", "elasticloadbalancing:DescribeListeners", StringComparison.Ordinal));
        Assert.Contains(Documents(notAllowed), f => f.Message == "its role shop-auto-rollback-runbook-role does not allow elasticloadbalancing:ModifyListener, which a step calls");
    }

    [ModelsFact]
    public void An_event_pattern_that_misses_the_alarm_event_and_a_metric_math_typo_are_caught()
    {
        var pattern = Stacks.Planted(stacks.Committed, "shop-auto-rollback-rule", i =>
            i["eventPattern"] = i["eventPattern"]!.GetValue<string>().Replace("\"ALARM\"", "\"IN_ALARM\"", StringComparison.Ordinal));
        Assert.Contains(Documents(pattern), f => f.Message.StartsWith("eventPattern does not match the ALARM state-change event of alarm shop-prod-green-rollback", StringComparison.Ordinal));
        Assert.DoesNotContain(Documents(stacks.Committed), f => f.Subject == "shop-auto-rollback-rule");

        var math = Stacks.Planted(stacks.Committed, "shop-alarms-blue-err-crit", i =>
        {
            var expression = i["metricQueries"]!.AsArray().First(q => q!["expression"] is not null)!;
            expression["expression"] = "100 * errors / requestz";
        });
        Assert.Contains(Documents(math), f => f.Message.Contains("refers to 'requestz', which no query of this alarm has", StringComparison.Ordinal));
    }

    /// <summary>The runbook's first step changed by <paramref name="change"/>.</summary>
    private static MoveRun WithRunbook(MoveRun run, Action<JsonObject> change) => Stacks.Planted(run, "shop-auto-rollback-runbook", i =>
    {
        var content = JsonNode.Parse(i["content"]!.GetValue<string>())!;
        change(content["mainSteps"]![0]!.AsObject());
        i["content"] = content.ToJsonString();
    });
}
