using System.Text.RegularExpressions;
using BlueGreen.Release;
using Pulumi;

namespace BlueGreen.Components;

/// <summary>The arguments of a <see cref="WeightedListener"/>: the ALB, its listeners and the colours' weights.</summary>
public sealed partial class WeightedListenerArgs
{
    /// <summary>The TLS policy of the HTTPS listener unless set: TLS 1.3 with TLS 1.2 fallback.</summary>
    public const string DefaultSslPolicy = "ELBSecurityPolicy-TLS13-1-2-2021-06";

    /// <summary>The VPC of the load balancer and its security group.</summary>
    public required Input<string> VpcId { get; init; }

    /// <summary>The load balancer's subnets, in at least two availability zones.</summary>
    public required InputList<string> SubnetIds { get; init; }

    /// <summary>An internal (private) load balancer instead of an internet-facing one.</summary>
    public bool Internal { get; init; }

    /// <summary>CIDRs allowed in on ports 80 and 443 (IPv4 or IPv6); at least one.</summary>
    public IReadOnlyList<string> IngressCidrs { get; init; } = ["0.0.0.0/0"];

    /// <summary>The port the targets (pods) listen on: the only port the ALB may reach them on.</summary>
    public required int TargetPort { get; init; }

    /// <summary>The targets' security group (e.g. the pods' or nodes' group), for the egress rule; or null
    /// to use <see cref="TargetCidrs"/>.</summary>
    public Input<string>? TargetSecurityGroupId { get; init; }

    /// <summary>CIDRs of the targets (e.g. the VPC's) for the egress rule, when no
    /// <see cref="TargetSecurityGroupId"/> is given.</summary>
    public IReadOnlyList<string> TargetCidrs { get; init; } = [];

    /// <summary>Deletion protection of the load balancer (the stack turns it on in prod).</summary>
    public bool DeletionProtection { get; init; }

    /// <summary>Idle connection timeout in seconds, 1–4000.</summary>
    public int IdleTimeoutSeconds { get; init; } = 60;

    /// <summary>Access logs to a bucket created here, or null for none.</summary>
    public AccessLogSettings? AccessLogs { get; init; }

    /// <summary>The ACM certificate of the HTTPS listener.</summary>
    public required Input<string> CertificateArn { get; init; }

    /// <summary>The HTTPS listener's TLS policy.</summary>
    public string SslPolicy { get; init; } = DefaultSslPolicy;

    /// <summary>
    /// The forward action as the release model decided it (<see cref="TrafficSplit.ForwardAction"/>): one
    /// target per colour that is not retired, weights 0–100 summing to 100, and the stickiness (stated even
    /// when off). The listener sends it as given.
    /// </summary>
    public required ForwardAction Forward { get; init; }

    /// <summary>Weights and stickiness to send instead of <see cref="Forward"/>'s, same colours (the rollback record's).</summary>
    public Output<ForwardAction>? DeclaredForward { get; init; }
    /// <summary>Each colour's target group ARN; every colour of <see cref="Forward"/> needs one.</summary>
    public required IReadOnlyDictionary<Colour, Input<string>> TargetGroupArns { get; init; }

    /// <summary>Header routes that reach one colour whatever the weights, e.g. <c>X-Colour: green</c>
    /// to the idle colour. At most one per colour.</summary>
    public IReadOnlyList<HeaderRoute> TestRoutes { get; init; } = [];

    /// <summary>The secret every test route also requires, in the <see cref="TestRouteKeyHeader"/> header:
    /// without it a colour header alone reaches nothing. Required when there are test routes.</summary>
    public Input<string>? TestRouteKey { get; init; }

    /// <summary>The header that carries <see cref="TestRouteKey"/>.</summary>
    public string TestRouteKeyHeader { get; init; } = TestRouteSettings.KeyHeader;

    /// <summary>Maintenance mode: a rule behind the test routes and in front of the weights answers every
    /// other request with this page and a 503; null for none.</summary>
    public MaintenancePage? Maintenance { get; init; }

    /// <summary>What the HTTPS listener (its weights) waits for in an update, e.g. the release's smoke test:
    /// when one of them fails, the weights are not applied.</summary>
    public IReadOnlyList<Resource> WeightsAfter { get; init; } = [];

    /// <summary>Client CIDRs the test routes accept (at most 3); empty for any source.</summary>
    public IReadOnlyList<string> TestRouteSourceCidrs { get; init; } = [];

    /// <summary>The public host name of the app (a DNS alias of the ALB), for <see cref="WeightedListener.Url"/>;
    /// null to use the ALB's own DNS name.</summary>
    public string? DomainName { get; init; }

    /// <summary>AWS tags of the load balancer, its listeners, rules and security group.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>Checks every argument; the component calls it first, and the stack may call it early.</summary>
    /// <returns>The forward action decided from the weights and stickiness.</returns>
    /// <exception cref="ArgumentException">An argument breaks a rule; <see cref="ArgumentException.ParamName"/> names it.</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(VpcId, nameof(VpcId));
        ArgumentNullException.ThrowIfNull(SubnetIds, nameof(SubnetIds));
        ArgumentNullException.ThrowIfNull(CertificateArn, nameof(CertificateArn));
        if (IngressCidrs is null || IngressCidrs.Count == 0)
        {
            throw new ArgumentException("IngressCidrs needs at least one CIDR, e.g. 0.0.0.0/0.", nameof(IngressCidrs));
        }

        foreach (var cidr in IngressCidrs)
        {
            Cidrs.Require(cidr, nameof(IngressCidrs));
        }

        Check.Range(TargetPort, 1, 65535, nameof(TargetPort));
        AwsText.RequireTags(Tags, nameof(Tags));
        if (TargetSecurityGroupId is null && (TargetCidrs is null || TargetCidrs.Count == 0))
        {
            throw new ArgumentException(
                "The ALB needs a way out to its targets: set TargetSecurityGroupId or at least one of TargetCidrs.",
                nameof(TargetCidrs));
        }

        foreach (var cidr in TargetCidrs ?? [])
        {
            Cidrs.Require(cidr, nameof(TargetCidrs));
        }

        Check.Range(IdleTimeoutSeconds, 1, 4000, nameof(IdleTimeoutSeconds));
        AccessLogs?.Validate(nameof(AccessLogs));
        if (string.IsNullOrWhiteSpace(SslPolicy) || !SslPolicy.StartsWith("ELBSecurityPolicy-", StringComparison.Ordinal))
        {
            throw new ArgumentException($"SslPolicy must be an ELBSecurityPolicy-… name, not '{SslPolicy}'.", nameof(SslPolicy));
        }

        ForwardActionRules.Validate(Forward, TargetGroupArns, nameof(Forward));

        if (TestRoutes is null)
        {
            throw new ArgumentException("TestRoutes cannot be null; pass an empty list for none.", nameof(TestRoutes));
        }

        foreach (var route in TestRoutes)
        {
            route.Validate(nameof(TestRoutes));
        }

        if (TestRoutes.Count > 0 && TestRouteKey is null)
        {
            throw new ArgumentException(
                "TestRoutes need TestRouteKey: a secret the requests must also carry, so a colour header alone reaches nothing.", nameof(TestRouteKey));
        }

        if (TestRouteKeyHeader is null || TestRouteKeyHeader.Length > 40 || !TokenHeader().IsMatch(TestRouteKeyHeader)
            || TestRoutes.Any(r => string.Equals(r.HeaderName, TestRouteKeyHeader, StringComparison.OrdinalIgnoreCase)))
        {
            throw new ArgumentException(
                $"TestRouteKeyHeader must be an HTTP token of 1–40 characters other than the routes' own header, not '{TestRouteKeyHeader}'.", nameof(TestRouteKeyHeader));
        }

        if (TestRouteSourceCidrs is null || TestRouteSourceCidrs.Count > TestRouteSettings.MaxSourceCidrs)
        {
            throw new ArgumentException(
                $"TestRouteSourceCidrs takes at most {TestRouteSettings.MaxSourceCidrs} CIDRs (an ALB rule matches at most 5 values, the headers take 2).", nameof(TestRouteSourceCidrs));
        }

        foreach (var cidr in TestRouteSourceCidrs)
        {
            Cidrs.Require(cidr, nameof(TestRouteSourceCidrs));
        }

        var twice = TestRoutes.GroupBy(r => r.Colour).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
        {
            throw new ArgumentException(
                $"TestRoutes has {twice.Count()} routes to {twice.Key.ConfigName()}; at most one per colour.", nameof(TestRoutes));
        }

        Maintenance?.Validate(nameof(Maintenance));

        if (DomainName is not null && !HostPattern().IsMatch(DomainName))
        {
            throw new ArgumentException($"DomainName must be a host name such as app.example.com, not '{DomainName}'.", nameof(DomainName));
        }
    }

    [GeneratedRegex("^[A-Za-z0-9!#$%&'*+.^_`|~-]+$")]
    private static partial Regex TokenHeader();

    [GeneratedRegex("^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}$")]
    private static partial Regex HostPattern();
}
