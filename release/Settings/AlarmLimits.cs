namespace BlueGreen.Release;

/// <summary>
/// The ranges of the alarm thresholds: the one owner, read by the config reader (which names the key) and by
/// the alarms component (which checks its Args). The defaults are <see cref="AlarmSettings.Default"/>.
/// </summary>
public static class AlarmLimits
{
    /// <summary>The smallest error rate or error-rate difference, in percent (CloudWatch metric math keeps it exact).</summary>
    public const double MinPercent = 0.001;

    /// <summary>The largest error rate, in percent.</summary>
    public const double MaxPercent = 100;

    /// <summary>The fewest unhealthy targets that raise the alarm.</summary>
    public const int MinUnhealthyHosts = 1;

    /// <summary>The most unhealthy targets that raise the alarm.</summary>
    public const int MaxUnhealthyHosts = 1000;

    /// <summary>The p95 ratio must be above this (a ratio of 1 fires on any noise).</summary>
    public const double MinLatencyRatioExclusive = 1;

    /// <summary>The largest p95 ratio.</summary>
    public const double MaxLatencyRatio = 100;

    /// <summary>The shortest p95 threshold.</summary>
    public static TimeSpan MinLatency { get; } = TimeSpan.FromMilliseconds(1);

    /// <summary>The longest p95 threshold.</summary>
    public static TimeSpan MaxLatency { get; } = TimeSpan.FromHours(1);

    /// <summary>The shortest window: one 60-second period.</summary>
    public static TimeSpan MinWindow { get; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest window CloudWatch evaluates (periods × period): one day.</summary>
    public static TimeSpan MaxWindow { get; } = TimeSpan.FromDays(1);

    /// <summary>Whether <paramref name="percent"/> is an error rate or difference the alarms accept.</summary>
    public static bool IsPercent(double percent) => percent is >= MinPercent and <= MaxPercent;
}
