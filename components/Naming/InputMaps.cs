using Pulumi;

namespace BlueGreen.Components;

/// <summary>Plain string maps (tags, labels, selectors) as Pulumi map inputs.</summary>
internal static class InputMaps
{
    /// <summary>
    /// The entries of <paramref name="values"/> and then <paramref name="stated"/>, the later winning
    /// on a key: decided on a plain dictionary, because an <see cref="InputMap{TValue}"/> refuses a key
    /// added twice with different values (as Pulumi's does).
    /// </summary>
    public static InputMap<string> From(IReadOnlyDictionary<string, string> values, params (string Key, string Value)[] stated)
    {
        var merged = new Dictionary<string, string>(values, StringComparer.Ordinal);
        foreach (var (key, value) in stated)
        {
            merged[key] = value;
        }

        var map = new InputMap<string>();
        foreach (var (key, value) in merged.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            map.Add(key, value);
        }

        return map;
    }
}
