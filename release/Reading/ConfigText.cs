using System.Globalization;
using System.Text.Json;

namespace BlueGreen.Release;

/// <summary>
/// Reads typed values from the raw config lookup, recording a <see cref="ConfigProblem"/> for every key
/// that is missing or malformed instead of stopping at the first. Used by <see cref="StackSettingsReader"/>.
/// Empty or blank text counts as not set.
/// </summary>
internal sealed class ConfigText(Func<string, string?> lookup)
{
    private readonly List<ConfigProblem> _problems = [];

    public IReadOnlyList<ConfigProblem> Problems => _problems;

    /// <summary>Whether a problem has been recorded for <paramref name="key"/>.</summary>
    public bool Failed(string key) => _problems.Any(p => p.Key == key);

    /// <summary>The trimmed text of <paramref name="key"/>, or null when not set.</summary>
    public string? Raw(string key)
    {
        var text = lookup(key);
        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }

    public void Add(string key, string? value, string problem) => _problems.Add(new ConfigProblem(key, value, problem));

    public void Missing(string key, string what) => Add(key, null, $"is missing; {what}");

    /// <summary>Text checked by <paramref name="isValid"/>; <paramref name="fallback"/> when not set
    /// (a missing required key, with a null fallback, is a problem naming <paramref name="allowed"/>).</summary>
    public string? Text(string key, Func<string, bool> isValid, string invalid, string allowed, string? fallback = null, bool required = false)
    {
        var raw = Raw(key);
        if (raw is null)
        {
            if (required)
            {
                Missing(key, allowed);
            }

            return fallback;
        }

        if (!isValid(raw))
        {
            Add(key, raw, $"{invalid}; {allowed}");
            return null;
        }

        return raw;
    }

    public int? Int(string key, int? fallback, int min, int max, string allowed)
    {
        var raw = Raw(key);
        if (raw is null)
        {
            return fallback;
        }

        if (!int.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            Add(key, raw, $"is not a whole number; {allowed}");
            return null;
        }

        if (value < min || value > max)
        {
            Add(key, raw, $"is out of range; {allowed}");
            return null;
        }

        return value;
    }

    public double? Number(string key, double fallback, Func<double, bool> isValid, string allowed)
    {
        var raw = Raw(key);
        if (raw is null)
        {
            return fallback;
        }

        if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            Add(key, raw, $"is not a number; {allowed}");
            return null;
        }

        if (!isValid(value))
        {
            Add(key, raw, $"is out of range; {allowed}");
            return null;
        }

        return value;
    }

    public bool? Bool(string key, bool fallback)
    {
        var raw = Raw(key);
        if (raw is null)
        {
            return fallback;
        }

        if (bool.TryParse(raw, out var value))
        {
            return value;
        }

        Add(key, raw, "is not a boolean; use true or false");
        return null;
    }

    public TimeSpan? Duration(string key, TimeSpan fallback, TimeSpan min, TimeSpan max, TimeSpan unit, string allowed)
    {
        var raw = Raw(key);
        return raw is null ? fallback : CheckDuration(key, raw, raw, min, max, unit, allowed);
    }

    /// <summary>Checks one duration; <paramref name="shown"/> is what the message quotes.</summary>
    public TimeSpan? CheckDuration(string key, string text, string shown, TimeSpan min, TimeSpan max, TimeSpan unit, string allowed)
    {
        if (!DurationText.TryParse(text, out var value))
        {
            Add(key, shown, $"is not {DurationText.Expected}; {allowed}");
            return null;
        }

        if (value < min || value > max || value.Ticks % unit.Ticks != 0)
        {
            Add(key, shown, $"is out of range; {allowed}");
            return null;
        }

        return value;
    }

    /// <summary>An optional UTC timestamp, refused when later than <paramref name="latest"/>.</summary>
    public DateTimeOffset? Timestamp(string key, DateTimeOffset latest, DateTimeOffset now, string what)
    {
        var raw = Raw(key);
        if (raw is null)
        {
            return null;
        }

        if (!UtcTimestamp.TryParse(raw, out var value))
        {
            Add(key, raw, $"is not {UtcTimestamp.Expected}; {what}");
            return null;
        }

        if (value > latest)
        {
            Add(key, raw, $"is in the future (now is {UtcTimestamp.Format(now)}); {what}");
            return null;
        }

        return value;
    }

    public Colour? Colour(string key, bool required, string what)
    {
        var raw = Raw(key);
        if (raw is null)
        {
            if (required)
            {
                Missing(key, $"{what}: blue or green");
            }

            return null;
        }

        if (Colours.TryParse(raw, out var colour))
        {
            return colour;
        }

        Add(key, raw, $"is not a colour; {what}: blue or green");
        return null;
    }

    /// <summary>A JSON list of strings (how Pulumi hands over a YAML list); <paramref name="fallback"/> when not set.</summary>
    public IReadOnlyList<string>? StringList(string key, IReadOnlyList<string>? fallback, string allowed)
    {
        var raw = Raw(key);
        if (raw is null)
        {
            return fallback;
        }

        if (TryJsonArray(raw, out var items) && items.All(i => i.ValueKind == JsonValueKind.String))
        {
            return [.. items.Select(i => i.GetString()!.Trim())];
        }

        Add(key, raw, $"is not a list of strings; {allowed}");
        return null;
    }

    /// <summary>A JSON list of whole numbers; <paramref name="fallback"/> when not set.</summary>
    public IReadOnlyList<int>? IntList(string key, IReadOnlyList<int> fallback, string allowed)
    {
        var raw = Raw(key);
        if (raw is null)
        {
            return fallback;
        }

        if (TryJsonArray(raw, out var items) &&
            items.All(i => i.ValueKind == JsonValueKind.Number && i.TryGetInt32(out _)))
        {
            return [.. items.Select(i => i.GetInt32())];
        }

        Add(key, raw, $"is not a list of whole numbers; {allowed}");
        return null;
    }

    /// <summary>Shows a list the way messages quote it: <c>[0, 50, 25, 100]</c>.</summary>
    public static string Show<T>(IEnumerable<T> items) => $"[{string.Join(", ", items)}]";

    private static bool TryJsonArray(string raw, out List<JsonElement> items)
    {
        items = [];
        try
        {
            using var document = JsonDocument.Parse(raw);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return false;
            }

            items = [.. document.RootElement.EnumerateArray().Select(e => e.Clone())];
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
