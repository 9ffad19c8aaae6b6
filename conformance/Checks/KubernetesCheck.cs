using System.Text.Json;
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
        var name = Text(o["metadata"]?["name"]); // null when not a string: the schema check says so
        if (o["metadata"]?["name"] is null)
        {
            yield return "metadata.name: required (the program must name every object)";
        }
        else if (name is not null && (kind is "Namespace" or "Service" ? KubernetesRules.LabelProblem(name) : KubernetesRules.SubdomainProblem(name)) is { } nameProblem)
        {
            yield return $"metadata.name: {nameProblem}";
        }
        else if (name is not null && kind == "Job" && KubernetesRules.LabelValueProblem(name) is { } jobName)
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

        // A Job's pods end: OnFailure or Never, set, as the default Always is refused (batch validation
        // ValidateJobSpec); a Deployment's pods run on: Always, or unset (apps validation ValidateDeploymentSpec).
        var restart = Text(template?["spec"]?["restartPolicy"]);
        if (kind == "Job" && restart is not ("OnFailure" or "Never"))
        {
            yield return $"spec.template.spec.restartPolicy: {(restart is null ? "unset (defaults to Always)" : $"'{restart}'")}, but a Job's pods take OnFailure or Never";
        }
        else if (kind == "Deployment" && restart is not (null or "Always"))
        {
            yield return $"spec.template.spec.restartPolicy: '{restart}', but a Deployment's pods take only Always";
        }

        if (kind == "Service")
        {
            foreach (var problem in ServicePortProblems(o["spec"]?["ports"] as JsonArray ?? []))
            {
                yield return problem;
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

    /// <summary>
    /// The pod template by the API server's ValidatePodSpec (pkg/apis/core/validation/validation.go): container names
    /// are DNS labels, unique across containers and init containers; volume names unique; every volume mount names
    /// a volume of the pod; port and environment names well formed.
    /// </summary>
    private static IEnumerable<string> PodSpecProblems(JsonObject? pod)
    {
        var containers = (pod?["containers"] as JsonArray ?? []).Concat(pod?["initContainers"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var volumes = (pod?["volumes"] as JsonArray ?? []).OfType<JsonObject>().Select(v => Text(v["name"])).OfType<string>().ToList();
        foreach (var duplicate in Duplicates(containers.Select(c => Text(c["name"]))))
        {
            yield return $"spec.template.spec.containers: two containers are named '{duplicate}' (container names are unique in a pod)";
        }

        foreach (var duplicate in Duplicates(volumes))
        {
            yield return $"spec.template.spec.volumes: two volumes are named '{duplicate}'";
        }

        foreach (var container in containers)
        {
            if (Text(container["name"]) is not { } name || KubernetesRules.LabelProblem(name) is not null)
            {
                yield return $"spec.template.spec.containers: {(Text(container["name"]) is { } bad ? KubernetesRules.LabelProblem(bad) : "a container has no name")}";
            }

            foreach (var port in (container["ports"] as JsonArray ?? []).OfType<JsonObject>())
            {
                if (Text(port["name"]) is { } portName && KubernetesRules.PortNameProblem(portName) is { } p)
                {
                    yield return $"spec.template.spec.containers.ports: {p}";
                }
            }

            foreach (var env in (container["env"] as JsonArray ?? []).OfType<JsonObject>())
            {
                if (Text(env["name"]) is { } envName && KubernetesRules.EnvNameProblem(envName) is { } p)
                {
                    yield return $"spec.template.spec.containers.env: {p}";
                }
            }

            foreach (var mount in (container["volumeMounts"] as JsonArray ?? []).OfType<JsonObject>().Select(m => Text(m["name"])).OfType<string>().Where(m => !volumes.Contains(m)))
            {
                yield return $"spec.template.spec.containers.volumeMounts: '{mount}' is not a volume of the pod";
            }
        }
    }

    /// <summary>A Service's ports by ValidateService: each name an IANA service name; with more than one port, each
    /// named, and the names unique.</summary>
    private static IEnumerable<string> ServicePortProblems(JsonArray ports)
    {
        var names = ports.OfType<JsonObject>().Select(p => Text(p["name"])).ToList();
        foreach (var problem in names.OfType<string>().Select(KubernetesRules.PortNameProblem).OfType<string>())
        {
            yield return $"spec.ports: {problem}";
        }

        if (names.Count > 1 && names.Any(n => string.IsNullOrEmpty(n)))
        {
            yield return "spec.ports: a Service with more than one port names every port";
        }

        foreach (var duplicate in Duplicates(names))
        {
            yield return $"spec.ports: two ports are named '{duplicate}'";
        }
    }

    private static IEnumerable<string> Duplicates(IEnumerable<string?> names) =>
        names.OfType<string>().Where(n => n.Length > 0).GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key);

    /// <summary>A string value, or null (absent, or of another type: the schema check reports that).</summary>
    private static string? Text(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static IEnumerable<string> Labels(string path, JsonNode? labels)
    {
        foreach (var (key, value) in labels as JsonObject ?? [])
        {
            if (KubernetesRules.LabelKeyProblem(key) is { } k)
            {
                yield return $"{path}: {k}";
            }

            if (Text(value) is { } text && KubernetesRules.LabelValueProblem(text) is { } v)
            {
                yield return $"{path}.{key}: {v}";
            }
        }
    }

    /// <summary>The controller resolves serviceRef to a Service of the same namespace and one of its ports, by number or name.</summary>
    private static IEnumerable<string> ServiceRefProblems(JsonObject binding, IReadOnlyList<JsonObject> services)
    {
        var reference = binding["spec"]?["serviceRef"];
        var name = Text(reference?["name"]);
        var ns = Text(binding["metadata"]?["namespace"]);
        var service = services.FirstOrDefault(s => Text(s["metadata"]?["name"]) == name && Text(s["metadata"]?["namespace"]) == ns);
        if (service is null)
        {
            yield return $"spec.serviceRef: no Service '{name}' in namespace '{ns}' in this stack";
            yield break;
        }

        var port = reference?["port"]?.ToJsonString().Trim('"');
        if (!(service["spec"]?["ports"] as JsonArray ?? []).OfType<JsonObject>().Any(p => p["port"]?.ToJsonString() == port || Text(p["name"]) == port))
        {
            yield return $"spec.serviceRef.port: Service '{name}' has no port {port}";
        }
    }
}
