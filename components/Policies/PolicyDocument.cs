using System.Text.Json;
using System.Text.Json.Serialization;

namespace BlueGreen.Components;

/// <summary>An IAM policy document (identity, resource or trust policy), serialized with <see cref="ToJson"/>.</summary>
/// <param name="Statement">The statements, in order.</param>
public sealed record PolicyDocument(
    [property: JsonPropertyName("Statement")] IReadOnlyList<PolicyStatement> Statement)
{
    /// <summary>The policy language version; always the current one.</summary>
    [JsonPropertyName("Version")]
    [JsonPropertyOrder(-1)]
    public string Version { get; init; } = "2012-10-17";

    private static readonly JsonSerializerOptions Options = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The document as IAM takes it.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Options);
}

/// <summary>One statement of a <see cref="PolicyDocument"/>.</summary>
/// <param name="Sid">A statement id, or null.</param>
/// <param name="Effect"><c>Allow</c> or <c>Deny</c>.</param>
/// <param name="Principal">Who (resource and trust policies only), or null.</param>
/// <param name="Action">The actions.</param>
/// <param name="Resource">The resource ARNs, or null (trust policies).</param>
/// <param name="Condition">Condition operator → key → values, or null.</param>
public sealed record PolicyStatement(
    [property: JsonPropertyName("Sid")] string? Sid,
    [property: JsonPropertyName("Effect")] string Effect,
    [property: JsonPropertyName("Principal")] PolicyPrincipal? Principal,
    [property: JsonPropertyName("Action")] IReadOnlyList<string> Action,
    [property: JsonPropertyName("Resource")] IReadOnlyList<string>? Resource = null,
    [property: JsonPropertyName("Condition")] IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>>? Condition = null)
{
    /// <summary>An <c>Allow</c> statement.</summary>
    public static PolicyStatement Allow(
        string sid, PolicyPrincipal? principal, IReadOnlyList<string> actions, IReadOnlyList<string>? resources = null) =>
        new(sid, "Allow", principal, actions, resources);
}

/// <summary>The principal of a statement: AWS accounts/roles and/or services.</summary>
/// <param name="Aws">ARNs of AWS principals, or null.</param>
/// <param name="Service">Service principals such as <c>backup.amazonaws.com</c>, or null.</param>
public sealed record PolicyPrincipal(
    [property: JsonPropertyName("AWS")] IReadOnlyList<string>? Aws = null,
    [property: JsonPropertyName("Service")] IReadOnlyList<string>? Service = null)
{
    /// <summary>One service principal.</summary>
    public static PolicyPrincipal ForService(string service) => new(Service: [service]);
}
