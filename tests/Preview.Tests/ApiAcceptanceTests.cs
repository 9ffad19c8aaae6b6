using System.Text.Json.Nodes;
using BlueGreen.Components;

namespace BlueGreen.Preview.Tests;

/// <summary>What both stacks send to AWS fits the APIs' rules, and nothing that must be unique in an
/// account and region is named the same by staging and prod (both stacks name one account and region).</summary>
[Collection(PreviewRunCollection.Name)]
public sealed class ApiAcceptanceTests
{
    /// <summary>The inputs that name a resource in its account and region, by type token.</summary>
    private static readonly Dictionary<string, string> UniqueNames = new(StringComparer.Ordinal)
    {
        ["aws:lb/targetGroup:TargetGroup"] = "name",
        ["aws:rds/clusterSnapshot:ClusterSnapshot"] = "dbClusterSnapshotIdentifier",
        ["aws:cloudwatch/metricAlarm:MetricAlarm"] = "name",
        ["aws:cloudwatch/compositeAlarm:CompositeAlarm"] = "alarmName",
        ["aws:cloudwatch/dashboard:Dashboard"] = "dashboardName",
        ["aws:backup/vault:Vault"] = "name",
        ["aws:backup/plan:Plan"] = "name",
        ["aws:backup/selection:Selection"] = "name",
        ["aws:backup/restoreTestingPlan:RestoreTestingPlan"] = "name",
        ["aws:backup/restoreTestingSelection:RestoreTestingSelection"] = "name",
        ["aws:kms/alias:Alias"] = "name",
        ["aws:sns/topic:Topic"] = "name",
        ["aws:iam/role:Role"] = "name",
        ["aws:ssm/document:Document"] = "name",
        ["aws:ssm/parameter:Parameter"] = "name",
        ["aws:cloudwatch/eventRule:EventRule"] = "name",
    };

    private static async Task<IReadOnlyList<PreviewResource>> ResourcesOf(string stack) =>
        (await PreviewRun.RunAsync(Repo.Config(stack))).Resources;

    [Fact]
    public async Task No_name_that_must_be_unique_in_an_account_and_region_is_taken_by_both_stacks()
    {
        var named = new List<(string Stack, string Type, string Name)>();
        foreach (var stack in new[] { "staging", "prod" })
        {
            foreach (var resource in await ResourcesOf(stack))
            {
                if (UniqueNames.TryGetValue(resource.Type, out var input) && resource.Inputs[input] is JsonValue value)
                {
                    named.Add((stack, resource.Type, value.GetValue<string>()));
                }
            }
        }

        Assert.Contains(named, n => n.Type == "aws:rds/clusterSnapshot:ClusterSnapshot");
        Assert.Contains(named, n => n.Type == "aws:ssm/parameter:Parameter");
        var clashes = named.GroupBy(n => (n.Type, n.Name)).Where(g => g.Count() > 1).Select(g => $"{g.Key.Type} {g.Key.Name}");
        Assert.Empty(clashes);
    }

    [Theory]
    [InlineData("prod")]
    [InlineData("staging")]
    public async Task Every_security_group_description_and_every_tag_fits_what_aws_accepts(string stack)
    {
        var resources = await ResourcesOf(stack);
        var descriptions = resources
            .Where(r => r.Type.StartsWith("aws:ec2/securityGroup", StringComparison.Ordinal) || r.Type.StartsWith("aws:vpc/securityGroup", StringComparison.Ordinal))
            .Select(r => r.Inputs["description"]?.GetValue<string>())
            .ToList();

        Assert.NotEmpty(descriptions);
        Assert.All(descriptions, d => AwsText.Ec2Description(d!, "description"));
        Assert.All(
            resources.Where(r => r.Type.StartsWith("aws:", StringComparison.Ordinal) && r.Inputs["tags"] is JsonObject),
            r => AwsText.RequireTags(r.Inputs["tags"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>()), r.Name));
    }

    [Theory]
    [InlineData("prod")]
    [InlineData("staging")]
    public async Task The_test_route_needs_the_generated_key_which_is_a_secret_output_and_masked_in_reports(string stack)
    {
        var run = await PreviewRun.RunAsync(Repo.Config(stack));

        var output = run.Outputs["testRouteKey"];
        Assert.True(output.IsSecret);
        Assert.Equal(PreviewValues.SecretMarker, output.Value?.GetValue<string>());
        var rule = run.Resources.Single(r => r.Name == "shop-edge-test-green");
        Assert.Equal("X-Test-Route-Key", rule.Inputs["conditions"]![1]!["httpHeader"]!["httpHeaderName"]!.GetValue<string>());
        Assert.Equal(PreviewValues.SecretMarker, rule.Inputs["conditions"]![1]!["httpHeader"]!["values"]![0]!.GetValue<string>());
        // The key the fakes made up for this run appears in no report.
        var password = run.Resources.Single(r => r.Type == "random:index/randomPassword:RandomPassword");
        Assert.Equal("""{"length":40,"special":false}""", password.Inputs.ToJsonString()); // the inputs the key is made from below
        var key = (string)new PreviewMocks("eu-west-1").StateOf(new Pulumi.Testing.MockResourceArgs
        {
            Type = password.Type,
            Name = password.Name,
            Inputs = System.Collections.Immutable.ImmutableDictionary<string, object>.Empty.Add("length", 40.0).Add("special", false),
        })["result"];
        Assert.Equal(40, key.Length);
        foreach (var format in new[] { PreviewFormat.Json, PreviewFormat.Text, PreviewFormat.Markdown })
        {
            Assert.DoesNotContain(key, PreviewReport.Render(PreviewDiff.Between(run, run), format, "chart.png"), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("prod")]
    [InlineData("staging")]
    public async Task The_https_listener_always_has_a_certificate(string stack)
    {
        var https = (await ResourcesOf(stack)).Single(r => r.Type == "aws:lb/listener:Listener" && r.Inputs["protocol"]?.GetValue<string>() == "HTTPS");

        Assert.StartsWith("arn:aws:acm:eu-west-1:", https.Inputs["certificateArn"]?.GetValue<string>(), StringComparison.Ordinal);
    }
}
