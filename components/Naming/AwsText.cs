using System.Text.RegularExpressions;

namespace BlueGreen.Components;

/// <summary>
/// The character sets and lengths AWS accepts for the free text we send it, checked where the value is
/// built: EC2 security group and rule descriptions, and resource tags.
/// </summary>
public static partial class AwsText
{
    /// <summary>EC2 descriptions (security groups and their rules): at most 255 characters.</summary>
    public const int Ec2DescriptionMaxLength = 255;

    /// <summary>A tag key: 1–128 characters.</summary>
    public const int TagKeyMaxLength = 128;

    /// <summary>A tag value: 0–256 characters.</summary>
    public const int TagValueMaxLength = 256;

    /// <summary>What an EC2 description may hold, for messages.</summary>
    public const string Ec2DescriptionCharacters = "letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*";

    /// <summary>Returns <paramref name="text"/> when EC2 accepts it as a description.</summary>
    /// <exception cref="ArgumentException">It has a character EC2 refuses (an apostrophe, say) or is too long.</exception>
    public static string Ec2Description(string text, string paramName)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > Ec2DescriptionMaxLength || !Ec2DescriptionPattern().IsMatch(text))
        {
            throw new ArgumentException(
                $"The EC2 description '{text}' must be at most {Ec2DescriptionMaxLength} {Ec2DescriptionCharacters}.", paramName);
        }

        return text;
    }

    /// <summary>Checks resource tags: keys 1–128 and values 0–256 Unicode letters, digits, spaces and
    /// <c>_.:/=+-@</c>, keys not starting with <c>aws:</c> (reserved for AWS).</summary>
    /// <exception cref="ArgumentException">A tag breaks a rule; the message names it.</exception>
    public static void RequireTags(IReadOnlyDictionary<string, string>? tags, string paramName)
    {
        if (tags is null)
        {
            throw new ArgumentException("Tags cannot be null; pass an empty map for none.", paramName);
        }

        foreach (var (key, value) in tags)
        {
            if (string.IsNullOrEmpty(key) || key.Length > TagKeyMaxLength || !TagPattern().IsMatch(key)
                || key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException(
                    $"The tag key '{key}' must be 1–{TagKeyMaxLength} letters, digits, spaces and _.:/=+-@, not starting with 'aws:'.", paramName);
            }

            if (value is null || value.Length > TagValueMaxLength || !TagPattern().IsMatch(value))
            {
                throw new ArgumentException(
                    $"The value '{value}' of tag '{key}' must be 0–{TagValueMaxLength} letters, digits, spaces and _.:/=+-@.", paramName);
            }
        }
    }

    [GeneratedRegex(@"^[a-zA-Z0-9. _\-:/()#,@\[\]+=&;{}!$*]*$")]
    private static partial Regex Ec2DescriptionPattern();

    [GeneratedRegex(@"^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$")]
    private static partial Regex TagPattern();
}
