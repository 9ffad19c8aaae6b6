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

    /// <summary>Load balancers and target groups: at most 32 characters (Elastic Load Balancing API, <c>Name</c>).</summary>
    public const int ElbNameMaxLength = 32;

    /// <summary>What Pulumi appends to a logical name when it auto-names a resource: <c>-</c> and 7 hex digits.</summary>
    public const int AutoNameSuffixLength = 8;

    /// <summary>A DNS-1123 label (Kubernetes object names, label values): at most 63 characters.</summary>
    public const int DnsLabelMaxLength = 63;

    /// <summary>
    /// The longest app name: it names the load balancer <c>{app}-edge-alb-xxxxxxx</c> (Pulumi's 8-character
    /// suffix), which AWS limits to 32 characters, so 32 − 8 − "-edge-alb".Length = 15.
    /// </summary>
    public const int MaxAppNameLength = ElbNameMaxLength - AutoNameSuffixLength - 9;

    /// <summary>Whether <paramref name="name"/> is an app name: 1–15 lowercase letters, digits and '-',
    /// starting with a letter, not ending with '-'.</summary>
    public static bool IsAppName(string? name) => name is not null && name.Length <= MaxAppNameLength && AppNamePattern().IsMatch(name);

    /// <summary>Whether <paramref name="name"/> is a DNS-1123 label (a Kubernetes namespace or object name).</summary>
    public static bool IsDnsLabel(string? name) => name is not null && name.Length <= DnsLabelMaxLength && DnsLabelPattern().IsMatch(name);

    /// <summary>Whether <paramref name="path"/> is an HTTP path for a health check: '/' then visible ASCII, at most 1024.</summary>
    public static bool IsHealthPath(string? path) => path is not null && path.Length <= 1024 && HealthPathPattern().IsMatch(path);

    /// <summary>Whether <paramref name="name"/> is an HTTP header name of at most 40 characters (an ALB rule's limit).</summary>
    public static bool IsHeaderName(string? name) => name is not null && HeaderNamePattern().IsMatch(name);
}
