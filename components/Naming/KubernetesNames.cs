using System.Security.Cryptography;
using System.Text;

namespace BlueGreen.Components;

/// <summary>Kubernetes object names as the API server accepts them.</summary>
public static class KubernetesNames
{
    /// <summary>The longest name of an object whose name also becomes a label value (a Job's pods carry
    /// <c>job-name</c>): 63 characters.</summary>
    public const int LabelNameMaxLength = Release.Formats.NameFormats.DnsLabelMaxLength;

    /// <summary>
    /// The name of a release's Job: <c>{app}-{purpose}-{tag}</c> as a DNS-1123 label (lowercase letters,
    /// digits and '-', starting and ending with a letter or digit, at most 63 characters). Other characters
    /// of the tag become '-'. When the tag does not fit, it is cut and a hash of the whole tag is appended,
    /// so two releases never share a Job name.
    /// </summary>
    /// <exception cref="ArgumentException">The app or purpose is not a DNS label part, or the tag has no
    /// letter or digit.</exception>
    public static string ReleaseJobName(string appName, string purpose, string releaseTag)
    {
        ArgumentNullException.ThrowIfNull(releaseTag);
        var prefix = $"{appName}-{purpose}-";
        if (!Release.Formats.NameFormats.IsDnsLabel(prefix.TrimEnd('-')) || prefix.Length > 40 || !char.IsAsciiLetterLower(prefix[0]))
        {
            throw new ArgumentException(
                $"'{appName}' and '{purpose}' must be lowercase letters, digits and '-' (at most 40 together) to name a Job.", nameof(appName));
        }

        var tag = Fragment(releaseTag).Trim('-');
        if (tag.Length == 0)
        {
            throw new ArgumentException($"The release tag '{releaseTag}' needs a letter or digit to name a Job.", nameof(releaseTag));
        }

        var name = prefix + tag;
        if (name.Length <= LabelNameMaxLength)
        {
            return name;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(releaseTag)))[..8];
        var room = LabelNameMaxLength - prefix.Length - hash.Length - 1;
        return $"{prefix}{tag[..room].TrimEnd('-')}-{hash}";
    }

    /// <summary>Whether <paramref name="value"/> is a label value: at most 63 letters, digits, '-', '_' and '.',
    /// beginning and ending with a letter or digit.</summary>
    public static bool IsLabelValue(string value) =>
        value is { Length: > 0 and <= LabelNameMaxLength } && char.IsAsciiLetterOrDigit(value[0]) && char.IsAsciiLetterOrDigit(value[^1])
        && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    private static string Fragment(string text)
    {
        var result = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            result.Append(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) ? c : '-');
        }

        return result.ToString();
    }
}
