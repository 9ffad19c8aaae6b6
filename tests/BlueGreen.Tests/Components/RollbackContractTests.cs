using System.Text.Json;
using System.Text.RegularExpressions;

namespace BlueGreen.Tests.Components;

/// <summary>
/// The automatic rollback against AWS's published API models (botocore's, see <see cref="BotocoreModels"/>), not
/// against a list of ours: every <c>aws:executeAwsApi</c> step names a client and an operation that exist and
/// passes inputs that validate against the operation's input shape; every IAM action of the roles and the
/// dead-letter queue's policy is an operation of the service its prefix names; and the runbook role allows every
/// call the steps make.
/// </summary>
[Collection(PulumiCollection.Name)]
public class RollbackContractTests
{
    private static async Task<PulumiHarness> DeclaredAsync()
    {
        BotocoreModels.RequireInstalled();
        return await AutomaticRollbackTests.RunAsync(topicKey: AutomaticRollbackTests.TopicKey);
    }

    /// <summary>Every step of both runbooks the component declares.</summary>
    private static List<(string Runbook, JsonElement Step)> Steps(PulumiHarness harness) =>
    [
        .. new[] { "shop-auto-rollback-runbook", "shop-auto-rollback-failure-runbook" }.SelectMany(runbook =>
            AutomaticRollbackTests.Json(harness, runbook, "content").GetProperty("mainSteps").EnumerateArray().Select(step => (runbook, step))),
    ];

    private static IEnumerable<string> Actions(PulumiHarness harness, string resource, string input) =>
        AutomaticRollbackTests.Json(harness, resource, input).GetProperty("Statement").EnumerateArray()
            .SelectMany(s => s.GetProperty("Action").EnumerateArray().Select(a => a.GetString()!));

    [Fact]
    public async Task Every_executeAwsApi_step_names_a_botocore_client_and_operation_and_its_inputs_validate_against_the_input_shape()
    {
        var harness = await DeclaredAsync();
        var problems = new List<string>();
        var steps = Steps(harness);

        Assert.Equal(5, steps.Count);
        foreach (var (runbook, step) in steps)
        {
            var name = $"{runbook}/{step.GetProperty("name").GetString()}";
            Assert.Equal("aws:executeAwsApi", step.GetProperty("action").GetString());
            var inputs = step.GetProperty("inputs");
            var service = inputs.GetProperty("Service").GetString()!;
            var api = inputs.GetProperty("Api").GetString()!;
            if (!BotocoreModels.HasService(service))
            {
                problems.Add($"{name}: Service '{service}' is not a boto3 client name");
                continue;
            }

            var model = BotocoreModels.Service(service);
            if (!model.GetProperty("operations").TryGetProperty(api, out var operation))
            {
                problems.Add($"{name}: {service} has no operation '{api}'");
                continue;
            }

            using var parameters = JsonDocument.Parse(JsonSerializer.Serialize(
                inputs.EnumerateObject().Where(p => p.Name is not ("Service" or "Api")).ToDictionary(p => p.Name, p => p.Value)));
            problems.AddRange(BotocoreModels.Validate(model, operation.GetProperty("input").GetProperty("shape").GetString()!, parameters.RootElement, name));
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void The_contract_check_tells_a_wrong_client_name_and_a_wrong_input()
    {
        BotocoreModels.RequireInstalled();
        var elbv2 = BotocoreModels.Service("elbv2");
        using var wrong = JsonDocument.Parse("""{"ListenerArn":"arn","DefaultActions":[{"Type":"forward","ForwardConfig":{"TargetGroups":[{"TargetGroupArn":"a","Weight":"100"}]}}],"Stickiness":true}""");

        // The name the first runbook used: Elastic Load Balancing v2's boto3 client is elbv2.
        Assert.False(BotocoreModels.HasService("elasticloadbalancingv2"));
        var problems = BotocoreModels.Validate(elbv2, "ModifyListenerInput", wrong.RootElement, "step");
        Assert.Contains(problems, p => p.Contains("Stickiness: not a member", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Weight: a JSON String", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_runbook_role_allows_every_call_the_steps_make()
    {
        var harness = await DeclaredAsync();
        var allowed = Actions(harness, "shop-auto-rollback-runbook-policy", "policy").ToList();

        foreach (var (_, step) in Steps(harness))
        {
            var inputs = step.GetProperty("inputs");
            var action = $"{BotocoreModels.IamPrefix(BotocoreModels.Service(inputs.GetProperty("Service").GetString()!))}:{inputs.GetProperty("Api").GetString()}";
            Assert.Contains(allowed, a => Matches(a, action));
        }

        // EventBridge starts an Automation target with ssm:StartAutomationExecution, as the target's role.
        Assert.Contains(Actions(harness, "shop-auto-rollback-events-policy", "policy"), a => Matches(a, "ssm:StartAutomationExecution"));
    }

    [Fact]
    public async Task Every_iam_action_of_the_roles_and_the_queue_policy_is_an_operation_of_its_service()
    {
        var harness = await DeclaredAsync();
        var actions = new[]
        {
            ("shop-auto-rollback-runbook-policy", "policy"), ("shop-auto-rollback-events-policy", "policy"),
            ("shop-auto-rollback-runbook-role", "assumeRolePolicy"), ("shop-auto-rollback-events-role", "assumeRolePolicy"),
            ("shop-auto-rollback-dlq", "policy"),
        }.SelectMany(r => Actions(harness, r.Item1, r.Item2)).Distinct().ToList();
        var byPrefix = BotocoreModels.Clients.Select(BotocoreModels.Service).GroupBy(BotocoreModels.IamPrefix)
            .ToDictionary(g => g.Key, g => g.SelectMany(m => m.GetProperty("operations").EnumerateObject().Select(o => o.Name)).ToList());

        Assert.Contains("kms:GenerateDataKey*", actions);
        var unknown = actions
            // iam:PassRole is a permission with no API operation of its own (IAM User Guide, "Grant a user permissions
            // to pass a role to an AWS service": "PassRole is a permission, not an API operation").
            .Where(a => a != "iam:PassRole")
            .Where(a => !(byPrefix.TryGetValue(a.Split(':')[0], out var operations) && operations.Any(o => Matches(a, $"{a.Split(':')[0]}:{o}"))))
            .ToList();
        Assert.Empty(unknown);
    }

    [Fact]
    public async Task Every_sns_subject_keeps_the_rule_botocore_documents_for_PublishInput_Subject()
    {
        var harness = await DeclaredAsync();
        var documentation = BotocoreModels.Service("sns").GetProperty("shapes").GetProperty("PublishInput").GetProperty("members").GetProperty("Subject").GetProperty("documentation").GetString()!;

        Assert.Contains("must be ASCII text", documentation, StringComparison.Ordinal);
        Assert.Contains("less than 100 characters", documentation, StringComparison.Ordinal);
        var subjects = Steps(harness).Select(s => s.Step.GetProperty("inputs")).Where(i => i.TryGetProperty("Subject", out _)).Select(i => i.GetProperty("Subject").GetString()!).ToList();
        Assert.Equal(3, subjects.Count);
        Assert.All(subjects, s => Assert.Matches("^[A-Za-z0-9!-/:-@\\[-`{-~][ -~]{0,98}$", s));
    }

    /// <summary>Whether an IAM action pattern (with <c>*</c> and <c>?</c>) covers an action, case-insensitively as IAM compares them.</summary>
    private static bool Matches(string pattern, string action) =>
        Regex.IsMatch(action, "^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$", RegexOptions.IgnoreCase);
}
