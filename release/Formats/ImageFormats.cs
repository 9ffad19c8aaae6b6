using System.Text.RegularExpressions;

namespace BlueGreen.Release.Formats;

/// <summary>
/// Container image names as the registry and the kubelet accept them: the one owner of the tag and
/// repository rules, used by the config reader and the components' argument checks.
/// </summary>
public static partial class ImageFormats
{
    /// <summary>What a tag may be, for messages.</summary>
    public const string TagRule = "up to 128 letters, digits, '_', '.' and '-', not starting with '.' or '-'";

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(/[a-z0-9]+([._-]+[a-z0-9]+)*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex RepositoryPattern();

    [GeneratedRegex(@"^sha256:[0-9a-f]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex DigestPattern();

    /// <summary>Whether <paramref name="tag"/> is an image tag (<c>1.4.2</c>).</summary>
    public static bool IsTag(string? tag) => tag is not null && TagPattern().IsMatch(tag);

    /// <summary>Whether <paramref name="repository"/> is a repository without tag or digest
    /// (<c>123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop</c>).</summary>
    public static bool IsRepository(string? repository) => repository is not null && RepositoryPattern().IsMatch(repository);

    /// <summary>
    /// Whether <paramref name="image"/> is a pinned image reference: a repository with a tag
    /// (<c>repo:1.4.2</c>) or a digest (<c>repo@sha256:…</c>). An image without either would run whatever
    /// <c>latest</c> is when the pod starts, so it is refused.
    /// </summary>
    public static bool IsPinnedReference(string? image)
    {
        if (image is null)
        {
            return false;
        }

        var at = image.IndexOf('@', StringComparison.Ordinal);
        if (at > 0)
        {
            return IsRepository(image[..at]) && DigestPattern().IsMatch(image[(at + 1)..]);
        }

        // The tag follows the last ':' after the last '/' (a registry's ':port' comes before a '/').
        var colon = image.LastIndexOf(':');
        return colon > image.LastIndexOf('/') && colon > 0
            && IsRepository(image[..colon]) && IsTag(image[(colon + 1)..]);
    }

    /// <summary>The image reference of <paramref name="tag"/> in <paramref name="repository"/>.</summary>
    public static string Reference(string repository, string tag) => $"{repository}:{tag}";
}
