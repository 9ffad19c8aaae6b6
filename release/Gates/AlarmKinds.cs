namespace BlueGreen.Release;

/// <summary>The alarms the release alarms component creates per colour, the relative ones for the new colour, and the load balancer's own.</summary>
public enum ReleaseAlarmKind
{
    /// <summary>5xx error rate above the warning threshold.</summary>
    ErrorRateWarning,

    /// <summary>5xx error rate above the critical threshold.</summary>
    ErrorRateCritical,

    /// <summary>p95 response time above the warning threshold.</summary>
    LatencyP95Warning,

    /// <summary>p95 response time above the critical threshold, sustained.</summary>
    LatencyP95Critical,

    /// <summary>Unhealthy targets in the colour's target group.</summary>
    UnhealthyHosts,

    /// <summary>The new colour's error rate above the old colour's by more than N percentage points.</summary>
    ErrorRateVsOld,

    /// <summary>The new colour's p95 above N times the old colour's.</summary>
    LatencyP95VsOld,

    /// <summary>
    /// Errors the load balancer itself returns (502, 503, 504: a target that resets, times out or is
    /// missing) above the critical error rate. The metric is per load balancer, not per colour, so there is
    /// one such alarm; it is counted with the colour at risk (the one being ramped).
    /// </summary>
    LoadBalancer5xx,
}

/// <summary>How loud an alarm is: which SNS topic it notifies.</summary>
public enum AlarmSeverity
{
    /// <summary>Notifies the warning topic.</summary>
    Warning,

    /// <summary>Notifies the critical topic and takes part in the rollback alarm.</summary>
    Critical,
}

/// <summary>Which alarms are critical: the one owner of that decision (topics, rollback alarm, gate).</summary>
public static class AlarmSeverities
{
    /// <summary>The severity of each kind: relative alarms and the criticals are critical.</summary>
    public static AlarmSeverity Of(ReleaseAlarmKind kind) => kind switch
    {
        ReleaseAlarmKind.ErrorRateWarning or ReleaseAlarmKind.LatencyP95Warning or ReleaseAlarmKind.UnhealthyHosts => AlarmSeverity.Warning,
        _ => AlarmSeverity.Critical,
    };

    /// <summary>The severity of a kind by its name as the stack exports it (<c>alarmNames</c> "colour.Kind");
    /// an unknown kind counts as critical, so a gate errs on the side of holding.</summary>
    public static AlarmSeverity Of(string kind) =>
        Enum.TryParse<ReleaseAlarmKind>(kind, ignoreCase: false, out var known) ? Of(known) : AlarmSeverity.Critical;
}
