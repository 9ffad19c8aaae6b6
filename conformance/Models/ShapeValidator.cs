using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace BlueGreen.Conformance.Models;

/// <summary>
/// Validates a request (JSON, members by their model names) against a shape of an AWS model, as the
/// service's own validation does: required members, unknown members, types, enums, string length
/// (<c>min</c>/<c>max</c>), list and map sizes, number ranges, patterns. Botocore's shape grammar:
/// botocore/model.py (Shape, StructureShape, ListShape, MapShape, StringShape) and the <c>shapes</c> of service-2.json.
/// A member, list member, map key or value is a reference (<c>{"shape": name}</c>) or, in aws-sdk's minified models,
/// the shape itself inline; an inline shape without <c>type</c> is a structure when it has <c>members</c>, a list with
/// <c>member</c>, a map with <c>key</c>, else a string (so <c>{}</c> is a string), and a map's missing key or value is a
/// string: aws-sdk v2's lib/model/shape.js (Shape.create, MapShape). Constraints a model does not carry are not checked.
/// </summary>
public sealed class ShapeValidator(ServiceModel service, Func<string, bool>? isStandIn = null)
{
    /// <summary>Values the preview stands in for (a masked secret, a value the mocks made up): their type and
    /// length are checked, their enum and pattern are not.</summary>
    private readonly Func<string, bool> _isStandIn = isStandIn ?? (_ => false);

    /// <summary>Every problem of <paramref name="value"/> as <paramref name="shapeName"/>, "path: what".</summary>
    public IReadOnlyList<string> Validate(JsonNode? value, string shapeName, string path = "") =>
        Validate(value, new JsonObject { ["shape"] = shapeName }, shapeName, path);

    /// <summary>Every problem of <paramref name="value"/> as the shape <paramref name="reference"/> names or is (inline),
    /// called <paramref name="inlineName"/> in the messages when it is inline.</summary>
    public IReadOnlyList<string> Validate(JsonNode? value, JsonObject reference, string inlineName, string path = "")
    {
        ArgumentNullException.ThrowIfNull(reference);
        var problems = new List<string>();
        Check(value, reference, inlineName, path, problems, 0);
        return problems;
    }

    /// <summary>The type of a shape; without one, what aws-sdk's Shape.create makes of it.</summary>
    public static string TypeOf(JsonObject shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        return shape["type"]?.GetValue<string>()
            ?? (shape["members"] is not null ? "structure" : shape["member"] is not null ? "list" : shape["key"] is not null ? "map" : "string");
    }

    private void Check(JsonNode? value, JsonObject? reference, string inlineName, string path, List<string> problems, int depth)
    {
        if (value is null || depth > 40)
        {
            return;
        }

        var (shape, shapeName) = reference?["shape"]?.GetValue<string>() is { } name
            ? (service.Shape(name), name)
            : (reference ?? [], inlineName);
        if (shape is null)
        {
            problems.Add($"{Where(path)}: the model has no shape {shapeName}");
            return;
        }

        var type = TypeOf(shape);
        switch (type)
        {
            case "structure":
                CheckStructure(value, shape, shapeName, path, problems, depth);
                break;
            case "list":
                if (value is not JsonArray list)
                {
                    problems.Add($"{Where(path)}: {Describe(value)} where {service.ClientName} expects a list ({shapeName})");
                    return;
                }

                CheckSize(list.Count, shape, path, "items", problems);
                for (var i = 0; i < list.Count; i++)
                {
                    Check(list[i], shape["member"] as JsonObject, $"{shapeName} member", $"{path}[{i}]", problems, depth + 1);
                }

                break;
            case "map":
                if (value is not JsonObject map)
                {
                    problems.Add($"{Where(path)}: {Describe(value)} where {service.ClientName} expects a map ({shapeName})");
                    return;
                }

                CheckSize(map.Count, shape, path, "entries", problems);
                foreach (var (k, v) in map)
                {
                    Check(JsonValue.Create(k), shape["key"] as JsonObject, $"{shapeName} key", $"{path}{{key {k}}}", problems, depth + 1);
                    Check(v, shape["value"] as JsonObject, $"{shapeName} value", $"{path}.{k}", problems, depth + 1);
                }

                break;
            case "string":
                CheckString(value, shape, shapeName, path, problems);
                break;
            case "integer" or "long" or "double" or "float" or "short" or "biginteger" or "bigdecimal":
                CheckNumber(value, shape, type, shapeName, path, problems);
                break;
            case "boolean":
                if (value.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
                {
                    problems.Add($"{Where(path)}: {Describe(value)} where {service.ClientName} expects a boolean ({shapeName})");
                }

                break;
            case "timestamp" or "blob":
                if (value.GetValueKind() is not (JsonValueKind.String or JsonValueKind.Number))
                {
                    problems.Add($"{Where(path)}: {Describe(value)} where {service.ClientName} expects a {type} ({shapeName})");
                }

                break;
        }
    }

    private void CheckStructure(JsonNode value, JsonObject shape, string shapeName, string path, List<string> problems, int depth)
    {
        if (value is not JsonObject obj)
        {
            problems.Add($"{Where(path)}: {Describe(value)} where {service.ClientName} expects an object ({shapeName})");
            return;
        }

        var members = shape["members"]?.AsObject() ?? [];
        foreach (var required in shape["required"]?.AsArray().Select(r => r?.GetValue<string>()).OfType<string>() ?? [])
        {
            if (obj[required] is null)
            {
                problems.Add($"{Where(Child(path, required))}: required by {shapeName}, missing");
            }
        }

        foreach (var (name, child) in obj)
        {
            if (members[name] is not JsonObject member)
            {
                problems.Add($"{Where(Child(path, name))}: {shapeName} has no member {name} (it has {string.Join(", ", members.Select(m => m.Key))})");
                continue;
            }

            Check(child, member, $"{shapeName}.{name}", Child(path, name), problems, depth + 1);
        }
    }

    private void CheckString(JsonNode value, JsonObject shape, string shapeName, string path, List<string> problems)
    {
        if (value.GetValueKind() != JsonValueKind.String)
        {
            problems.Add($"{Where(path)}: {Describe(value)} where {service.ClientName} expects a string ({shapeName})");
            return;
        }

        var text = value.GetValue<string>();
        CheckSize(text.Length, shape, path, "characters", problems);
        if (_isStandIn(text))
        {
            return;
        }

        if (shape["enum"] is JsonArray allowed && !allowed.Any(a => a?.GetValue<string>() == text))
        {
            problems.Add($"{Where(path)}: '{text}' is not one of {shapeName}'s values: {string.Join(", ", allowed.Select(a => a?.GetValue<string>()))}");
        }

        if (shape["pattern"]?.GetValue<string>() is { } pattern && !Matches(pattern, text))
        {
            problems.Add($"{Where(path)}: '{text}' does not match {shapeName}'s pattern {pattern}");
        }
    }

    private void CheckNumber(JsonNode value, JsonObject shape, string type, string shapeName, string path, List<string> problems)
    {
        if (value.GetValueKind() != JsonValueKind.Number)
        {
            problems.Add($"{Where(path)}: {Describe(value)} where {service.ClientName} expects a number ({shapeName})");
            return;
        }

        var number = Number(value);
        if (type is "integer" or "long" or "short" or "biginteger" && number != Math.Floor(number))
        {
            problems.Add($"{Where(path)}: {number.ToString(CultureInfo.InvariantCulture)} is not a whole number ({shapeName} is {type})");
        }

        if (shape["min"] is JsonValue min && number < Number(min))
        {
            problems.Add($"{Where(path)}: {number.ToString(CultureInfo.InvariantCulture)} is below {shapeName}'s minimum {min}");
        }

        if (shape["max"] is JsonValue max && number > Number(max))
        {
            problems.Add($"{Where(path)}: {number.ToString(CultureInfo.InvariantCulture)} is above {shapeName}'s maximum {max}");
        }
    }

    private static void CheckSize(int size, JsonObject shape, string path, string unit, List<string> problems)
    {
        if (shape["min"] is JsonValue min && size < Number(min))
        {
            problems.Add($"{Where(path)}: {size} {unit}, fewer than the minimum {min}");
        }

        if (shape["max"] is JsonValue max && size > Number(max))
        {
            problems.Add($"{Where(path)}: {size} {unit}, more than the maximum {max}");
        }
    }

    /// <summary>A model pattern (Java/ECMA syntax) as .NET reads it; a pattern .NET cannot read is not held against the value.</summary>
    private static bool Matches(string pattern, string text)
    {
        try
        {
            return Regex.IsMatch(text, pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException)
        {
            return true;
        }
    }

    /// <summary>A JSON number whatever it was built from (a parsed document, an int, a double).</summary>
    private static double Number(JsonNode value) => double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static string Child(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static string Where(string path) => path.Length == 0 ? "(request)" : path;

    private static string Describe(JsonNode value) => value.GetValueKind() switch
    {
        JsonValueKind.String => $"the string '{value.GetValue<string>()}'",
        JsonValueKind.Number => $"the number {value.ToJsonString()}",
        JsonValueKind.Array => "a list",
        JsonValueKind.Object => "an object",
        var kind => kind.ToString().ToLowerInvariant(),
    };
}
