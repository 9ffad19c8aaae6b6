using System.Net;
using System.Text.RegularExpressions;
using BlueGreen.Release;
using Pulumi;

namespace BlueGreen.Components;

/// <summary>The fixed response of maintenance mode: HTTP 503 with this page.</summary>
/// <param name="Body">The page, at most 1024 bytes of UTF-8.</param>
/// <param name="ContentType">text/plain, text/css, text/html, application/javascript or application/json.</param>
public sealed record MaintenancePage(string Body, string ContentType = "text/html")
{
    /// <summary>The rule's priority: after the test routes (10, 11), so they still reach the colours.</summary>
    public const int Priority = 50;

    internal void Validate(string paramName)
    {
        if (!MaintenanceSettings.IsBody(Body))
        {
            throw new ArgumentException($"The maintenance page must be at most {MaintenanceSettings.MaxBodyLength} bytes of UTF-8, not {MaintenanceSettings.BodyBytes(Body ?? "")}.", paramName);
        }

        if (!MaintenanceSettings.IsContentType(ContentType))
        {
            throw new ArgumentException(
                $"The maintenance page's content type must be one of {string.Join(", ", MaintenanceSettings.ContentTypes)}, not '{ContentType}'.", paramName);
        }
    }
}

/// <summary>
/// A listener rule that sends requests carrying <paramref name="HeaderName"/>: <paramref name="HeaderValue"/>
/// to <paramref name="Colour"/>'s target group at any weight — how a colour at 0 % is tried before the ramp.
/// </summary>
/// <param name="Colour">The colour reached.</param>
/// <param name="TargetGroupArn">Its target group.</param>
/// <param name="HeaderName">The header: an HTTP token of at most 40 characters, not <c>Host</c>.</param>
/// <param name="HeaderValue">The value to match (ALB wildcards <c>*</c> and <c>?</c> allowed), at most
/// 128 characters; null for the colour's name (<c>blue</c>/<c>green</c>).</param>
public sealed partial record HeaderRoute(Colour Colour, Input<string> TargetGroupArn, string HeaderName = "X-Colour", string? HeaderValue = null)
{
    /// <summary>The value matched: <see cref="HeaderValue"/> or the colour's name.</summary>
    public string Value => HeaderValue ?? Colour.ConfigName();

    /// <summary>The rule's priority: fixed per colour, so rules never swap priorities between updates.</summary>
    public int Priority => 10 + (int)Colour;

    internal void Validate(string paramName)
    {
        if (TargetGroupArn is null)
        {
            throw new ArgumentException($"The test route to {Colour.ConfigName()} needs its target group ARN.", paramName);
        }

        if (HeaderName is null || HeaderName.Length > 40 || !TokenPattern().IsMatch(HeaderName))
        {
            throw new ArgumentException(
                $"The test route header name must be an HTTP token (letters, digits, !#$%&'*+-.^_`|~) of 1–40 characters, not '{HeaderName}'.",
                paramName);
        }

        if (string.Equals(HeaderName, "Host", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException("The test route cannot match the Host header; pick another header name.", paramName);
        }

        if (Value.Length is 0 or > 128 || Value.Any(char.IsControl))
        {
            throw new ArgumentException(
                $"The test route header value must be 1–128 printable characters, not '{Value}'.", paramName);
        }
    }

    [GeneratedRegex("^[A-Za-z0-9!#$%&'*+.^_`|~-]+$")]
    private static partial Regex TokenPattern();
}

/// <summary>Load balancer access logs, written to an S3 bucket created for them.</summary>
/// <remarks>
/// The bucket is encrypted with SSE-S3 (AES-256): ALB log delivery supports no other server-side
/// encryption (an SSE-KMS bucket silently receives no logs), so a KMS key is deliberately not offered.
/// Public access is blocked and the bucket policy admits only ELB log delivery and TLS requests.
/// </remarks>
/// <param name="AccountId">The AWS account of the load balancer (logs are written under <c>AWSLogs/{account}/</c>).</param>
/// <param name="Region">The load balancer's region, e.g. <c>eu-west-1</c>: it decides the log-delivery principal.</param>
/// <param name="Prefix">Key prefix of the logs, without <c>AWSLogs</c>, without leading or trailing slash.</param>
/// <param name="ForceDestroy">Whether deleting the stack may delete the bucket with its logs.</param>
public sealed record AccessLogSettings(Input<string> AccountId, string Region, string Prefix = "alb", bool ForceDestroy = false)
{
    internal void Validate(string paramName)
    {
        if (AccountId is null)
        {
            throw new ArgumentException("AccessLogs.AccountId is required.", paramName);
        }

        if (string.IsNullOrWhiteSpace(Region))
        {
            throw new ArgumentException("AccessLogs.Region is required, e.g. eu-west-1.", paramName);
        }

        if (string.IsNullOrEmpty(Prefix) || Prefix.StartsWith('/') || Prefix.EndsWith('/')
            || Prefix.Contains("AWSLogs", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException(
                $"AccessLogs.Prefix must be a non-empty key prefix without leading or trailing '/' and without 'AWSLogs', not '{Prefix}'.",
                paramName);
        }
    }
}

/// <summary>CIDR checks.</summary>
internal static class Cidrs
{
    public static bool IsIpv6(string cidr) => cidr.Contains(':', StringComparison.Ordinal);

    public static void Require(string? cidr, string paramName)
    {
        if (cidr is null || !cidr.Contains('/', StringComparison.Ordinal) || !IPNetwork.TryParse(cidr, out _))
        {
            throw new ArgumentException($"'{cidr}' in {paramName} is not a CIDR block such as 10.0.0.0/16 or ::/0.", paramName);
        }
    }
}
