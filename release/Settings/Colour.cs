using System.Diagnostics.CodeAnalysis;

namespace BlueGreen.Release;

/// <summary>One of the two environments a release alternates between.</summary>
public enum Colour
{
    Blue,
    Green,
}

/// <summary>Parsing, naming and pairing of <see cref="Colour"/> values.</summary>
public static class Colours
{
    /// <summary>Both colours, blue first (the order used in listener actions and reports).</summary>
    public static IReadOnlyList<Colour> All { get; } = [Colour.Blue, Colour.Green];

    /// <summary>The colour that is not <paramref name="colour"/>.</summary>
    public static Colour Other(this Colour colour) => colour switch
    {
        Colour.Blue => Colour.Green,
        Colour.Green => Colour.Blue,
        _ => throw new ArgumentOutOfRangeException(nameof(colour), colour, "Not a colour."),
    };

    /// <summary>The colour as written in stack config and resource names: <c>blue</c> or <c>green</c>.</summary>
    public static string ConfigName(this Colour colour) => colour switch
    {
        Colour.Blue => "blue",
        Colour.Green => "green",
        _ => throw new ArgumentOutOfRangeException(nameof(colour), colour, "Not a colour."),
    };

    /// <summary>Reads <c>blue</c> or <c>green</c> (case-insensitive, surrounding spaces ignored).</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out Colour colour)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "blue":
                colour = Colour.Blue;
                return true;
            case "green":
                colour = Colour.Green;
                return true;
            default:
                colour = default;
                return false;
        }
    }

    /// <summary>Reads <c>blue</c> or <c>green</c>.</summary>
    /// <exception cref="FormatException">The text is neither colour; the message says what is allowed.</exception>
    public static Colour Parse(string? text) =>
        TryParse(text, out var colour)
            ? colour
            : throw new FormatException($"'{text}' is not a colour; use blue or green.");
}
