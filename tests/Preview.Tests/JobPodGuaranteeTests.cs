using System.Text.Json.Nodes;
using BlueGreen.Release;

namespace BlueGreen.Preview.Tests;

/// <summary>
/// The release's Jobs on the repo's stack files: no Service, PodDisruptionBudget or Deployment of a colour selects
/// their pods (a budget that counts a finished Job's pods allows no disruption and hangs every node drain; a
/// Service that selects them sends them traffic), and the jobs.* keys reach the pods.
/// </summary>
[Collection(PreviewRunCollection.Name)]
public sealed class JobPodGuaranteeTests
{
    public static TheoryData<string> Stacks() => ["staging", "prod"];

    private static Dictionary<string, string> Labels(JsonNode? node) =>
        (node as JsonObject ?? []).ToDictionary(p => p.Key, p => p.Value!.GetValue<string>());

    private static bool Selects(Dictionary<string, string> selector, Dictionary<string, string> labels) =>
        selector.Count > 0 && selector.All(s => labels.GetValueOrDefault(s.Key) == s.Value);

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task No_selector_of_a_colour_selects_a_jobs_pods(string stack)
    {
        var run = await PreviewRun.RunAsync(Repo.Config(stack));

        var jobs = run.Resources.Where(r => r.Type == "kubernetes:batch/v1:Job").ToList();
        Assert.Equal(2, jobs.Count);
        var selectors = run.Resources.Select(r => (r.Name, Selector: r.Type switch
        {
            "kubernetes:core/v1:Service" => Labels(r.Inputs["spec"]?["selector"]),
            "kubernetes:policy/v1:PodDisruptionBudget" or "kubernetes:apps/v1:Deployment" => Labels(r.Inputs["spec"]?["selector"]?["matchLabels"]),
            _ => [],
        })).Where(s => s.Selector.Count > 0).ToList();
        Assert.Contains(selectors, s => s.Name.EndsWith("-pdb", StringComparison.Ordinal));

        foreach (var job in jobs)
        {
            var podLabels = Labels(job.Inputs["spec"]?["template"]?["metadata"]?["labels"]);
            Assert.DoesNotContain(selectors, s => Selects(s.Selector, podLabels));
        }
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task The_jobs_keys_reach_both_jobs_pods(string stack)
    {
        var config = Repo.Config(stack).With(new Dictionary<string, string?>
        {
            [ConfigKeys.JobsServiceAccount] = "shop-jobs",
            [ConfigKeys.JobsSecret] = "shop-db",
            [ConfigKeys.JobsMemoryLimit] = "1Gi",
        });

        var run = await PreviewRun.RunAsync(config);

        foreach (var job in run.Resources.Where(r => r.Type == "kubernetes:batch/v1:Job"))
        {
            var pod = job.Inputs["spec"]!["template"]!["spec"]!;
            Assert.Equal("shop-jobs", pod["serviceAccountName"]!.GetValue<string>());
            Assert.Equal("shop-db", pod["containers"]![0]!["envFrom"]![0]!["secretRef"]!["name"]!.GetValue<string>());
            Assert.Equal("1Gi", pod["containers"]![0]!["resources"]!["limits"]!["memory"]!.GetValue<string>());
        }
    }
}
