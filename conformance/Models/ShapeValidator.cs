using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace BlueGreen.Conformance.Models;

/// <summary>
/// Validates a request (JSON, members by their model names) against a shape of a botocore model, as the
/// service's own validation does: required members, unknown members, types, enums, string length
/// (<c>min</c>/<c>max</c>), list and map sizes, number ranges, patterns. Botocore's shape grammar:
/// botocore/model.py (Shape, StructureShape, ListShape, MapShape, StringShape) and the <c>shapes</c> of service-2.json.
/// </summary>
public sealed class ShapeValidator(ServiceModel service, Func<string, bool>? isStandIn = null)
{
    /// <summary>Values the preview stands in for (a masked secret, a value the mocks made up): their type and
    /// length are checked, their enum and pattern are not.</summary>
    private readonly Func<string, bool> _isStandIn = isStandIn ?? (_ => false);

    /// <summary>Every problem of <paramref name="value"/> as <paramref name="shapeName"/>, "path: what".</summary>
    public IReadOnlyList<string> Validate(JsonNode? value, string shapeName, string path = "")
    {
        var problems = new List<string>();
        Check(value, shapeName, path, problems, 0);
        return problems;
    }

    private void Check(JsonNode? value, string shapeName, string path, List<string> problems, int depth)
    {
        if (value is null || depth > 40)
        {
            return;
        }

        var shape = service.Shape(shapeName);
        if (shape is null)
        {
            problems.Add($"{Where(path)}: the model has no shape {shapeName}");
            return;
        }

        var type = shape["type"]?.GetValue<string>() ?? "";
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
                var member = shape["member"]?["shape"]?.GetValue<string>() ?? "";
                for (var i = 0; i < list.Count; i++)
                {
                    Check(list[i], member, $"{path}[{i}]", problems, depth + 1);
                }

                break;
            case "map":
                if (value is not JsonObject map)
                {
                    problems.Add($"{Where(path)}: {Describe(value)} where {service.ClientName} expects a map ({shapeName})");
                    return;
                }

                CheckSize(map.Count, shape, path, "entries", problems);
                var key = shape["key"]?["shape"]?.GetValue<string>() ?? "";
                var valueShape = shape["value"]?["shape"]?.GetValue<string>() ?? "";
                foreach (var (k, v) in map)
                {
                    Check(JsonValue.Create(k), key, $"{path}{{key {k}}}", problems, depth + 1);
                    Check(v, valueShape, $"{path}.{k}", problems, depth + 1);
                }

                break;
            case "string":
                CheckString(value, shape, shapeName, path, problems);
                break;
            case "integer" or "long" or "double" or "float":
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
            if (members[name]?["shape"]?.GetValue<string>() is not { } memberShape)
            {
                problems.Add($"{Where(Child(path, name))}: {shapeName} has no member {name} (it has {string.Join(", ", members.Select(m => m.Key))})");
                continue;
            }

            Check(child, memberShape, Child(path, name), problems, depth + 1);
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
        if (type is "integer" or "long" && number != Math.Floor(number))
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
