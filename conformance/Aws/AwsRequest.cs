using System.Text.Json.Nodes;

namespace BlueGreen.Conformance.Aws;

/// <summary>One API call the provider makes for a resource: the client name, the operation and its request.</summary>
public sealed record AwsRequest(string Service, string Operation, JsonObject Body);

/// <summary>
/// How the Pulumi AWS provider turns a resource into API calls (its Terraform resource's create and update
/// functions): the calls of a create, the operations an update in place can use, and for each input the
/// request member(s) it becomes, so an update of an input no update operation carries is seen.
/// </summary>
/// <param name="Service">The botocore client name of the AWS service the provider calls.</param>
/// <param name="Create">The create calls built from the resource's inputs and its (auto-)name.</param>
/// <param name="UpdateOperations">The operations an update in place uses (empty: every change replaces).</param>
/// <param name="MemberOf">The request member an input becomes (by top-level input name), when it is not the
/// input's name in PascalCase; null means the provider sends it through no update call.</param>
public sealed record AwsMapping(
    string Service,
    Func<JsonObject, string, IReadOnlyList<AwsRequest>> Create,
    IReadOnlyList<string> UpdateOperations,
    IReadOnlyDictionary<string, string?>? MemberOf = null)
{
    /// <summary>Inputs every AWS resource has that reach the API through the tagging calls (TagResource and the
    /// like, or the create call's Tags), and provider-only settings that reach no API.</summary>
    public static IReadOnlySet<string> NotRequestMembers { get; } = new HashSet<string>(StringComparer.Ordinal) { "tags", "tagsAll", "region" };

    /// <summary>The request member an input becomes.</summary>
    public string? Member(string input) =>
        MemberOf is not null && MemberOf.TryGetValue(input, out var member) ? member : Json.Pascal(input);
}

/// <summary>Small JSON helpers for building requests.</summary>
public static class Json
{
    /// <summary><c>healthCheck</c> → <c>HealthCheck</c>.</summary>
    public static string Pascal(string name) => name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name[1..];

    /// <summary>An object of the given members, the null ones left out.</summary>
    public static JsonObject Obj(params (string Name, JsonNode? Value)[] members)
    {
        var obj = new JsonObject();
        foreach (var (name, value) in members)
        {
            if (value is not null)
            {
                obj[name] = value.DeepClone();
            }
        }

        return obj;
    }

    /// <summary>Every member of <paramref name="inputs"/> (deeply) with its name in PascalCase, except <paramref name="skip"/>
    /// and <see cref="AwsMapping.NotRequestMembers"/>; <paramref name="rename"/> names a top-level member otherwise.</summary>
    public static JsonObject PascalAll(JsonObject inputs, IReadOnlyDictionary<string, string>? rename = null, params string[] skip)
    {
        var obj = new JsonObject();
        foreach (var (name, value) in inputs)
        {
            if (skip.Contains(name) || AwsMapping.NotRequestMembers.Contains(name) || value is null)
            {
                continue;
            }

            obj[rename?.GetValueOrDefault(name) ?? Pascal(name)] = Deep(value);
        }

        return obj;
    }

    /// <summary>A value with every object key in PascalCase.</summary>
    public static JsonNode? Deep(JsonNode? value) => value switch
    {
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(Pascal(p.Key), Deep(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Deep)]),
        null => null,
        _ => value.DeepClone(),
    };

    /// <summary>A tags map as the list of <c>{Key, Value}</c> most APIs take.</summary>
    public static JsonArray? TagList(JsonNode? tags) => tags is JsonObject map
        ? new JsonArray([.. map.Select(p => (JsonNode?)new JsonObject { ["Key"] = p.Key, ["Value"] = p.Value?.DeepClone() })])
        : null;

    /// <summary>A string that holds JSON, parsed (an IAM policy, an event pattern, a document); null when it is not JSON.</summary>
    public static JsonNode? ParseText(JsonNode? value)
    {
        if (value is not JsonValue v || !v.TryGetValue<string>(out var text))
        {
            return value as JsonObject;
        }

        try
        {
            return JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
