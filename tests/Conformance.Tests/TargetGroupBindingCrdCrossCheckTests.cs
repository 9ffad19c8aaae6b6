using System.Text.Json.Nodes;
using BlueGreen.Conformance.Kubernetes;
using YamlDotNet.Serialization;

namespace BlueGreen.Conformance.Tests;

/// <summary>
/// Re-runs the check that <see cref="TargetGroupBindingSchema"/> says what the Load Balancer Controller's CRD says
/// for <c>spec</c> of v1beta1: the same fields at every depth, types, enums and required lists. Opt-in, as the CRD is
/// not committed: <c>LBC_CRD=path/to/elbv2.k8s.aws_targetgroupbindings.yaml dotnet test tests/Conformance.Tests
/// --filter TargetGroupBindingCrdCrossCheck</c> (kubernetes-sigs/aws-load-balancer-controller,
/// <c>config/crd/bases/</c>).
/// </summary>
public class TargetGroupBindingCrdCrossCheckTests
{
    [CrdFact]
    public void Our_schema_of_the_binding_s_spec_equals_the_crd_s()
    {
        var yaml = new DeserializerBuilder().Build().Deserialize<object>(File.ReadAllText(Environment.GetEnvironmentVariable("LBC_CRD")!));
        var crd = JsonNode.Parse(new SerializerBuilder().JsonCompatible().Build().Serialize(yaml))!;
        var version = crd["spec"]!["versions"]!.AsArray().First(v => v!["name"]!.GetValue<string>() == "v1beta1")!;
        var spec = version["schema"]!["openAPIV3Schema"]!["properties"]!["spec"]!;
        var differences = new List<string>();

        Compare(spec, TargetGroupBindingSchema.Root.Properties["spec"], "spec", differences);

        Assert.Empty(differences);
    }

    private static void Compare(JsonNode crd, SchemaNode ours, string path, List<string> differences)
    {
        var type = crd["type"]?.GetValue<string>();
        var expected = crd["x-kubernetes-int-or-string"] is not null ? SchemaKind.IntOrString
            : type == "object" && crd["properties"] is null && crd["additionalProperties"] is not null ? SchemaKind.Map
            : type switch { "object" => SchemaKind.Object, "array" => SchemaKind.Array, "string" => SchemaKind.String, "boolean" => SchemaKind.Boolean, "integer" => SchemaKind.Int64, _ => SchemaKind.Any };
        if (expected != ours.Kind && !(expected == SchemaKind.Int64 && ours.Kind == SchemaKind.Int32))
        {
            differences.Add($"{path}: the CRD says {expected}, we say {ours.Kind}");
            return;
        }

        var allowed = (crd["enum"] as JsonArray ?? []).Select(e => e!.GetValue<string>()).ToList();
        if (!allowed.SequenceEqual(ours.Allowed ?? []))
        {
            differences.Add($"{path}: the CRD allows {string.Join(",", allowed)}, we allow {string.Join(",", ours.Allowed ?? [])}");
        }

        var required = (crd["required"] as JsonArray ?? []).Select(r => r!.GetValue<string>()).Order(StringComparer.Ordinal);
        if (!required.SequenceEqual(ours.Required.Order(StringComparer.Ordinal)))
        {
            differences.Add($"{path}: the CRD requires {string.Join(",", required)}, we require {string.Join(",", ours.Required)}");
        }

        if (expected is SchemaKind.Array or SchemaKind.Map)
        {
            Compare(crd["items"] ?? crd["additionalProperties"]!, ours.Items!, $"{path}[]", differences);
        }

        var properties = crd["properties"] as JsonObject ?? [];
        foreach (var missing in properties.Select(p => p.Key).Except(ours.Properties.Keys).Concat(ours.Properties.Keys.Except(properties.Select(p => p.Key))))
        {
            differences.Add($"{path}.{missing}: in {(properties.ContainsKey(missing) ? "the CRD, not ours" : "ours, not the CRD")}");
        }

        foreach (var (name, child) in properties.Where(p => ours.Properties.ContainsKey(p.Key)))
        {
            Compare(child!, ours.Properties[name], $"{path}.{name}", differences);
        }
    }
}

/// <summary>A test that needs the controller's CRD: skipped, saying how to run it, without LBC_CRD.</summary>
public sealed class CrdFactAttribute : FactAttribute
{
    public CrdFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("LBC_CRD") is not { Length: > 0 } path || !File.Exists(path))
        {
            Skip = "set LBC_CRD to aws-load-balancer-controller's config/crd/bases/elbv2.k8s.aws_targetgroupbindings.yaml to cross-check the binding's schema";
        }
    }
}
