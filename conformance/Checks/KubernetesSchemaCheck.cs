using BlueGreen.Conformance.Kubernetes;
using BlueGreen.Preview;

namespace BlueGreen.Conformance.Checks;

/// <summary>
/// Check 3, the schema half: every Kubernetes object the move creates or changes validates against the schema of
/// its kind (<see cref="KubernetesSchema"/>: Kubernetes <see cref="KubernetesSchema.Version"/>, the oldest EKS
/// version in standard support; the Load Balancer Controller's TargetGroupBinding CRD). A kind with no schema
/// fails the check, so a new kind cannot slip past. The rules beyond the schema are <see cref="KubernetesCheck"/>'s.
/// </summary>
public sealed class KubernetesSchemaCheck : ICheck
{
    public string Name => "kubernetes-schema";

    public IEnumerable<Finding> Check(MoveRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        foreach (var change in run.Changes.Where(c => c.Op is PreviewOp.Create or PreviewOp.Update or PreviewOp.Replace))
        {
            var r = change.Resource;
            if (!r.IsCustom || !r.Type.StartsWith("kubernetes:", StringComparison.Ordinal) || r.Type.StartsWith("kubernetes:index", StringComparison.Ordinal))
            {
                continue;
            }

            if (KubernetesSchema.ForType(r.Type) is not { } schema)
            {
                yield return new Finding(r.Name, $"{r.Type}: no schema for this kind in Kubernetes {KubernetesSchema.Version} or the CRDs the conformance stage knows (conformance/Kubernetes)");
                continue;
            }

            // The type token names the group, version and kind the object must say it is (core is the empty group).
            var parts = r.Type.Split(':');
            var apiVersion = parts[1].StartsWith("core/", StringComparison.Ordinal) ? parts[1]["core/".Length..] : parts[1];
            foreach (var (field, expected) in new[] { ("apiVersion", apiVersion), ("kind", parts[2]) })
            {
                if (r.Inputs[field] is { } value && value.ToJsonString() != $"\"{expected}\"")
                {
                    yield return new Finding(r.Name, $"{field}: {value.ToJsonString()} is not \"{expected}\" (the kind this resource creates)");
                }
            }

            foreach (var problem in SchemaValidator.Problems(r.Inputs, schema))
            {
                yield return new Finding(r.Name, problem);
            }
        }
    }
}
