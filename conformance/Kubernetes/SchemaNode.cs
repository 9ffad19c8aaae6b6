namespace BlueGreen.Conformance.Kubernetes;

/// <summary>What a value of a Kubernetes schema may be (the OpenAPI types and formats the API server decodes).</summary>
public enum SchemaKind
{
    /// <summary>An object with known properties: any other property is an unknown field.</summary>
    Object,

    /// <summary>A list of <see cref="SchemaNode.Items"/>.</summary>
    Array,

    /// <summary>An object with any keys, each value a <see cref="SchemaNode.Items"/> (labels, resource limits).</summary>
    Map,
    String,

    /// <summary>A whole number that fits in 32 bits (<c>format: int32</c>).</summary>
    Int32,

    /// <summary>A whole number (<c>format: int64</c>).</summary>
    Int64,
    Number,
    Boolean,

    /// <summary><c>format: int-or-string</c> (<c>x-kubernetes-int-or-string</c>): a whole number or a string.</summary>
    IntOrString,

    /// <summary>A resource quantity (<c>io.k8s.apimachinery.pkg.api.resource.Quantity</c>): <c>250m</c>, <c>512Mi</c>, or a number.</summary>
    Quantity,

    /// <summary>Anything (<c>x-kubernetes-preserve-unknown-fields</c>, a raw extension, a status we never send).</summary>
    Any,
}

/// <summary>
/// One node of a structural schema: its kind, the definition it comes from (named in every finding), and for an
/// object its properties and required fields, for an array or map its items, for a string its allowed values.
/// Properties are built on first use, so recursive definitions cost nothing until a value reaches them.
/// </summary>
public sealed class SchemaNode
{
    private readonly Lazy<IReadOnlyDictionary<string, SchemaNode>> _properties;
    private readonly Func<SchemaNode>? _items;

    public SchemaNode(SchemaKind kind, string definition, Func<IReadOnlyDictionary<string, SchemaNode>>? properties = null, Func<SchemaNode>? items = null, IReadOnlyCollection<string>? required = null, IReadOnlyList<string>? allowed = null)
    {
        Kind = kind;
        Definition = definition;
        _properties = new(properties ?? (() => new Dictionary<string, SchemaNode>()));
        _items = items;
        Required = required ?? [];
        Allowed = allowed;
    }

    public SchemaKind Kind { get; }

    /// <summary>The definition's name, e.g. <c>io.k8s.api.core.v1.ContainerPort</c> (as V1ContainerPort) or <c>TargetGroupBinding.spec</c>.</summary>
    public string Definition { get; }

    public IReadOnlyDictionary<string, SchemaNode> Properties => _properties.Value;

    /// <summary>The item of an array, the value of a map.</summary>
    public SchemaNode? Items => _items?.Invoke();

    public IReadOnlyCollection<string> Required { get; }

    /// <summary>The allowed values of a string (<c>enum</c>), or null for any.</summary>
    public IReadOnlyList<string>? Allowed { get; }

    public static SchemaNode Scalar(SchemaKind kind, IReadOnlyList<string>? allowed = null) => new(kind, kind.ToString(), allowed: allowed);

    public static SchemaNode ArrayOf(SchemaNode item) => new(SchemaKind.Array, $"[]{item.Definition}", items: () => item);

    public static SchemaNode MapOf(SchemaNode value) => new(SchemaKind.Map, $"map[string]{value.Definition}", items: () => value);

    public static SchemaNode Object(string definition, IReadOnlyDictionary<string, SchemaNode> properties, params string[] required) =>
        new(SchemaKind.Object, definition, () => properties, required: required);
}
