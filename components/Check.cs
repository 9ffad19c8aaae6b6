using System.Text.RegularExpressions;

namespace BlueGreen.Components;

/// <summary>Argument checks shared by the components' Args; each throws an <see cref="ArgumentException"/>
/// naming the argument and what it allows.</summary>
internal static partial class Check
{
    /// <summary>A container environment variable name: letters, digits and '_', not starting with a digit.</summary>
    public static void EnvironmentVariableName(string name, string paramName)
    {
        if (!EnvNamePattern().IsMatch(name))
        {
            throw new ArgumentException(
                $"Environment variable name '{name}' must be letters, digits and '_', not starting with a digit.", paramName);
        }
    }

    /// <summary>An image tag (<see cref="Release.Formats.ImageFormats"/>).</summary>
    public static void ImageTag(string? tag, string paramName)
    {
        if (!Release.Formats.ImageFormats.IsTag(tag))
        {
            throw new ArgumentException($"{paramName} must be a Docker tag ({Release.Formats.ImageFormats.TagRule}), not '{tag}'.", paramName);
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvNamePattern();

    public static void Range(int value, int min, int max, string paramName, string? what = null)
    {
        if (value < min || value > max)
        {
            throw new ArgumentException($"{what ?? paramName} must be {min}–{max}, not {value}.", paramName);
        }
    }

    public static void Range(double value, double min, double max, string paramName, string? what = null)
    {
        if (double.IsNaN(value) || value < min || value > max)
        {
            throw new ArgumentException($"{what ?? paramName} must be {min}–{max}, not {value}.", paramName);
        }
    }

    public static void HttpPath(string? path, string paramName)
    {
        if (string.IsNullOrEmpty(path) || path[0] != '/' || path.Length > 1024 || path.Any(char.IsWhiteSpace))
        {
            throw new ArgumentException(
                $"{paramName} must be an HTTP path starting with '/', without spaces, at most 1024 characters, not '{path}'.",
                paramName);
        }
    }

    public static void NotEmpty(string? value, string paramName)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"{paramName} is required.", paramName);
        }
    }
}
