using System.Text.RegularExpressions;
using BlueGreen.Release;
using Pulumi;

namespace BlueGreen.Components;

/// <summary>The arguments of <see cref="ReleaseAlarms"/>.</summary>
public sealed partial class ReleaseAlarmsArgs
{
    /// <summary>Prefix of alarm, topic and dashboard names, e.g. <c>shop-prod</c>: letters, digits, <c>-</c>, <c>_</c>,
    /// at most 60 characters. Unique per stack, as alarm names are per account and region.</summary>
    public required string NamePrefix { get; init; }

    /// <summary>The region of the metrics, for the dashboard's widgets, e.g. <c>eu-west-1</c>.</summary>
    public required string Region { get; init; }

    /// <summary>The load balancer's ARN suffix (<see cref="WeightedListener.LoadBalancerArnSuffix"/>).</summary>
    public required Input<string> LoadBalancerArnSuffix { get; init; }

    /// <summary>The deployed (non-retired) colours and their target groups' ARN suffixes; one or two, each colour once.</summary>
    public required IReadOnlyList<ColourMetrics> Colours { get; init; }

    /// <summary>The colour the composite rollback alarm watches: the one being ramped up, or after a
    /// promotion the newly live one; null when there is nothing to roll back to.</summary>
    public Colour? AtRiskColour { get; init; }

    /// <summary>Whether <see cref="AtRiskColour"/> is judged against the other colour too (relative alarms):
    /// only while both take traffic side by side, i.e. during a ramp. Needs both colours deployed.</summary>
    public bool CompareColours { get; init; } = true;

    /// <summary>Thresholds and windows.</summary>
    public AlarmThresholds Thresholds { get; init; } = new();

    /// <summary>Endpoints notified of warnings: email addresses or https URLs.</summary>
    public IReadOnlyList<string> WarningEndpoints { get; init; } = [];

    /// <summary>Endpoints notified of critical alarms and rollbacks: email addresses or https URLs.</summary>
    public IReadOnlyList<string> CriticalEndpoints { get; init; } = [];

    /// <summary>A customer-managed KMS key for the topics, or null for unencrypted topics. Its key policy must
    /// let <c>cloudwatch.amazonaws.com</c> use it (the AWS-managed <c>alias/aws/sns</c> key does not, and
    /// alarms could not publish).</summary>
    public Input<string>? TopicKmsKeyId { get; init; }

    /// <summary>AWS tags of the alarms and topics.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>Checks every argument; the component calls it first, and the stack may call it early.</summary>
    /// <exception cref="ArgumentException">An argument breaks a rule; <see cref="ArgumentException.ParamName"/> names it.</exception>
    public void Validate()
    {
        AwsText.RequireTags(Tags, nameof(Tags));
        if (NamePrefix is null || !PrefixPattern().IsMatch(NamePrefix))
        {
            throw new ArgumentException(
                $"NamePrefix must be 1–60 letters, digits, '-' or '_', not '{NamePrefix}'.", nameof(NamePrefix));
        }

        if (Region is null || !RegionPattern().IsMatch(Region))
        {
            throw new ArgumentException($"Region must be an AWS region such as eu-west-1, not '{Region}'.", nameof(Region));
        }

        ArgumentNullException.ThrowIfNull(LoadBalancerArnSuffix, nameof(LoadBalancerArnSuffix));
        if (Colours is null || Colours.Count is 0 or > 2)
        {
            throw new ArgumentException(
                $"Colours needs one or two entries (the deployed colours), not {Colours?.Count ?? 0}.", nameof(Colours));
        }

        if (Colours.Select(c => c.Colour).Distinct().Count() != Colours.Count)
        {
            throw new ArgumentException("Colours lists a colour twice; each colour has one target group.", nameof(Colours));
        }

        if (Colours.Any(c => c.TargetGroupArnSuffix is null))
        {
            throw new ArgumentException("Every entry of Colours needs its target group's ARN suffix.", nameof(Colours));
        }

        if (AtRiskColour is { } fresh && Colours.All(c => c.Colour != fresh))
        {
            throw new ArgumentException(
                $"AtRiskColour {fresh.ConfigName()} is not among Colours; it must be deployed to be alarmed on.", nameof(AtRiskColour));
        }

        ArgumentNullException.ThrowIfNull(Thresholds, nameof(Thresholds));
        Thresholds.Validate(nameof(Thresholds));
        foreach (var endpoint in WarningEndpoints ?? throw new ArgumentException("WarningEndpoints cannot be null.", nameof(WarningEndpoints)))
        {
            AlarmRules.EndpointOf(endpoint, nameof(WarningEndpoints));
        }

        foreach (var endpoint in CriticalEndpoints ?? throw new ArgumentException("CriticalEndpoints cannot be null.", nameof(CriticalEndpoints)))
        {
            AlarmRules.EndpointOf(endpoint, nameof(CriticalEndpoints));
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,60}$")]
    private static partial Regex PrefixPattern();

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]$")]
    private static partial Regex RegionPattern();
}

/// <summary>A deployed colour's CloudWatch dimension.</summary>
/// <param name="Colour">The colour.</param>
/// <param name="TargetGroupArnSuffix">Its target group's ARN suffix (<see cref="ColourEnvironment.TargetGroupArnSuffix"/>).</param>
public sealed record ColourMetrics(Colour Colour, Input<string> TargetGroupArnSuffix);

/// <summary>
/// Thresholds and windows of the release alarms. Every window is a whole number of minutes, evaluated as
/// 60-second periods, and an alarm fires only when every period in its window breaches.
/// </summary>
public sealed class AlarmThresholds
{
    /// <summary>5xx error rate, in percent, that warns.</summary>
    public double ErrorRateWarningPercent { get; init; } = AlarmSettings.Default.ErrorRate.WarningPercent;

    /// <summary>5xx error rate, in percent, that is critical.</summary>
    public double ErrorRateCriticalPercent { get; init; } = AlarmSettings.Default.ErrorRate.CriticalPercent;

    /// <summary>Window of the error-rate alarms, in minutes.</summary>
    public int ErrorRateMinutes { get; init; } = (int)AlarmSettings.Default.ErrorRate.Window.TotalMinutes;

    /// <summary>p95 response time, in seconds, that warns.</summary>
    public double LatencyP95WarningSeconds { get; init; } = AlarmSettings.Default.LatencyP95.Warning.TotalSeconds;

    /// <summary>Window of the p95 warning, in minutes.</summary>
    public int LatencyP95WarningMinutes { get; init; } = (int)AlarmSettings.Default.LatencyP95.Window.TotalMinutes;

    /// <summary>p95 response time, in seconds, that is critical when sustained.</summary>
    public double LatencyP95CriticalSeconds { get; init; } = AlarmSettings.Default.LatencyP95.Critical.TotalSeconds;

    /// <summary>Window of the p95 critical alarm, in minutes.</summary>
    public int LatencyP95CriticalMinutes { get; init; } = (int)AlarmSettings.Default.LatencyP95.Window.TotalMinutes;

    /// <summary>Unhealthy targets (at least this many) that warn.</summary>
    public int UnhealthyHosts { get; init; } = AlarmSettings.Default.UnhealthyHosts.Count;

    /// <summary>Window of the unhealthy-hosts alarm, in minutes.</summary>
    public int UnhealthyHostsMinutes { get; init; } = (int)AlarmSettings.Default.UnhealthyHosts.Window.TotalMinutes;

    /// <summary>How many percentage points the new colour's error rate may exceed the old one's.</summary>
    public double RelativeErrorRatePoints { get; init; } = AlarmSettings.Default.Relative.ErrorRateDeltaPoints;

    /// <summary>How many times the old colour's p95 the new colour's may reach.</summary>
    public double RelativeLatencyRatio { get; init; } = AlarmSettings.Default.Relative.LatencyP95Ratio;

    /// <summary>The thresholds of the stack's <c>alarms.*</c> settings: the one mapping from config to
    /// alarms. One window serves every p95 alarm (warning, critical and against the old colour).</summary>
    public static AlarmThresholds From(AlarmSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new AlarmThresholds
        {
            ErrorRateWarningPercent = settings.ErrorRate.WarningPercent,
            ErrorRateCriticalPercent = settings.ErrorRate.CriticalPercent,
            ErrorRateMinutes = (int)settings.ErrorRate.Window.TotalMinutes,
            LatencyP95WarningSeconds = settings.LatencyP95.Warning.TotalSeconds,
            LatencyP95CriticalSeconds = settings.LatencyP95.Critical.TotalSeconds,
            LatencyP95WarningMinutes = (int)settings.LatencyP95.Window.TotalMinutes,
            LatencyP95CriticalMinutes = (int)settings.LatencyP95.Window.TotalMinutes,
            UnhealthyHosts = settings.UnhealthyHosts.Count,
            UnhealthyHostsMinutes = (int)settings.UnhealthyHosts.Window.TotalMinutes,
            RelativeErrorRatePoints = settings.Relative.ErrorRateDeltaPoints,
            RelativeLatencyRatio = settings.Relative.LatencyP95Ratio,
        };
    }

    internal void Validate(string paramName)
    {
        Check.Range(ErrorRateWarningPercent, AlarmLimits.MinPercent, AlarmLimits.MaxPercent, paramName, nameof(ErrorRateWarningPercent));
        Check.Range(ErrorRateCriticalPercent, ErrorRateWarningPercent, AlarmLimits.MaxPercent, paramName,
            $"{nameof(ErrorRateCriticalPercent)} (at least the warning, {ErrorRateWarningPercent})");
        Check.Range(LatencyP95WarningSeconds, AlarmLimits.MinLatency.TotalSeconds, AlarmLimits.MaxLatency.TotalSeconds, paramName, nameof(LatencyP95WarningSeconds));
        Check.Range(LatencyP95CriticalSeconds, LatencyP95WarningSeconds, AlarmLimits.MaxLatency.TotalSeconds, paramName,
            $"{nameof(LatencyP95CriticalSeconds)} (at least the warning, {LatencyP95WarningSeconds})");
        Check.Range(UnhealthyHosts, AlarmLimits.MinUnhealthyHosts, AlarmLimits.MaxUnhealthyHosts, paramName, nameof(UnhealthyHosts));
        Check.Range(RelativeErrorRatePoints, AlarmLimits.MinPercent, AlarmLimits.MaxPercent, paramName, nameof(RelativeErrorRatePoints));
        Check.Range(RelativeLatencyRatio, AlarmLimits.MinLatencyRatioExclusive, AlarmLimits.MaxLatencyRatio, paramName, $"{nameof(RelativeLatencyRatio)} (above 1)");
        if (RelativeLatencyRatio <= AlarmLimits.MinLatencyRatioExclusive)
        {
            throw new ArgumentException($"{nameof(RelativeLatencyRatio)} must be above 1, not {RelativeLatencyRatio}.", paramName);
        }

        AlarmRules.EvaluationPeriods(ErrorRateMinutes, nameof(ErrorRateMinutes));
        AlarmRules.EvaluationPeriods(LatencyP95WarningMinutes, nameof(LatencyP95WarningMinutes));
        AlarmRules.EvaluationPeriods(LatencyP95CriticalMinutes, nameof(LatencyP95CriticalMinutes));
        AlarmRules.EvaluationPeriods(UnhealthyHostsMinutes, nameof(UnhealthyHostsMinutes));
    }
}
