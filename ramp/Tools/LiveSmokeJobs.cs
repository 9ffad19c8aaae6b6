using System.Text.Json;
using System.Text.Json.Nodes;
using BlueGreen.Release;

namespace BlueGreen.Ramp.Tools;

/// <summary>
/// The smoke-test Jobs in a stack's live state, read from <c>pulumi stack export</c>. Its format is Pulumi's
/// untyped deployment: <c>{"version": 3, "deployment": {"resources": [{"urn", "type", "outputs", "delete",
/// "initErrors", ...}]}}</c> (pulumi/pulumi sdk/go/common/apitype/core.go: UntypedDeployment, DeploymentV3,
/// ResourceV3). A Job whose update failed stays in the state with its <c>initErrors</c> and the status the
/// provider read, so a failed re-run shows here while the stack outputs still hold the last successful update's.
/// </summary>
public static class LiveSmokeJobs
{
    /// <summary>The Pulumi type token of a Kubernetes Job.</summary>
    public const string JobType = "kubernetes:batch/v1:Job";

    /// <summary>Every smoke Job (label <c>release-step: smoke</c>) in the export; resources pending deletion are skipped.</summary>
    /// <exception cref="RampException">The text is not a stack export.</exception>
    public static IReadOnlyList<SmokeJobState> Parse(string json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new RampException($"'pulumi stack export' printed text that is not JSON: {e.Message}");
        }

        if (root?["deployment"] is not JsonObject deployment)
        {
            throw new RampException("'pulumi stack export' printed no deployment: is the stack initialised?");
        }

        var jobs = new List<SmokeJobState>();
        foreach (var resource in (deployment["resources"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (Text(resource["type"]) != JobType || resource["delete"] is JsonValue pending && pending.TryGetValue<bool>(out var deleting) && deleting
                || resource["outputs"] is not JsonObject outputs || Text(outputs["metadata"]?["labels"]?["release-step"]) != "smoke")
            {
                continue;
            }

            var metadata = outputs["metadata"]!;
            var conditions = (outputs["status"]?["conditions"] as JsonArray ?? []).OfType<JsonObject>().ToList();
            bool Has(string type) => conditions.Any(c => Text(c["type"]) == type && Text(c["status"]) == "True");
            jobs.Add(new SmokeJobState(
                Text(metadata["name"]) ?? "",
                Text(metadata["labels"]?["release"]) ?? Text(metadata["annotations"]?["bluegreen/release"]),
                Has("Complete"),
                Has("Failed")));
        }

        return jobs;
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
