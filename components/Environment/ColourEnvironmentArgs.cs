using System.Text.RegularExpressions;
using BlueGreen.Release;
using Pulumi;

namespace BlueGreen.Components;

/// <summary>The arguments of a <see cref="ColourEnvironment"/>: one colour's workload and target group.</summary>
public sealed partial class ColourEnvironmentArgs
{
    /// <summary>The app's name: a DNS label (lowercase letters, digits, hyphens, starting with a letter),
    /// at most 40 characters. Names the Kubernetes objects (<c>{app}-{colour}</c>) and prefixes the target
    /// group's name.</summary>
    public required string AppName { get; init; }

    /// <summary>Which colour this environment is.</summary>
    public required Colour Colour { get; init; }

    /// <summary>
    /// The Kubernetes namespace, created once by the stack (not per colour). It must carry the label
    /// <c>elbv2.k8s.aws/pod-readiness-gate-inject: enabled</c> (see
    /// <see cref="ColourEnvironment.RequiredNamespaceLabels"/>): the AWS Load Balancer Controller then
    /// injects a readiness gate into the pods behind the <c>TargetGroupBinding</c>, so a rolling update
    /// only proceeds once the new pods are healthy in the ALB target group — without it a rollout can
    /// take every registered target out of service before the new ones pass the ALB health check.
    /// </summary>
    public required Input<string> Namespace { get; init; }

    /// <summary>The image repository, e.g. <c>123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop</c>.</summary>
    public required string ImageRepository { get; init; }

    /// <summary>The image tag deployed to this colour, e.g. <c>v1.4.2</c>.</summary>
    public required string ImageTag { get; init; }

    /// <summary>The <c>release</c> label's value; defaults to <see cref="ImageTag"/>. A Kubernetes label
    /// value: at most 63 letters, digits, <c>-</c>, <c>_</c>, <c>.</c>, starting and ending with a letter or digit.</summary>
    public string? Release { get; init; }

    /// <summary>Pod replicas, 1–100 (ignored when <see cref="Autoscaling"/> is set: the HPA owns the count).</summary>
    public int Replicas { get; init; } = 2;

    /// <summary>The port the container listens on, 1–65535; the target group's port too.</summary>
    public int ContainerPort { get; init; } = 8080;

    /// <summary>The ClusterIP service's port, 1–65535; the <c>TargetGroupBinding</c> refers to it.</summary>
    public int ServicePort { get; init; } = 80;

    /// <summary>The HTTP path of the readiness and liveness probes and of the ALB health check; starts with <c>/</c>.</summary>
    public string HealthPath { get; init; } = "/healthz";

    /// <summary>Container CPU and memory requests and limits.</summary>
    public ContainerResources Resources { get; init; } = ContainerResources.Default;

    /// <summary>A HorizontalPodAutoscaler on CPU, or null for a fixed <see cref="Replicas"/>.</summary>
    public AutoscalingSettings? Autoscaling { get; init; }

    /// <summary>Extra environment variables of the container (names: letters, digits, <c>_</c>).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>The pods' service account, or null for the namespace default (its token is then not mounted).</summary>
    public Input<string>? ServiceAccountName { get; init; }

    /// <summary>The VPC of the target group (the ALB's VPC).</summary>
    public required Input<string> VpcId { get; init; }

    /// <summary>
    /// The load balancer's security group. The binding declares it in <c>spec.networking</c>, so the AWS
    /// Load Balancer Controller opens the pods' security group to it on the container port: health checks
    /// and traffic reach the pods on any cluster, whatever its node security groups allow.
    /// </summary>
    public required Input<string> LoadBalancerSecurityGroupId { get; init; }

    /// <summary>
    /// Resources the Deployment waits for before its pods start, e.g. the pre-release database snapshot,
    /// so nothing the new release runs at start-up (a migration) can run before it is taken.
    /// </summary>
    public IReadOnlyList<Resource> DeployAfter { get; init; } = [];

    /// <summary>The ALB health check of the target group.</summary>
    public TargetHealthCheck HealthCheck { get; init; } = new();

    /// <summary>Seconds the ALB keeps draining a deregistered target, 0–3600.</summary>
    public int DeregistrationDelaySeconds { get; init; } = 30;

    /// <summary>Slow start of new targets in seconds: 0 (off) or 30–900.</summary>
    public int SlowStartSeconds { get; init; }

    /// <summary>
    /// Whether this colour is live. A live colour's target group, binding, service and deployment are
    /// protected (Pulumi <c>protect</c>), so neither a mistaken retire nor a replacement can take away the
    /// colour that serves production. Set it to false in the update that makes the other colour live,
    /// before this colour can be retired.
    /// </summary>
    public bool IsLive { get; init; }

    /// <summary>AWS tags of the target group.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>The <c>release</c> label value in force: <see cref="Release"/> or else <see cref="ImageTag"/>.</summary>
    public string ReleaseLabel => Release ?? ImageTag;

    /// <summary>The Kubernetes name of this colour's deployment, service, PDB, HPA and binding.</summary>
    public string ObjectName => $"{AppName}-{Colour.ConfigName()}";

    /// <summary>Checks every argument; the component calls it first, and the stack may call it early.</summary>
    /// <exception cref="ArgumentException">An argument breaks a rule; <see cref="ArgumentException.ParamName"/> names it.</exception>
    public void Validate()
    {
        AwsNames.RequireAppName(AppName, nameof(AppName));
        if (!Enum.IsDefined(Colour))
        {
            throw new ArgumentException($"Colour must be blue or green, not {(int)Colour}.", nameof(Colour));
        }

        ArgumentNullException.ThrowIfNull(Namespace, nameof(Namespace));
        ArgumentNullException.ThrowIfNull(VpcId, nameof(VpcId));
        AwsText.RequireTags(Tags, nameof(Tags));
        ArgumentNullException.ThrowIfNull(LoadBalancerSecurityGroupId, nameof(LoadBalancerSecurityGroupId));
        if (DeployAfter is null || DeployAfter.Any(r => r is null))
        {
            throw new ArgumentException("DeployAfter cannot be or hold null; pass an empty list for none.", nameof(DeployAfter));
        }
        if (string.IsNullOrWhiteSpace(ImageRepository)
            || ImageRepository.Contains('@', StringComparison.Ordinal)
            || ImageRepository[(ImageRepository.LastIndexOf('/') + 1)..].Contains(':', StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"ImageRepository must be an image repository without a tag, e.g. registry/app, not '{ImageRepository}'.",
                nameof(ImageRepository));
        }

        Check.ImageTag(ImageTag, nameof(ImageTag));

        if (!LabelValuePattern().IsMatch(ReleaseLabel))
        {
            throw new ArgumentException(
                $"The release label '{ReleaseLabel}' is not a Kubernetes label value (at most 63 letters, digits, '-', '_', '.', " +
                "starting and ending with a letter or digit); set Release to one.",
                Release is null ? nameof(ImageTag) : nameof(Release));
        }

        Check.Range(Replicas, 1, 100, nameof(Replicas));
        Check.Range(ContainerPort, 1, 65535, nameof(ContainerPort));
        Check.Range(ServicePort, 1, 65535, nameof(ServicePort));
        Check.HttpPath(HealthPath, nameof(HealthPath));
        ArgumentNullException.ThrowIfNull(Resources, nameof(Resources));
        Resources.Validate(nameof(Resources));
        Autoscaling?.Validate(nameof(Autoscaling));
        foreach (var name in Environment.Keys)
        {
            Check.EnvironmentVariableName(name, nameof(Environment));
        }

        ArgumentNullException.ThrowIfNull(HealthCheck, nameof(HealthCheck));
        HealthCheck.Validate(nameof(HealthCheck));
        Check.Range(DeregistrationDelaySeconds, 0, 3600, nameof(DeregistrationDelaySeconds));
        if (SlowStartSeconds != 0 && SlowStartSeconds is < 30 or > 900)
        {
            throw new ArgumentException(
                $"SlowStartSeconds must be 0 (off) or 30–900, not {SlowStartSeconds}.", nameof(SlowStartSeconds));
        }
    }

    [GeneratedRegex("^[A-Za-z0-9]([A-Za-z0-9_.-]{0,61}[A-Za-z0-9])?$")]
    private static partial Regex LabelValuePattern();
}

/// <summary>Container requests and limits in Kubernetes quantities (e.g. <c>250m</c>, <c>512Mi</c>).</summary>
/// <param name="CpuRequest">CPU request.</param>
/// <param name="MemoryRequest">Memory request.</param>
/// <param name="CpuLimit">CPU limit, or null for none (no CFS throttling).</param>
/// <param name="MemoryLimit">Memory limit.</param>
public sealed partial record ContainerResources(string CpuRequest, string MemoryRequest, string? CpuLimit, string MemoryLimit)
{
    /// <summary>250m CPU and 256Mi requested; 1 CPU and 512Mi at most.</summary>
    public static ContainerResources Default { get; } = new("250m", "256Mi", "1", "512Mi");

    internal void Validate(string paramName)
    {
        foreach (var (what, value) in new[] { ("CpuRequest", CpuRequest), ("MemoryRequest", MemoryRequest), ("MemoryLimit", MemoryLimit), ("CpuLimit", CpuLimit ?? "1") })
        {
            if (value is null || !QuantityPattern().IsMatch(value))
            {
                throw new ArgumentException(
                    $"{what} must be a Kubernetes quantity such as 250m, 1, 512Mi or 1Gi, not '{value}'.", paramName);
            }
        }
    }

    [GeneratedRegex("^[0-9]+(\\.[0-9]+)?(m|k|M|G|T|Ki|Mi|Gi|Ti)?$")]
    private static partial Regex QuantityPattern();
}

/// <summary>A HorizontalPodAutoscaler on average CPU utilisation.</summary>
/// <param name="MinReplicas">At least this many pods, 1 or more.</param>
/// <param name="MaxReplicas">At most this many, not below <paramref name="MinReplicas"/>, up to 100.</param>
/// <param name="TargetCpuUtilizationPercent">Average CPU utilisation to aim for, 10–95 % of the request.</param>
public sealed record AutoscalingSettings(int MinReplicas, int MaxReplicas, int TargetCpuUtilizationPercent = 70)
{
    internal void Validate(string paramName)
    {
        if (MinReplicas < 1 || MaxReplicas < MinReplicas || MaxReplicas > 100)
        {
            throw new ArgumentException(
                $"Autoscaling needs 1 ≤ MinReplicas ≤ MaxReplicas ≤ 100, not {MinReplicas}–{MaxReplicas}.", paramName);
        }

        if (TargetCpuUtilizationPercent is < 10 or > 95)
        {
            throw new ArgumentException(
                $"TargetCpuUtilizationPercent must be 10–95, not {TargetCpuUtilizationPercent}.", paramName);
        }
    }
}

/// <summary>The ALB health check of a colour's target group (HTTP, on the traffic port, on the health path).</summary>
public sealed partial class TargetHealthCheck
{
    /// <summary>HTTP codes counted healthy: <c>200</c>, <c>200,204</c> or a range <c>200-399</c>.</summary>
    public string Matcher { get; init; } = "200-399";

    /// <summary>Seconds between checks, 5–300.</summary>
    public int IntervalSeconds { get; init; } = 10;

    /// <summary>Seconds to wait for an answer, 2–120 and below the interval.</summary>
    public int TimeoutSeconds { get; init; } = 5;

    /// <summary>Consecutive successes before a target is healthy, 2–10.</summary>
    public int HealthyThreshold { get; init; } = 2;

    /// <summary>Consecutive failures before a target is unhealthy, 2–10.</summary>
    public int UnhealthyThreshold { get; init; } = 2;

    internal void Validate(string paramName)
    {
        if (Matcher is null || !MatcherPattern().IsMatch(Matcher))
        {
            throw new ArgumentException(
                $"HealthCheck.Matcher must be HTTP codes 200–499 such as 200, 200,204 or 200-399, not '{Matcher}'.", paramName);
        }

        Check.Range(IntervalSeconds, 5, 300, paramName, "HealthCheck.IntervalSeconds");
        Check.Range(TimeoutSeconds, 2, 120, paramName, "HealthCheck.TimeoutSeconds");
        if (TimeoutSeconds >= IntervalSeconds)
        {
            throw new ArgumentException(
                $"HealthCheck.TimeoutSeconds ({TimeoutSeconds}) must be below HealthCheck.IntervalSeconds ({IntervalSeconds}).",
                paramName);
        }

        Check.Range(HealthyThreshold, 2, 10, paramName, "HealthCheck.HealthyThreshold");
        Check.Range(UnhealthyThreshold, 2, 10, paramName, "HealthCheck.UnhealthyThreshold");
    }

    [GeneratedRegex("^[2-4][0-9]{2}((,[2-4][0-9]{2})*|-[2-4][0-9]{2})$")]
    private static partial Regex MatcherPattern();
}
