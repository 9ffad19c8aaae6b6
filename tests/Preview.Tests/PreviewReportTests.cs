using System.Text.Json.Nodes;
using BlueGreen.Release;

namespace BlueGreen.Preview.Tests;

[Collection(PreviewRunCollection.Name)]
public sealed class PreviewReportTests
{
    private static readonly Lazy<Task<PreviewDiff>> StepOneToTwo = new(() =>
    {
        var config = Repo.Config("prod");
        return PreviewDiff.RunAsync(config.With(Repo.AtStep(1, TimeSpan.FromHours(3))), config.With(Repo.AtStep(2, TimeSpan.FromMinutes(1))));
    });

    [Fact]
    public async Task Json_has_the_documented_shape()
    {
        var json = JsonNode.Parse(PreviewReport.Render(await StepOneToTwo.Value, PreviewFormat.Json))!.AsObject();

        Assert.Equal(["formatVersion", "stack", "project", "current", "proposed", "summary", "resources", "outputs"], json.Select(p => p.Key));
        Assert.Equal(("prod", "bluegreen"), (json["stack"]!.GetValue<string>(), json["project"]!.GetValue<string>()));
        Assert.Equal("""{"step":1,"weights":{"blue":95,"green":5},"live":"blue","schedule":[0,5,25,50,100]}""", json["current"]!.ToJsonString());
        Assert.Equal("""{"blue":75,"green":25}""", json["proposed"]!["weights"]!.ToJsonString());
        Assert.Equal("""{"create":0,"update":1,"replace":0,"delete":0,"same":80}""", json["summary"]!.ToJsonString());

        var resources = json["resources"]!.AsArray();
        Assert.All(resources, r => Assert.Equal(
            ["urn", "type", "name", "parent", "provider", "op", "diffs", "inputs", "dependencies", "protect", "retainOnDelete", "deleteBeforeReplace", "replaceOnChanges", "ignoreChanges", "customTimeouts"],
            r!.AsObject().Select(p => p.Key)));
        Assert.All(resources, r => Assert.Contains(r!["op"]!.GetValue<string>(), new[] { "create", "update", "replace", "delete", "same" }));
        var listener = Assert.Single(resources, r => r!["op"]!.GetValue<string>() != "same")!;
        Assert.Equal(
            """[{"path":"defaultActions[0].forward.targetGroups[0].weight","old":95,"new":75,"replaces":false},{"path":"defaultActions[0].forward.targetGroups[1].weight","old":5,"new":25,"replaces":false}]""",
            listener["diffs"]!.ToJsonString());
        Assert.Equal("""{"op":"update","old":1,"new":2,"secret":false}""", json["outputs"]!["step"]!.ToJsonString());
    }

    /// <summary>As <c>pulumi preview --json</c> shows a step's new state: the dependencies through inputs and
    /// DependsOn, by URN, and the options the program sets.</summary>
    [Fact]
    public async Task Json_carries_each_resources_dependencies_and_options()
    {
        var json = JsonNode.Parse(PreviewReport.Render(await StepOneToTwo.Value, PreviewFormat.Json))!.AsObject();
        JsonObject Named(string name) => json["resources"]!.AsArray().Single(r => r!["name"]!.GetValue<string>() == name)!.AsObject();
        string Urn(string name) => Named(name)["urn"]!.GetValue<string>();

        // The listener takes its load balancer's and target groups' ARNs as inputs.
        var https = Named("shop-edge-https")["dependencies"]!.AsArray().Select(d => d!.GetValue<string>()).ToList();
        Assert.Contains(Urn("shop-edge-alb"), https);
        Assert.Contains(Urn("shop-blue-tg"), https);
        Assert.Contains(Urn("shop-green-tg"), https);
        Assert.Equal(https.Order(StringComparer.Ordinal), https);

        // The binding is replaced, never updated, when its target group changes; the vault is protected.
        var binding = Named("shop-green-tgb");
        Assert.Equal("""["spec.targetGroupARN"]""", binding["replaceOnChanges"]!.ToJsonString());
        Assert.True(binding["deleteBeforeReplace"]!.GetValue<bool>());
        Assert.True(Named("shop-backups-vault")["protect"]!.GetValue<bool>());
        Assert.False(Named("shop-edge-alb")["protect"]!.GetValue<bool>());
        Assert.Equal("""{"create":0,"update":0,"delete":0}""", Named("shop-edge-alb")["customTimeouts"]!.ToJsonString());
        Assert.Equal("""["value"]""", Named("shop-auto-rollback-record")["ignoreChanges"]!.ToJsonString());
    }

    [Theory]
    [InlineData(PreviewFormat.Json)]
    [InlineData(PreviewFormat.Text)]
    [InlineData(PreviewFormat.Markdown)]
    public async Task Every_format_is_byte_identical_from_run_to_run(PreviewFormat format)
    {
        var config = Repo.Config("prod");
        var proposed = config.With(Repo.AtStep(1, TimeSpan.FromMinutes(1)));
        var renders = new List<string>();
        for (var run = 0; run < 4; run++)
        {
            renders.Add(PreviewReport.Render(await PreviewDiff.RunAsync(config, proposed), format, "chart.png"));
        }

        Assert.All(renders, r => Assert.Equal(renders[0], r));
    }

    [Fact]
    public async Task Resources_are_in_tree_order_not_in_the_order_they_were_registered()
    {
        // The official SDK registers asynchronously: only an order of its own keeps the report stable.
        var config = Repo.Config("prod");
        var resources = (await PreviewDiff.RunAsync(config, config)).Resources.Select(r => r.Resource).ToList();

        string Group(PreviewResource r) => r.Parent ?? r.Urn;
        Assert.Equal(resources.OrderBy(Group, StringComparer.Ordinal).ThenBy(r => r.Parent is null ? 0 : 1).ThenBy(r => r.Urn, StringComparer.Ordinal), resources);
        Assert.All(resources.Where(r => r.Parent is not null), child =>
            Assert.True(resources.FindIndex(r => r.Urn == child.Parent) < resources.IndexOf(child), $"{child.Name} comes before its parent"));
    }

    [Fact]
    public async Task Markdown_is_written_with_its_chart_beside_it()
    {
        var folder = Directory.CreateTempSubdirectory("preview-md-");
        try
        {
            var markdownPath = Path.Combine(folder.FullName, "comment.md");

            var chart = PreviewReport.WriteMarkdown(await StepOneToTwo.Value, markdownPath);

            var markdown = await File.ReadAllTextAsync(markdownPath);
            Assert.Equal(Path.Combine(folder.FullName, "comment.ramp.png"), chart);
            // The content is the golden file's (GoldenReportTests); here: the file, its chart link and the chart.
            Assert.Equal(PreviewReport.Render(await StepOneToTwo.Value, PreviewFormat.Markdown, "comment.ramp.png"), markdown);
            Assert.Contains("](comment.ramp.png)", markdown, StringComparison.Ordinal);
            var png = await File.ReadAllBytesAsync(chart);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
            Assert.True(png.Length > 2000, $"the chart has only {png.Length} bytes");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_replacement_is_marked_in_every_format()
    {
        var config = Repo.Config("prod");
        var diff = await PreviewDiff.RunAsync(config, config.With(new Dictionary<string, string?> { [ConfigKeys.BackupDatabaseClusterId] = "shop-orders-2" }));

        var snapshot = Assert.Single(diff.Changes);
        Assert.Equal(("shop-backups-pre-release-1.5.0", PreviewOp.Replace), (snapshot.Resource.Name, snapshot.Op));
        Assert.Contains("+- aws:rds/clusterSnapshot:ClusterSnapshot: shop-backups-pre-release-1.5.0 (replace)", PreviewReport.Render(diff, PreviewFormat.Text), StringComparison.Ordinal);
        Assert.Contains("~ dbClusterIdentifier: \"shop-orders\" → \"shop-orders-2\" (forces replacement)", PreviewReport.Render(diff, PreviewFormat.Text), StringComparison.Ordinal);
        Assert.Contains("\"replaces\": true", PreviewReport.Render(diff, PreviewFormat.Json), StringComparison.Ordinal);
        Assert.Contains("**(forces replacement)**", PreviewReport.Render(diff, PreviewFormat.Markdown), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text", PreviewFormat.Text)]
    [InlineData("JSON", PreviewFormat.Json)]
    [InlineData("md", PreviewFormat.Markdown)]
    [InlineData("markdown", PreviewFormat.Markdown)]
    public void Formats_parse_by_name(string name, PreviewFormat format) => Assert.Equal(format, PreviewReport.ParseFormat(name));

    [Fact]
    public void An_unknown_format_is_refused() => Assert.Throws<FormatException>(() => PreviewReport.ParseFormat("yaml"));
}
