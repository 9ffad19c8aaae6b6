using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace BlueGreen.Release;

/// <summary>
/// Durations as written in stack config: whole numbers with a unit, largest unit first, each unit at
/// most once: <c>500ms</c>, <c>45s</c>, <c>30m</c>, <c>2h</c>, <c>72h</c>, <c>1h30m</c>, <c>7d</c>, <c>0s</c>.
/// Units: <c>d</c> (days), <c>h</c>, <c>m</c> (minutes), <c>s</c>, <c>ms</c>.
/// </summary>
public static partial class DurationText
{
    /// <summary>What the format allows, for error messages.</summary>
    public const string Expected =
        "a duration such as 30m, 2h, 72h or 1h30m (units d, h, m, s, ms, largest first)";

    private static readonly (string Unit, TimeSpan Size)[] Units =
    [
        ("d", TimeSpan.FromDays(1)),
        ("h", TimeSpan.FromHours(1)),
        ("m", TimeSpan.FromMinutes(1)),
        ("s", TimeSpan.FromSeconds(1)),
        ("ms", TimeSpan.FromMilliseconds(1)),
    ];

    [GeneratedRegex(@"\G(\d{1,9})(ms|d|h|m|s)", RegexOptions.CultureInvariant)]
    private static partial Regex Part();

    /// <summary>Reads a duration; false for anything else (including negative or empty text).</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.Trim();
        var position = 0;
        var lastUnitIndex = -1;
        var total = TimeSpan.Zero;
        while (position < trimmed.Length)
        {
            var match = Part().Match(trimmed, position);
            if (!match.Success)
            {
                return false;
            }

            var unitIndex = Array.FindIndex(Units, u => u.Unit == match.Groups[2].Value);
            if (unitIndex <= lastUnitIndex)
            {
                return false; // units must go from largest to smallest, each at most once
            }

            var amount = long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            try
            {
                total += TimeSpan.FromTicks(checked(amount * Units[unitIndex].Size.Ticks));
            }
            catch (OverflowException)
            {
                return false; // longer than TimeSpan can hold: not a duration anyone means
            }

            lastUnitIndex = unitIndex;
            position += match.Length;
        }

        duration = total;
        return true;
    }

    /// <summary>Reads a duration.</summary>
    /// <exception cref="FormatException">The text is not a duration; the message shows the allowed form.</exception>
    public static TimeSpan Parse(string? text) =>
        TryParse(text, out var duration)
            ? duration
            : throw new FormatException($"'{text}' is not {Expected}.");

    /// <summary>Writes a duration in the same form, in hours at most (as windows are usually thought of:
    /// <c>72h</c> rather than <c>3d</c>), e.g. 90 minutes as <c>1h30m</c>, zero as <c>0s</c>.</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "Durations are never negative.");
        }

        if (duration == TimeSpan.Zero)
        {
            return "0s";
        }

        var text = new StringBuilder();
        var rest = duration;
        foreach (var (unit, size) in Units.Skip(1))
        {
            var amount = rest.Ticks / size.Ticks;
            if (amount > 0)
            {
                text.Append(amount.ToString(CultureInfo.InvariantCulture)).Append(unit);
                rest -= TimeSpan.FromTicks(amount * size.Ticks);
            }
        }

        return text.ToString();
    }
}
