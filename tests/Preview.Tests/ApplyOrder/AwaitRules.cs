using System.Text.Json.Nodes;

namespace BlueGreen.Preview.Tests.ApplyOrder;

/// <summary>How an update of the stack proceeds, from the published behaviour of the engine, the Kubernetes provider
/// and the AWS Load Balancer Controller.</summary>
/// <param name="Completed">The custom resources whose step finished, in order.</param>
/// <param name="Stuck">The resources whose step never finished, each with why.</param>
internal sealed record ApplyOutcome(IReadOnlyList<string> Completed, IReadOnlyDictionary<string, string> Stuck)
{
    public bool CanComplete => Stuck.Count == 0;

    public override string ToString() => CanComplete
        ? $"completes: {string.Join(" → ", Completed)}"
        : "stuck: " + string.Join("; ", Stuck.Select(s => $"{s.Key} ({s.Value})"));
}

/// <summary>
/// Plays an update from one config to the next under the documented await rules:
/// <list type="bullet">
/// <item>A resource is registered, so its create or update starts, only once every resource it depends on has
/// finished its own (pulumi/pulumi pkg/resource/deploy/step_executor.go:93-96: "language hosts can only invoke the
/// resource monitor once all of their dependencies have resolved").</item>
/// <item>pulumi-kubernetes v4.32.0 finishes a Deployment only once its new ReplicaSet's pods are ready
/// (provider/pkg/await/deployment.go:593-660, readyReplicas against spec.replicas; documented in
/// provider/pkg/gen/additionalComments.go:65-79), and a Job only at its Complete condition
/// (provider/pkg/await/checker/job/check.go:50-72).</item>
/// <item>The AWS Load Balancer Controller injects a readiness gate into every pod the Service of a
/// TargetGroupBinding selects (pkg/inject/pod_readiness/pod_readiness_gate.go:65-93), and sets it True only for a
/// target whose health is "healthy" (pkg/targetgroupbinding/resource_manager.go:515-527). A target in a group no
/// listener or rule forwards to is "unused" (Target.NotInUse; pkg/targetgroupbinding/targets_manager_types.go),
/// so the pods of a colour whose group is not in use never become ready. A group named in a listener's forward
/// action (at any weight, 0 included) or a rule's action is in use.</item>
/// </list>
/// A Job is assumed to succeed once it starts: the question is whether the order lets every step finish.
/// </summary>
internal static class AwaitRules
{
    private const string Deployment = "kubernetes:apps/v1:Deployment";
    private const string Binding = "kubernetes:elbv2.k8s.aws/v1beta1:TargetGroupBinding";
    private const string Service = "kubernetes:core/v1:Service";
    private static readonly string[] Routing = ["aws:lb/listener:Listener", "aws:lb/listenerRule:ListenerRule"];

    public static ApplyOutcome Play(ApplyGraph before, ApplyGraph after)
    {
        var diff = PreviewDiff.Between(before.Run, after.Run);
        var stepped = diff.Resources
            .Where(r => r.Op is PreviewOp.Create or PreviewOp.Update or PreviewOp.Replace && r.Resource.IsCustom)
            .Select(r => r.Resource.Urn).ToHashSet();
        var done = after.Run.Resources.Where(r => r.IsCustom && !stepped.Contains(r.Urn)).Select(r => r.Urn).ToHashSet();
        var byUrn = after.Run.Resources.ToDictionary(r => r.Urn);
        var completed = new List<string>();
        var waiting = new Dictionary<string, string>();

        for (var progress = true; progress;)
        {
            progress = false;
            foreach (var urn in stepped.Where(u => !done.Contains(u)).Order(StringComparer.Ordinal).ToList())
            {
                var missing = after.Dependencies.GetValueOrDefault(urn)?.Where(d => byUrn.ContainsKey(d) && !done.Contains(d)).ToList() ?? [];
                if (missing.Count > 0)
                {
                    waiting[byUrn[urn].Name] = "waits for " + string.Join(", ", missing.Select(m => byUrn[m].Name));
                    continue;
                }

                if (NotReady(byUrn[urn], before, after, done) is { } why)
                {
                    waiting[byUrn[urn].Name] = why;
                    continue;
                }

                done.Add(urn);
                completed.Add(byUrn[urn].Name);
                waiting.Remove(byUrn[urn].Name);
                progress = true;
            }
        }

        return new ApplyOutcome(completed, waiting);
    }

    /// <summary>Why a started resource cannot finish yet, or null when its await condition holds.</summary>
    private static string? NotReady(PreviewResource resource, ApplyGraph before, ApplyGraph after, IReadOnlySet<string> done)
    {
        if (resource.Type != Deployment || Labels(resource.Inputs["spec"]?["template"]?["metadata"]?["labels"]) is not { } podLabels)
        {
            return null;
        }

        foreach (var binding in after.Run.Resources.Where(r => r.Type == Binding))
        {
            var serviceName = Text(binding.Inputs["spec"]?["serviceRef"]?["name"]);
            var service = after.Run.Resources.FirstOrDefault(r => r.Type == Service && Text(r.Inputs["metadata"]?["name"]) == serviceName);
            var selector = Labels(service?.Inputs["spec"]?["selector"]);
            if (selector is null || selector.Count == 0 || !selector.All(s => podLabels.GetValueOrDefault(s.Key) == s.Value))
            {
                continue;
            }

            var group = Text(binding.Inputs["spec"]?["targetGroupARN"]);
            if (group is not null && !InUse(group, before, after, done))
            {
                return $"its pods' readiness gate waits for target group {group.Split('/')[^2]}, which no listener or rule uses yet";
            }
        }

        return null;
    }

    /// <summary>Whether a listener or rule forwards to <paramref name="group"/>: as deployed before the update (until
    /// its own step finishes), or as updated once it has.</summary>
    private static bool InUse(string group, ApplyGraph before, ApplyGraph after, IReadOnlySet<string> done) =>
        after.Run.Resources.Any(r => Routing.Contains(r.Type) && done.Contains(r.Urn) && Names(r.Inputs, group))
        || before.Run.Resources.Any(r => Routing.Contains(r.Type) && Names(r.Inputs, group));

    private static bool Names(JsonNode? node, string value) => node switch
    {
        JsonValue v => v.TryGetValue<string>(out var s) && s == value,
        JsonArray list => list.Any(i => Names(i, value)),
        JsonObject map => map.Any(p => Names(p.Value, value)),
        _ => false,
    };

    private static Dictionary<string, string>? Labels(JsonNode? node) =>
        node as JsonObject is { } map ? map.Where(p => Text(p.Value) is not null).ToDictionary(p => p.Key, p => Text(p.Value)!) : null;

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
