using System.Text.Json.Nodes;
using BlueGreen.Conformance.Kubernetes;
using k8s.Models;

namespace BlueGreen.Conformance.Tests;

/// <summary>
/// Re-runs the check that <see cref="KubernetesSchema"/> (the KubernetesClient package's model classes) and
/// <see cref="KubernetesRequired"/> say what a published Kubernetes OpenAPI v2 spec says, for every definition
/// reachable from the kinds the program declares or may: the same fields, the same required lists. Opt-in, as
/// the spec is not committed: <c>K8S_SWAGGER=/path/to/swagger.json dotnet test tests/Conformance.Tests --filter
/// KubernetesSpecCrossCheck</c> with release-1.35's <c>api/openapi-spec/swagger.json</c> of kubernetes/kubernetes
/// (or kubernetes-client/python 35.0.0's <c>kubernetes/swagger.json.unprocessed</c>, the same file).
/// </summary>
public class KubernetesSpecCrossCheckTests
{
    private static readonly string[] Roots =
    [
        "io.k8s.api.apps.v1.Deployment", "io.k8s.api.batch.v1.Job", "io.k8s.api.core.v1.Service", "io.k8s.api.core.v1.Namespace",
        "io.k8s.api.policy.v1.PodDisruptionBudget", "io.k8s.api.core.v1.ServiceAccount", "io.k8s.api.core.v1.ConfigMap",
    ];

    [SpecFact]
    public void The_client_s_fields_and_our_required_lists_equal_the_published_spec_s()
    {
        var definitions = JsonNode.Parse(File.ReadAllText(Environment.GetEnvironmentVariable("K8S_SWAGGER")!))!["definitions"]!.AsObject();
        var models = typeof(V1PodSpec).Assembly.GetTypes().Where(t => t.Namespace == "k8s.Models" && !t.IsNested && !t.Name.StartsWith('<')).ToDictionary(t => t.Name, StringComparer.OrdinalIgnoreCase);
        var differences = new List<string>();
        foreach (var name in Closure(definitions))
        {
            var definition = definitions[name]!.AsObject();
            if (definition["properties"] is not JsonObject properties)
            {
                continue; // a scalar: Quantity, Time, IntOrString, FieldsV1
            }

            // The client names io.k8s.api.core.v1.Container V1Container, and a name two groups share Corev1Event.
            var parts = name.Split('.');
            var type = models.GetValueOrDefault($"V{parts[^2][1..]}{parts[^1]}") ?? models.GetValueOrDefault(parts[^3] + parts[^2] + parts[^1]);
            if (type is null)
            {
                differences.Add($"{name}: no class in KubernetesClient");
                continue;
            }

            var ours = KubernetesSchema.Of(type);
            var specFields = properties.Select(p => p.Key).Order(StringComparer.Ordinal).ToList();
            var clientFields = ours.Properties.Keys.Order(StringComparer.Ordinal).ToList();
            if (!specFields.SequenceEqual(clientFields))
            {
                differences.Add($"{name} ({type.Name}): the spec has {string.Join(",", specFields.Except(clientFields))} the client lacks, the client {string.Join(",", clientFields.Except(specFields))}");
            }

            // The v2 spec names a field's values only in its description; HTTPGetAction.scheme's says only "Defaults
            // to HTTP" (validateHTTPGetAction supports HTTP and HTTPS).
            foreach (var (field, values) in KubernetesEnums.Fields.GetValueOrDefault(type.Name) ?? new Dictionary<string, IReadOnlyList<string>>())
            {
                var description = properties[field]?["description"]?.GetValue<string>() ?? "";
                differences.AddRange(values.Where(v => !description.Contains(v, StringComparison.Ordinal) && (type.Name, field, v) != ("V1HTTPGetAction", "scheme", "HTTPS"))
                    .Select(v => $"{name}.{field}: the spec's description does not name '{v}'"));
            }

            var required = (definition["required"] as JsonArray ?? []).Select(r => r!.GetValue<string>()).Order(StringComparer.Ordinal);
            if (!required.SequenceEqual(ours.Required.Order(StringComparer.Ordinal)))
            {
                differences.Add($"{name} ({type.Name}): the spec requires {string.Join(",", required)}, KubernetesRequired says {string.Join(",", ours.Required)}");
            }
        }

        Assert.Empty(differences);
    }

    private static HashSet<string> Closure(JsonObject definitions)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(Roots);
        while (pending.TryPop(out var name))
        {
            if (seen.Add(name))
            {
                foreach (var reference in References(definitions[name]))
                {
                    pending.Push(reference);
                }
            }
        }

        return seen;
    }

    private static IEnumerable<string> References(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Key == "$ref" ? [p.Value!.GetValue<string>().Split('/')[^1]] : References(p.Value)),
        JsonArray a => a.SelectMany(References),
        _ => [],
    };
}

/// <summary>A test that needs a published Kubernetes spec: skipped, saying how to run it, without K8S_SWAGGER.</summary>
public sealed class SpecFactAttribute : FactAttribute
{
    public SpecFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("K8S_SWAGGER") is not { Length: > 0 } path || !File.Exists(path))
        {
            Skip = "set K8S_SWAGGER to a Kubernetes 1.35 api/openapi-spec/swagger.json to cross-check the schema against it";
        }
    }
}
