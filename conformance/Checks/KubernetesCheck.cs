using System.Text.Json.Nodes;
using BlueGreen.Preview;

namespace BlueGreen.Conformance.Checks;

/// <summary>
/// Check 3: every Kubernetes object the move creates or changes, by the API server's rules beyond the schema
/// (names, labels, selectors matching the template, port and environment names) and, for TargetGroupBindings,
/// by the Load Balancer Controller's CRD (<see cref="KubernetesRules"/>), with its Service reference resolved.
/// </summary>
public sealed class KubernetesCheck : ICheck
{
    public string Name => "kubernetes";

    public IEnumerable<Finding> Check(MoveRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var services = run.After.Where(r => r.Type == "kubernetes:core/v1:Service").Select(r => r.Inputs).ToList();
        foreach (var change in run.Changes.Where(c => c.Op is PreviewOp.Create or PreviewOp.Update or PreviewOp.Replace))
        {
            var r = change.Resource;
            if (!r.IsCustom || !r.Type.StartsWith("kubernetes:", StringComparison.Ordinal) || r.Type.StartsWith("kubernetes:index", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var problem in Problems(r, services))
            {
                yield return new Finding(r.Name, problem);
            }
        }
    }

    public static IEnumerable<string> Problems(PreviewResource resource, IReadOnlyList<JsonObject> services)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var o = resource.Inputs;
        var kind = resource.Type.Split(':')[^1];
        var name = o["metadata"]?["name"]?.GetValue<string>();
        if (name is null)
        {
            yield return "metadata.name: required (the program must name every object)";
        }
        else if ((kind is "Namespace" or "Service" ? KubernetesRules.LabelProblem(name) : KubernetesRules.SubdomainProblem(name)) is { } nameProblem)
        {
            yield return $"metadata.name: {nameProblem}";
        }
        else if (kind == "Job" && KubernetesRules.LabelValueProblem(name) is { } jobName)
        {
            // The job controller labels its pods with the Job's name (batch.kubernetes.io/job-name).
            yield return $"metadata.name: {jobName}";
        }

        foreach (var problem in Labels("metadata.labels", o["metadata"]?["labels"]))
        {
            yield return problem;
        }

        var template = o["spec"]?["template"];
        foreach (var problem in Labels("spec.template.metadata.labels", template?["metadata"]?["labels"]).Concat(Labels("spec.selector.matchLabels", o["spec"]?["selector"]?["matchLabels"])))
        {
            yield return problem;
        }

        if (o["spec"]?["selector"]?["matchLabels"] is JsonObject selector && template?["metadata"]?["labels"] is JsonObject podLabels
            && selector.Any(p => podLabels[p.Key]?.ToJsonString() != p.Value?.ToJsonString()))
        {
            yield return "spec.selector: does not match the template's labels (the API server refuses it)";
        }

        foreach (var problem in PodSpecProblems(template?["spec"] as JsonObject))
        {
            yield return problem;
        }

        foreach (var port in (o["spec"]?["ports"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (port["name"]?.GetValue<string>() is { } portName && KubernetesRules.PortNameProblem(portName) is { } problem)
            {
                yield return $"spec.ports: {problem}";
            }
        }

        if (kind == "TargetGroupBinding")
        {
            foreach (var problem in KubernetesRules.TargetGroupBindingProblems(o["spec"] as JsonObject))
            {
                yield return problem;
            }

            foreach (var problem in ServiceRefProblems(o, services))
            {
                yield return problem;
            }
        }
    }

    private static IEnumerable<string> PodSpecProblems(JsonObject? pod)
    {
        foreach (var container in (pod?["containers"] as JsonArray ?? []).Concat(pod?["initContainers"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (container["name"]?.GetValue<string>() is not { } name || KubernetesRules.LabelProblem(name) is { } problem)
            {
                yield return $"spec.template.spec.containers: {(container["name"] is null ? "a container has no name" : KubernetesRules.LabelProblem(container["name"]!.GetValue<string>()))}";
            }

            foreach (var port in (container["ports"] as JsonArray ?? []).OfType<JsonObject>())
            {
                if (port["name"]?.GetValue<string>() is { } portName && KubernetesRules.PortNameProblem(portName) is { } p)
                {
                    yield return $"spec.template.spec.containers.ports: {p}";
                }
            }

            foreach (var env in (container["env"] as JsonArray ?? []).OfType<JsonObject>())
            {
                if (env["name"]?.GetValue<string>() is { } envName && KubernetesRules.EnvNameProblem(envName) is { } p)
                {
                    yield return $"spec.template.spec.containers.env: {p}";
                }
            }
        }
    }

    private static IEnumerable<string> Labels(string path, JsonNode? labels)
    {
        foreach (var (key, value) in labels as JsonObject ?? [])
        {
            if (KubernetesRules.LabelKeyProblem(key) is { } k)
            {
                yield return $"{path}: {k}";
            }

            if (value?.GetValue<string>() is { } text && KubernetesRules.LabelValueProblem(text) is { } v)
            {
                yield return $"{path}.{key}: {v}";
            }
        }
    }

    /// <summary>The controller resolves serviceRef to a Service of the same namespace and one of its ports, by number or name.</summary>
    private static IEnumerable<string> ServiceRefProblems(JsonObject binding, IReadOnlyList<JsonObject> services)
    {
        var reference = binding["spec"]?["serviceRef"];
        var name = reference?["name"]?.GetValue<string>();
        var ns = binding["metadata"]?["namespace"]?.GetValue<string>();
        var service = services.FirstOrDefault(s => s["metadata"]?["name"]?.GetValue<string>() == name && s["metadata"]?["namespace"]?.GetValue<string>() == ns);
        if (service is null)
        {
            yield return $"spec.serviceRef: no Service '{name}' in namespace '{ns}' in this stack";
            yield break;
        }

        var port = reference?["port"]?.ToJsonString().Trim('"');
        if (!(service["spec"]?["ports"] as JsonArray ?? []).OfType<JsonObject>().Any(p => p["port"]?.ToJsonString() == port || p["name"]?.GetValue<string>() == port))
        {
            yield return $"spec.serviceRef.port: Service '{name}' has no port {port}";
        }
    }
}
