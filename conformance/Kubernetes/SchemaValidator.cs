using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using BlueGreen.Preview;
using k8s.Models;

namespace BlueGreen.Conformance.Kubernetes;

/// <summary>
/// Validates a Kubernetes object against a <see cref="SchemaNode"/> the way the API server decodes it: every field
/// known at every depth (an unknown one is dropped, or refused under strict field validation, which kubectl and
/// server-side apply use: Kubernetes API concepts, "Field validation"), each value of its type, required fields
/// present, strings among the allowed values. A null is an unset field; a masked secret is not checked.
/// </summary>
public static class SchemaValidator
{
    public static IEnumerable<string> Problems(JsonNode? value, SchemaNode schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var problems = new List<string>();
        Walk(value, schema, "", problems);
        return problems;
    }

    private static void Walk(JsonNode? value, SchemaNode schema, string path, List<string> problems)
    {
        if (value is null || schema.Kind == SchemaKind.Any || (value is JsonValue secret && secret.GetValueKind() == JsonValueKind.String && secret.GetValue<string>() == PreviewValues.SecretMarker))
        {
            return;
        }

        var at = path.Length == 0 ? "(the object)" : path;
        switch (schema.Kind)
        {
            case SchemaKind.Object when value is JsonObject o:
                foreach (var (key, child) in o)
                {
                    if (schema.Properties.TryGetValue(key, out var field))
                    {
                        Walk(child, field, Join(path, key), problems);
                    }
                    else
                    {
                        problems.Add($"{Join(path, key)}: unknown field: {schema.Definition} has no '{key}' (the API server drops it, or refuses the object under strict field validation)");
                    }
                }

                problems.AddRange(schema.Required.Where(r => o[r] is null).Select(r => $"{Join(path, r)}: required by {schema.Definition}"));
                return;
            case SchemaKind.Array when value is JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    Walk(a[i], schema.Items!, $"{path}[{i}]", problems);
                }

                return;
            case SchemaKind.Map when value is JsonObject m:
                foreach (var (key, child) in m)
                {
                    Walk(child, schema.Items!, Join(path, key), problems);
                }

                return;
        }

        if (ScalarProblem(value, schema) is { } problem)
        {
            problems.Add($"{at}: {problem}");
        }
    }

    private static string? ScalarProblem(JsonNode value, SchemaNode schema)
    {
        var kind = value is JsonValue v ? v.GetValueKind() : value is JsonArray ? JsonValueKind.Array : JsonValueKind.Object;
        var text = kind == JsonValueKind.String ? value.GetValue<string>() : null;
        var number = kind == JsonValueKind.Number ? double.Parse(value.ToJsonString(), CultureInfo.InvariantCulture) : (double?)null;
        var whole = number is { } n && Math.Floor(n) == n;
        var shown = value.ToJsonString();
        return schema.Kind switch
        {
            SchemaKind.String when text is null => $"{shown} is not a string",
            SchemaKind.String when schema.Allowed is { } allowed && !allowed.Contains(text, StringComparer.Ordinal) => $"'{text}' is not one of {string.Join(", ", allowed)}",
            SchemaKind.String => null,
            SchemaKind.Int32 when !whole || number < int.MinValue || number > int.MaxValue => $"{shown} is not an integer (int32)",
            SchemaKind.Int64 when !whole => $"{shown} is not an integer",
            SchemaKind.Number when number is null => $"{shown} is not a number",
            SchemaKind.Boolean when kind is not (JsonValueKind.True or JsonValueKind.False) => $"{shown} is not a boolean",
            SchemaKind.IntOrString when !whole && text is null => $"{shown} is neither an integer nor a string (int-or-string)",
            SchemaKind.Quantity when number is null && (text is null || !IsQuantity(text)) => $"{shown} is not a Kubernetes quantity (e.g. 250m, 512Mi, 1)",
            SchemaKind.Object or SchemaKind.Map => $"{shown} is not an object ({schema.Definition})",
            SchemaKind.Array => $"{shown} is not a list ({schema.Definition})",
            _ => null,
        };
    }

    /// <summary>Whether the API server parses <paramref name="text"/> as a quantity (the client's parser, which follows
    /// apimachinery's resource.ParseQuantity: a signed decimal, then a binary, decimal SI or exponent suffix).</summary>
    private static bool IsQuantity(string text)
    {
        try
        {
            _ = new ResourceQuantity(text).ToDecimal();
            return true;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
        {
            return false;
        }
    }

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";
}
