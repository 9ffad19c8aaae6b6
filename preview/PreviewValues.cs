using System.Collections;
using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace BlueGreen.Preview;

/// <summary>
/// Property values of a preview as JSON nodes (maps with sorted keys, lists, strings, numbers, booleans),
/// their paths (<c>defaultActions[0].forward.targetGroups[1].weight</c>) and how they are shown.
/// </summary>
public static partial class PreviewValues
{
    /// <summary>What a secret value shows as, everywhere.</summary>
    public const string SecretMarker = "[secret]";

    /// <summary>The shortest secret value looked for inside longer texts; shorter ones are masked only when equal.</summary>
    internal const int MinSecretLengthInText = 4;

    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A value as the mocks see it (wire names, numbers as double, ImmutableArray / ImmutableDictionary) as a JSON node.</summary>
    public static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        JsonNode node => node.DeepClone(),
        string text => JsonValue.Create(text),
        bool flag => JsonValue.Create(flag),
        double number => JsonValue.Create(number),
        float number => JsonValue.Create((double)number),
        int number => JsonValue.Create((double)number),
        long number => JsonValue.Create((double)number),
        decimal number => JsonValue.Create((double)number),
        IDictionary map => new JsonObject(map.Keys.Cast<object>()
            .Select(k => Convert.ToString(k, CultureInfo.InvariantCulture) ?? "")
            .Order(StringComparer.Ordinal)
            .Select(k => KeyValuePair.Create(k, ToNode(FindKey(map, k))))),
        IEnumerable list => new JsonArray([.. list.Cast<object?>().Select(ToNode)]),
        _ => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };

    private static object? FindKey(IDictionary map, string key)
    {
        foreach (DictionaryEntry entry in map)
        {
            if (Convert.ToString(entry.Key, CultureInfo.InvariantCulture) == key)
            {
                return entry.Value;
            }
        }

        return null;
    }

    /// <summary>The inputs of a resource as a JSON object with sorted keys.</summary>
    public static JsonObject ToObject(ImmutableDictionary<string, object>? inputs) =>
        inputs is null ? [] : (JsonObject)ToNode(inputs)!;

    /// <summary>
    /// Replaces every string that is, or contains, a secret value by <see cref="SecretMarker"/>, and every
    /// top-level property in <paramref name="secretProperties"/> whole. Records a fingerprint of each masked
    /// value by path, so a change between two secrets is still seen without either being kept.
    /// </summary>
    internal static JsonObject Mask(JsonObject inputs, IReadOnlyCollection<string> secretValues, IReadOnlySet<string> secretProperties, IDictionary<string, string> fingerprints)
    {
        var masked = new JsonObject();
        foreach (var (key, value) in inputs)
        {
            var path = Child("", key);
            masked[key] = secretProperties.Contains(key)
                ? Hide(value, path, fingerprints)
                : MaskNode(value, path, secretValues, fingerprints);
        }

        return masked;
    }

    private static JsonNode? MaskNode(JsonNode? node, string path, IReadOnlyCollection<string> secretValues, IDictionary<string, string> fingerprints)
    {
        switch (node)
        {
            case JsonObject map:
                var copy = new JsonObject();
                foreach (var (key, value) in map)
                {
                    copy[key] = MaskNode(value, Child(path, key), secretValues, fingerprints);
                }

                return copy;
            case JsonArray list:
                return new JsonArray([.. list.Select((item, i) => MaskNode(item, Child(path, i), secretValues, fingerprints))]);
            case JsonValue value when value.GetValueKind() == JsonValueKind.String && IsSecretText(value.GetValue<string>(), secretValues):
                return Hide(node, path, fingerprints);
            default:
                return node?.DeepClone();
        }
    }

    /// <summary>Whether a text is a secret value or holds one.</summary>
    public static bool IsSecretText(string text, IEnumerable<string> secretValues)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(secretValues);
        return secretValues.Any(secret => secret.Length > 0 && (text == secret
            || (secret.Length >= MinSecretLengthInText && text.Contains(secret, StringComparison.Ordinal))));
    }

    internal static JsonNode Hide(JsonNode? node, string path, IDictionary<string, string> fingerprints)
    {
        fingerprints[path] = Fingerprint(node);
        return JsonValue.Create(SecretMarker);
    }

    internal static string Fingerprint(JsonNode? node) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(node?.ToJsonString(Compact) ?? "null")));

    /// <summary>The path of a map entry: <c>parent.key</c>, or <c>parent["key"]</c> when the key is not a plain name.</summary>
    public static string Child(string parent, string key)
    {
        ArgumentNullException.ThrowIfNull(parent);
        ArgumentNullException.ThrowIfNull(key);
        if (PlainName().IsMatch(key))
        {
            return parent.Length == 0 ? key : $"{parent}.{key}";
        }

        return $"{parent}[{JsonSerializer.Serialize(key)}]";
    }

    /// <summary>The path of a list item: <c>parent[index]</c>.</summary>
    public static string Child(string parent, int index) => $"{parent}[{index.ToString(CultureInfo.InvariantCulture)}]";

    /// <summary>How a value shows in text and markdown: numbers plainly, strings quoted, lists and maps as compact JSON, absent as <c>(none)</c>.</summary>
    public static string Display(JsonNode? value) => value switch
    {
        null => "(none)",
        JsonValue v when v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() == SecretMarker => SecretMarker,
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => FormatNumber(v.GetValue<double>()),
        _ => value.ToJsonString(Compact),
    };

    private static string FormatNumber(double number) =>
        number == Math.Floor(number) && Math.Abs(number) < 1e15
            ? ((long)number).ToString(CultureInfo.InvariantCulture)
            : number.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Whole numbers as integers, so JSON output reads <c>25</c>, not <c>25.0</c>.</summary>
    internal static JsonNode? Normalize(JsonNode? node) => node switch
    {
        null => null,
        JsonObject map => new JsonObject(map.Select(p => KeyValuePair.Create(p.Key, Normalize(p.Value)))),
        JsonArray list => new JsonArray([.. list.Select(Normalize)]),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.GetValue<double>() is var d && d == Math.Floor(d) && Math.Abs(d) < 1e15
            => JsonValue.Create((long)d),
        _ => node.DeepClone(),
    };

    [GeneratedRegex("^[A-Za-z_$][A-Za-z0-9_$]*$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainName();
}
