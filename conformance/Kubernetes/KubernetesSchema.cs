using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Serialization;
using k8s.Models;

namespace BlueGreen.Conformance.Kubernetes;

/// <summary>
/// The schema of Kubernetes' built-in kinds, as of <see cref="Version"/>: the official Kubernetes C# client
/// (NuGet <c>KubernetesClient</c>, kubernetes-client/csharp, Apache-2.0), whose 19.0 release is generated from
/// Kubernetes 1.35's OpenAPI spec (<c>api/openapi-spec/swagger.json</c> of release-1.35). Each model class is
/// one definition: its properties' JSON names (<see cref="JsonPropertyNameAttribute"/>) are the fields the API
/// server knows, their CLR types the OpenAPI types (string, int32/int64, boolean, IntOrString, Quantity, lists,
/// maps, nested definitions); <see cref="KubernetesRequired"/> adds the spec's <c>required</c> lists and
/// <see cref="KubernetesEnums"/> the fixed sets of values, which the generated classes do not carry. Kinds come
/// from each class's <see cref="KubernetesEntityAttribute"/>.
/// The AWS Load Balancer Controller's TargetGroupBinding comes from <see cref="TargetGroupBindingSchema"/>.
/// </summary>
public static class KubernetesSchema
{
    /// <summary>The Kubernetes minor version the schema is of: the oldest EKS version in standard support
    /// (Amazon EKS release calendar: 1.34's standard support ended 2026-12-02, 1.35's runs to 2027-03-27).</summary>
    public const string Version = "1.35";

    private static readonly ConcurrentDictionary<Type, SchemaNode> Nodes = new();

    private static readonly Assembly Client = typeof(V1PodSpec).Assembly;

    private static readonly Lazy<IReadOnlyDictionary<(string Group, string Version, string Kind), Type>> Kinds = new(() =>
        Client.GetTypes()
            .Select(t => (Type: t, Entity: t.GetCustomAttribute<KubernetesEntityAttribute>()))
            .Where(e => e.Entity is not null && e.Type.Namespace == "k8s.Models" && !e.Type.Name.EndsWith("List", StringComparison.Ordinal))
            .GroupBy(e => (e.Entity!.Group ?? "", e.Entity.ApiVersion, e.Entity.Kind))
            .ToDictionary(g => g.Key, g => g.First().Type));

    /// <summary>Where the schema comes from, for the report: the package and its version.</summary>
    public static string Source { get; } =
        $"KubernetesClient {Client.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]} (generated from Kubernetes {Version}'s OpenAPI spec)";

    /// <summary>
    /// The schema of a Pulumi Kubernetes type token (<c>kubernetes:apps/v1:Deployment</c>,
    /// <c>kubernetes:core/v1:Service</c>, <c>kubernetes:elbv2.k8s.aws/v1beta1:TargetGroupBinding</c>), or null when
    /// neither Kubernetes <see cref="Version"/> nor a CRD we have knows that kind.
    /// </summary>
    public static SchemaNode? ForType(string pulumiType)
    {
        ArgumentNullException.ThrowIfNull(pulumiType);
        var parts = pulumiType.Split(':');
        if (parts.Length != 3 || parts[0] != "kubernetes" || parts[1].Split('/') is not [var group, var version])
        {
            return null;
        }

        if (pulumiType == TargetGroupBindingSchema.PulumiType)
        {
            return TargetGroupBindingSchema.Root;
        }

        return Kinds.Value.TryGetValue((group == "core" ? "" : group, version, parts[2]), out var type) ? Of(type) : null;
    }

    /// <summary>The schema of one of the client's model types (or of a scalar or collection type).</summary>
    public static SchemaNode Of(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return Nodes.GetOrAdd(type, Build);
    }

    private static SchemaNode Build(Type type)
    {
        var plain = Nullable.GetUnderlyingType(type) ?? type;
        if (plain == typeof(string) || plain == typeof(DateTime) || plain == typeof(DateTimeOffset) || plain == typeof(byte[]))
        {
            // Time and MicroTime are RFC 3339 strings, []byte a base64 string.
            return SchemaNode.Scalar(SchemaKind.String);
        }

        if (plain == typeof(int) || plain == typeof(long) || plain == typeof(bool) || plain == typeof(double) || plain == typeof(float))
        {
            return SchemaNode.Scalar(plain == typeof(int) ? SchemaKind.Int32 : plain == typeof(long) ? SchemaKind.Int64 : plain == typeof(bool) ? SchemaKind.Boolean : SchemaKind.Number);
        }

        if (plain == typeof(IntOrString))
        {
            return SchemaNode.Scalar(SchemaKind.IntOrString);
        }

        if (plain == typeof(ResourceQuantity))
        {
            return SchemaNode.Scalar(SchemaKind.Quantity);
        }

        if (plain.IsGenericType && plain.GetGenericTypeDefinition() == typeof(IDictionary<,>))
        {
            var value = plain.GetGenericArguments()[1];
            return new SchemaNode(SchemaKind.Map, $"map[string]{value.Name}", items: () => Of(value));
        }

        if (plain.IsGenericType && plain.GetGenericTypeDefinition() is var generic && (generic == typeof(IList<>) || generic == typeof(IEnumerable<>)))
        {
            var item = plain.GetGenericArguments()[0];
            return new SchemaNode(SchemaKind.Array, $"[]{item.Name}", items: () => Of(item));
        }

        if (plain.Namespace != "k8s.Models" || !plain.IsClass)
        {
            // object / JsonElement: RawExtension, FieldsV1 and the like take any JSON.
            return SchemaNode.Scalar(SchemaKind.Any);
        }

        return new SchemaNode(SchemaKind.Object, plain.Name, () => Properties(plain), required: KubernetesRequired.Of(plain.Name));
    }

    private static Dictionary<string, SchemaNode> Properties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Name: p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name, p.PropertyType))
            .Where(p => p.Name is not null)
            .ToDictionary(p => p.Name!, p => KubernetesEnums.Of(type.Name, p.Name!) is { } allowed ? SchemaNode.Scalar(SchemaKind.String, allowed) : Of(p.PropertyType), StringComparer.Ordinal);
}
