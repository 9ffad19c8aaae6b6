using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace BlueGreen.Release;

/// <summary>
/// Points in time as written in stack config: ISO 8601 in UTC with a trailing <c>Z</c>, to the second
/// or with a fraction: <c>2025-06-01T14:30:00Z</c>, <c>2025-06-01T14:30:00.250Z</c>.
/// Offsets other than Z are refused so that every timestamp in a stack file reads the same way.
/// </summary>
public static class UtcTimestamp
{
    /// <summary>What the format allows, for error messages.</summary>
    public const string Expected = "an ISO 8601 UTC time such as 2025-06-01T14:30:00Z";

    private static readonly string[] Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ss'Z'",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
    ];

    /// <summary>Reads a UTC timestamp; false for anything else.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out DateTimeOffset timestamp) =>
        DateTimeOffset.TryParseExact(
            text?.Trim(),
            Formats,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out timestamp);

    /// <summary>Reads a UTC timestamp.</summary>
    /// <exception cref="FormatException">The text is not a UTC timestamp; the message shows the allowed form.</exception>
    public static DateTimeOffset Parse(string? text) =>
        TryParse(text, out var timestamp)
            ? timestamp
            : throw new FormatException($"'{text}' is not {Expected}.");

    /// <summary>Writes a timestamp to the second, in UTC, e.g. <c>2025-06-01T14:30:00Z</c>.</summary>
    public static string Format(DateTimeOffset timestamp) =>
        timestamp.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
