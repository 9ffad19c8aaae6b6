namespace BlueGreen.Release.StackFiles;

/// <summary>
/// Which config keys a stack file may hold: every <c>bluegreen:</c> key the reader knows, and keys of the
/// namespaces of the program's providers. Anything else is a typo that would silently be ignored (a
/// misspelled <c>ramp.step</c> is step 0), so it is an error with the nearest known key as a suggestion.
/// </summary>
public static class KnownKeys
{
    /// <summary>The namespaces a stack file may use: ours, the providers' and Pulumi's own.</summary>
    public static IReadOnlyList<string> Namespaces { get; } = [ConfigKeys.Namespace, "aws", "kubernetes", "random", "pulumi"];

    /// <summary>Why <paramref name="fullKey"/> ("namespace:key") is not a key of this program, or null when it is.</summary>
    public static string? ProblemOf(string fullKey)
    {
        ArgumentNullException.ThrowIfNull(fullKey);
        var colon = fullKey.IndexOf(':', StringComparison.Ordinal);
        var ns = colon < 0 ? "" : fullKey[..colon];
        var key = colon < 0 ? fullKey : fullKey[(colon + 1)..];
        if (!Namespaces.Contains(ns, StringComparer.Ordinal))
        {
            var suggestion = Suggest.Nearest(ns, Namespaces) is { } near ? $"; did you mean '{near}:{key}'?" : "";
            return $"config key '{fullKey}' is in the unknown namespace '{ns}' (known: {string.Join(", ", Namespaces)}){suggestion}";
        }

        if (ns != ConfigKeys.Namespace || ConfigKeys.All.Contains(key, StringComparer.Ordinal))
        {
            return null;
        }

        var hint = key.Trim() != key
            ? $"; remove the spaces around it: '{ConfigKeys.Full(key.Trim())}'"
            : Suggest.Nearest(key, ConfigKeys.All) is { } nearest ? $"; did you mean '{ConfigKeys.Full(nearest)}'?" : "";
        return $"config key '{fullKey}' is not a key of this program{hint} (every key: docs/config.md)";
    }
}
