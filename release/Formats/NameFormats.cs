using System.Text.RegularExpressions;

namespace BlueGreen.Release.Formats;

/// <summary>Kubernetes and HTTP names as their APIs take them.</summary>
public static partial class NameFormats
{
    [GeneratedRegex(@"^[a-z]([a-z0-9-]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex AppNamePattern();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex DnsLabelPattern();

    [GeneratedRegex(@"^/[\x21-\x7E]*$", RegexOptions.CultureInvariant)]
    private static partial Regex HealthPathPattern();

    [GeneratedRegex(@"^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,40}$", RegexOptions.CultureInvariant)]
    private static partial Regex HeaderNamePattern();

    /// <summary>
    /// The longest app name: it names the load balancer <c>{app}-edge-alb-xxxxxxx</c> (Pulumi's 8-character
    /// suffix), which AWS limits to 32 characters, so 32 − 8 − "-edge-alb".Length = 15.
    /// </summary>
    public const int MaxAppNameLength = 32 - 8 - 9;

    /// <summary>Whether <paramref name="name"/> is an app name: 1–15 lowercase letters, digits and '-',
    /// starting with a letter, not ending with '-'.</summary>
    public static bool IsAppName(string? name) => name is not null && name.Length <= MaxAppNameLength && AppNamePattern().IsMatch(name);

    /// <summary>Whether <paramref name="name"/> is a DNS-1123 label (a Kubernetes namespace or object name).</summary>
    public static bool IsDnsLabel(string? name) => name is not null && name.Length <= 63 && DnsLabelPattern().IsMatch(name);

    /// <summary>Whether <paramref name="path"/> is an HTTP path for a health check: '/' then visible ASCII, at most 1024.</summary>
    public static bool IsHealthPath(string? path) => path is not null && path.Length <= 1024 && HealthPathPattern().IsMatch(path);

    /// <summary>Whether <paramref name="name"/> is an HTTP header name of at most 40 characters (an ALB rule's limit).</summary>
    public static bool IsHeaderName(string? name) => name is not null && HeaderNamePattern().IsMatch(name);
}
