using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BlueGreen.Conformance.Aws;
using BlueGreen.Conformance.Models;
using BlueGreen.Preview;

namespace BlueGreen.Conformance.Checks;

/// <summary>
/// Check 2: the documents inside resources, which AWS evaluates only later: SSM Automation steps, IAM policies
/// (every action exists; each role allows the calls its user makes), EventBridge patterns against a real event,
/// metric-math ids and dashboard bodies (<see cref="Documents"/>).
/// </summary>
public sealed partial class DocumentCheck(AwsModels models) : ICheck
{
    public string Name => "document";

    public IEnumerable<Finding> Check(MoveRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var all = run.After;
        foreach (var change in run.Changes.Where(c => c.Op is PreviewOp.Create or PreviewOp.Update or PreviewOp.Replace))
        {
            var r = change.Resource;
            var problems = r.Type switch
            {
                "aws:ssm/document:Document" => AutomationProblems(r, all),
                "aws:iam/role:Role" => new IamPolicies(models).Problems(Json.ParseText(r.Inputs["assumeRolePolicy"]), "assumeRolePolicy"),
                "aws:iam/rolePolicy:RolePolicy" => new IamPolicies(models).Problems(Json.ParseText(r.Inputs["policy"]), "policy"),
                "aws:s3/bucketPolicy:BucketPolicy" or "aws:sns/topicPolicy:TopicPolicy" => new IamPolicies(models).Problems(Json.ParseText(r.Inputs["policy"]), "policy"),
                "aws:cloudwatch/eventRule:EventRule" => EventPatterns.RuleProblems(r, all),
                "aws:cloudwatch/eventTarget:EventTarget" => EventTargetProblems(r, all),
                "aws:cloudwatch/metricAlarm:MetricAlarm" => Documents.MetricMathProblems(r.Inputs),
                "aws:cloudwatch/dashboard:Dashboard" => Documents.DashboardProblems(r.Inputs["dashboardBody"]),
                _ => [],
            };
            foreach (var problem in problems)
            {
                yield return new Finding(r.Name, problem);
            }
        }
    }

    [GeneratedRegex(@"\{\{\s*([A-Za-z0-9_.:]+)\s*\}\}")]
    private static partial Regex Placeholder();

    /// <summary>
    /// An Automation runbook (schemaVersion 0.3): each <c>aws:executeAwsApi</c> step names a client (<c>Service</c>,
    /// the boto3 client name: the model folder's name) and an operation of it (<c>Api</c>), and its other inputs are
    /// that operation's request, placeholders replaced by a value of the parameter's declared type
    /// (https://docs.aws.amazon.com/systems-manager/latest/userguide/automation-action-executeAwsApi.html). The role
    /// the runbook runs as must allow every such call.
    /// </summary>
    private IEnumerable<string> AutomationProblems(PreviewResource document, IReadOnlyList<PreviewResource> all)
    {
        if (Json.ParseText(document.Inputs["content"]) is not JsonObject content)
        {
            yield return "content: not JSON";
            yield break;
        }

        var parameters = content["parameters"] as JsonObject ?? [];
        var calls = new List<string>();
        foreach (var step in (content["mainSteps"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var stepName = step["name"]?.GetValue<string>() ?? "?";
            if (step["action"]?.GetValue<string>() != "aws:executeAwsApi" || step["inputs"] is not JsonObject inputs)
            {
                continue;
            }

            var client = inputs["Service"]?.GetValue<string>() ?? "";
            var api = inputs["Api"]?.GetValue<string>() ?? "";
            var service = models.Service(client);
            if (service is null)
            {
                var near = models.ClientNames.Where(n => models.Service(n)?.IamPrefixes.Contains(client.Replace("v2", "", StringComparison.Ordinal)) == true || n.Length > 2 && client.StartsWith(n, StringComparison.Ordinal)).Take(3);
                yield return $"step {stepName}: Service '{client}' is not an AWS client name (botocore {models.Version}){(near.Any() ? $"; did you mean {string.Join(" or ", near)}?" : "")}";
                continue;
            }

            if (models.ForOperation(client, api) is null)
            {
                yield return $"step {stepName}: {client} has no operation '{api}'";
                continue;
            }

            calls.Add($"{service.IamPrefixes[0]}:{api}");
            var request = Typed(inputs, parameters);
            request.Remove("Service");
            request.Remove("Api");
            foreach (var problem in AwsRequestCheck.Validate(models, new AwsRequest(client, api, request)).Concat(Documents.StatedConstraints(client, api, request)))
            {
                yield return $"step {stepName}: {problem}";
            }
        }

        // The role the runbook runs as: the one its EventBridge target hands it (AutomationAssumeRole), or any role
        // of the same component that Systems Manager may assume.
        var role = all.FirstOrDefault(r => r.Type == "aws:iam/role:Role" && r.Parent == document.Parent
            && r.Inputs["assumeRolePolicy"]?.ToJsonString().Contains("ssm.amazonaws.com", StringComparison.Ordinal) == true);
        if (role is null)
        {
            if (calls.Count > 0)
            {
                yield return "no role that Systems Manager may assume runs this runbook";
            }

            yield break;
        }

        foreach (var call in calls)
        {
            if (!IamPolicies.Allows(RolePolicies(role, all), call))
            {
                yield return $"its role {role.Name} does not allow {call}, which a step calls";
            }
        }
    }

    /// <summary>An EventBridge target that starts an Automation runbook needs a role allowed to start it.</summary>
    private static IEnumerable<string> EventTargetProblems(PreviewResource target, IReadOnlyList<PreviewResource> all)
    {
        var arn = target.Inputs["arn"]?.GetValue<string>() ?? "";
        if (!arn.Contains(":automation-definition/", StringComparison.Ordinal))
        {
            return [];
        }

        var rule = all.FirstOrDefault(r => r.Type == "aws:cloudwatch/eventRule:EventRule" && (r.Inputs["name"]?.GetValue<string>() ?? r.Name) == target.Inputs["rule"]?.GetValue<string>());
        if (rule is not null && Json.ParseText(rule.Inputs["eventPattern"])?["source"]?.ToJsonString().Contains("aws.cloudwatch", StringComparison.Ordinal) == true)
        {
            var sample = EventPatterns.SampleAlarmEvent("sample", "us-east-1", PreviewMocks.AccountId);
            foreach (var (input, path) in target.Inputs["inputTransformer"]?["inputPaths"] as JsonObject ?? [])
            {
                if (path?.GetValue<string>() is { } p && !EventPatterns.Resolves(sample, p))
                {
                    return [$"inputTransformer.inputPaths.{input}: '{p}' finds nothing in an alarm state-change event"];
                }
            }
        }

        var roleArn = target.Inputs["roleArn"]?.GetValue<string>() ?? "";
        var role = all.FirstOrDefault(r => r.Type == "aws:iam/role:Role" && (roleArn.EndsWith(":" + r.Name, StringComparison.Ordinal) || roleArn.EndsWith("/" + r.Name, StringComparison.Ordinal)));
        return role is null ? ["starts a runbook without a role of this stack (roleArn)"]
            : IamPolicies.Allows(RolePolicies(role, all), "ssm:StartAutomationExecution") ? [] : [$"its role {role.Name} does not allow ssm:StartAutomationExecution"];
    }

    private static IEnumerable<JsonNode?> RolePolicies(PreviewResource role, IReadOnlyList<PreviewResource> all)
    {
        var name = role.Inputs["name"]?.GetValue<string>() ?? role.Name;
        return all.Where(r => r.Type == "aws:iam/rolePolicy:RolePolicy" && r.Inputs["role"]?.GetValue<string>() == name).Select(r => Json.ParseText(r.Inputs["policy"]));
    }

    /// <summary>Inputs with every <c>{{ parameter }}</c> that stands alone replaced by a value of the parameter's type.</summary>
    private static JsonObject Typed(JsonObject inputs, JsonObject parameters)
    {
        JsonNode? Replace(JsonNode? node) => node switch
        {
            JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, Replace(p.Value)))),
            JsonArray a => new JsonArray([.. a.Select(Replace)]),
            JsonValue v when v.TryGetValue<string>(out var s) && Placeholder().Match(s) is { Success: true } m && m.Length == s.Trim().Length =>
                (parameters[m.Groups[1].Value]?["type"]?.GetValue<string>()) switch
                {
                    "Integer" => JsonValue.Create(1),
                    "Boolean" => JsonValue.Create(true),
                    "StringList" => new JsonArray(JsonValue.Create("sample")),
                    "MapList" => new JsonArray(new JsonObject()),
                    "StringMap" => new JsonObject(),
                    _ => JsonValue.Create("sample"),
                },
            _ => node?.DeepClone(),
        };
        return (JsonObject)Replace(inputs)!;
    }
}
