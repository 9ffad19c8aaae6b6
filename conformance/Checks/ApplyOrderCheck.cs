using System.Text.Json.Nodes;
using BlueGreen.Preview;

namespace BlueGreen.Conformance.Checks;

/// <summary>
/// Check 5: every move can complete. The engine starts a resource once everything it depends on (its
/// <c>dependencies</c>, a component standing for all its children) has completed; a resource completes when its
/// provider's wait ends:
/// <list type="bullet">
/// <item>a Deployment when its ready replicas are up (pulumi-kubernetes v4.32.0 provider/pkg/await/awaiters.go,
/// <c>deploymentAwaiter</c> for apps/v1/Deployment; provider/pkg/await/deployment.go);</item>
/// <item>a Job when it is Complete (the same table, <c>jobAwaiter</c> for batch/v1/Job);</item>
/// <item>a pod in a namespace labelled <c>elbv2.k8s.aws/pod-readiness-gate-inject: enabled</c> and selected by a
/// Service a TargetGroupBinding points at gets the controller's readiness gate
/// (aws-load-balancer-controller pkg/inject/pod_readiness/pod_readiness_gate.go), which turns true only when its
/// target is <c>healthy</c> (pkg/targetgroupbinding/resource_manager.go, calculateReadinessGateTransition); a
/// target of a group no listener or rule uses is <c>unused</c> (<c>Target.NotInUse</c>: botocore elbv2
/// TargetHealthReasonEnum), so the Deployment waits until a listener or rule forwarding to that group exists;</item>
/// <item>an RDS cluster snapshot when it is available (the provider's create waits; no other resource involved).</item>
/// </list>
/// What is left when nothing more can complete waits in a cycle: each is reported with the cycle.
/// </summary>
public sealed class ApplyOrderCheck : ICheck
{
    public string Name => "apply-order";

    public IEnumerable<Finding> Check(MoveRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var after = run.After;
        var pending = run.Changes.Where(c => c.Op is PreviewOp.Create or PreviewOp.Update or PreviewOp.Replace && c.Proposed is not null)
            .Select(c => c.Proposed!).ToDictionary(r => r.Urn, StringComparer.Ordinal);
        var waits = after.ToDictionary(r => r.Urn, r => WaitsFor(r, run), StringComparer.Ordinal);

        var done = new HashSet<string>(after.Select(r => r.Urn).Where(u => !pending.ContainsKey(u)), StringComparer.Ordinal);
        bool progress;
        do
        {
            progress = false;
            foreach (var urn in pending.Keys.Where(u => !done.Contains(u)).ToList())
            {
                if (waits[urn].All(group => group.Any(done.Contains)))
                {
                    done.Add(urn);
                    progress = true;
                }
            }
        }
        while (progress);

        var stuck = pending.Keys.Where(u => !done.Contains(u)).ToHashSet(StringComparer.Ordinal);
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var urn in stuck.Order(StringComparer.Ordinal))
        {
            if (Cycle(urn, stuck, waits) is { } cycle && reported.Add(string.Join(">", cycle.Order(StringComparer.Ordinal))))
            {
                var names = cycle.Select(u => u.Split("::")[^1]).ToList();
                yield return new Finding(names[0], $"waits in a cycle and never completes: {string.Join(" → waits for ", names.Append(names[0]))}");
            }
        }
    }

    /// <summary>What a resource waits for, as groups of which one member must complete (a plain dependency is a
    /// group of one; a readiness gate is any of the listeners and rules forwarding to the group).</summary>
    private static List<List<string>> WaitsFor(PreviewResource r, MoveRun run)
    {
        var byUrn = run.After;
        var groups = new List<List<string>>();
        foreach (var dependency in r.Dependencies)
        {
            var children = byUrn.Where(c => c.Parent == dependency && c.IsCustom).Select(c => c.Urn).ToList();
            groups.Add(children.Count > 0 ? children : [dependency]);
        }

        if (r.Type == "kubernetes:apps/v1:Deployment")
        {
            foreach (var arn in GatedTargetGroups(r, byUrn))
            {
                var inUseBefore = run.Before?.Any(l => IsListenerOrRule(l) && l.Inputs.ToJsonString().Contains(arn, StringComparison.Ordinal)) == true;
                if (!inUseBefore)
                {
                    groups.Add([.. byUrn.Where(l => IsListenerOrRule(l) && l.Inputs.ToJsonString().Contains(arn, StringComparison.Ordinal)).Select(l => l.Urn)]);
                }
            }
        }

        return groups;
    }

    private static bool IsListenerOrRule(PreviewResource r) => r.Type is "aws:lb/listener:Listener" or "aws:lb/listenerRule:ListenerRule";

    /// <summary>The target groups whose readiness gate the Deployment's pods get.</summary>
    private static IEnumerable<string> GatedTargetGroups(PreviewResource deployment, IReadOnlyList<PreviewResource> all)
    {
        var ns = deployment.Inputs["metadata"]?["namespace"]?.GetValue<string>();
        var injected = all.Any(r => r.Type == "kubernetes:core/v1:Namespace" && r.Inputs["metadata"]?["name"]?.GetValue<string>() == ns
            && r.Inputs["metadata"]?["labels"]?["elbv2.k8s.aws/pod-readiness-gate-inject"]?.GetValue<string>() == "enabled");
        if (!injected || deployment.Inputs["spec"]?["template"]?["metadata"]?["labels"] is not JsonObject podLabels)
        {
            yield break;
        }

        foreach (var binding in all.Where(r => r.Type == "kubernetes:elbv2.k8s.aws/v1beta1:TargetGroupBinding" && r.Inputs["metadata"]?["namespace"]?.GetValue<string>() == ns))
        {
            var serviceName = binding.Inputs["spec"]?["serviceRef"]?["name"]?.GetValue<string>();
            var service = all.FirstOrDefault(s => s.Type == "kubernetes:core/v1:Service" && s.Inputs["metadata"]?["name"]?.GetValue<string>() == serviceName
                && s.Inputs["metadata"]?["namespace"]?.GetValue<string>() == ns);
            var selector = service?.Inputs["spec"]?["selector"] as JsonObject;
            if (selector is { Count: > 0 } && selector.All(p => podLabels[p.Key]?.ToJsonString() == p.Value?.ToJsonString())
                && binding.Inputs["spec"]?["targetGroupARN"]?.GetValue<string>() is { } arn)
            {
                yield return arn;
            }
        }
    }

    /// <summary>A cycle through <paramref name="start"/> among the stuck resources, following what each waits for.</summary>
    private static List<string>? Cycle(string start, HashSet<string> stuck, Dictionary<string, List<List<string>>> waits)
    {
        var path = new List<string>();
        var onPath = new HashSet<string>(StringComparer.Ordinal);
        var current = start;
        while (current is not null && onPath.Add(current))
        {
            path.Add(current);
            current = waits[current].Where(g => g.All(stuck.Contains)).SelectMany(g => g).FirstOrDefault(stuck.Contains);
        }

        return current is null ? null : path[path.IndexOf(current)..];
    }
}
