namespace BlueGreen.Release;

/// <summary>One config value to set: a bare key (<c>ramp.step</c>) and its new value as YAML text
/// (<c>1</c>, <c>"2025-06-01T14:30:00Z"</c>).</summary>
public sealed record ConfigEdit(string Key, string YamlValue)
{
    /// <summary>A plain scalar: numbers, colours, <c>none</c>.</summary>
    public static ConfigEdit Plain(string key, string value) => new(key, value);

    /// <summary>A double-quoted string: image tags and timestamps, which YAML could otherwise read as
    /// numbers or dates.</summary>
    public static ConfigEdit Quoted(string key, string value) =>
        new(key, "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"");

    /// <summary>A point in time, as the release model writes it.</summary>
    public static ConfigEdit Time(string key, DateTimeOffset at) => Quoted(key, UtcTimestamp.Format(at));

    /// <summary>A whole number.</summary>
    public static ConfigEdit Number(string key, int value) =>
        Plain(key, value.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
