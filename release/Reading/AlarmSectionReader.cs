using System.Globalization;
using BlueGreen.Release.Formats;

namespace BlueGreen.Release.Reading;

/// <summary>Reads <c>alarms.*</c> and <c>notifications.*</c>.</summary>
internal static class AlarmSectionReader
{
    public static AlarmSettings? Alarms(ConfigText config)
    {
        var d = AlarmSettings.Default;
        const string percent = "use a percentage from 0.001 to 100, e.g. 0.5";
        const string window = "use whole minutes from 1m to 1d, e.g. 5m (CloudWatch evaluates load balancer metrics per minute)";
        var oneMinute = TimeSpan.FromMinutes(1);

        var errorWarning = config.Number(ConfigKeys.AlarmsErrorRateWarning, d.ErrorRate.WarningPercent, AlarmLimits.IsPercent, percent);
        var errorCritical = config.Number(ConfigKeys.AlarmsErrorRateCritical, d.ErrorRate.CriticalPercent, AlarmLimits.IsPercent, percent);
        var errorWindow = config.Duration(ConfigKeys.AlarmsErrorRateWindow, d.ErrorRate.Window, AlarmLimits.MinWindow, AlarmLimits.MaxWindow, oneMinute, window);
        if (errorWarning is { } ew && errorCritical is { } ec && ew > ec)
        {
            config.Add(
                ConfigKeys.AlarmsErrorRateWarning,
                ew.ToString(CultureInfo.InvariantCulture),
                $"is above {ConfigKeys.Full(ConfigKeys.AlarmsErrorRateCritical)} {ec.ToString(CultureInfo.InvariantCulture)}; " +
                "the warning threshold must not exceed the critical one");
        }

        const string latency = "use a duration above 0 and at most 1h, e.g. 1s or 800ms";
        var latencyWarning = config.Duration(ConfigKeys.AlarmsLatencyP95Warning, d.LatencyP95.Warning, AlarmLimits.MinLatency, AlarmLimits.MaxLatency, TimeSpan.FromMilliseconds(1), latency);
        var latencyCritical = config.Duration(ConfigKeys.AlarmsLatencyP95Critical, d.LatencyP95.Critical, AlarmLimits.MinLatency, AlarmLimits.MaxLatency, TimeSpan.FromMilliseconds(1), latency);
        var latencyWindow = config.Duration(ConfigKeys.AlarmsLatencyP95Window, d.LatencyP95.Window, AlarmLimits.MinWindow, AlarmLimits.MaxWindow, oneMinute, window);
        if (latencyWarning is { } lw && latencyCritical is { } lc && lw > lc)
        {
            config.Add(
                ConfigKeys.AlarmsLatencyP95Warning,
                config.Raw(ConfigKeys.AlarmsLatencyP95Warning) ?? DurationText.Format(lw),
                $"is above {ConfigKeys.Full(ConfigKeys.AlarmsLatencyP95Critical)} {DurationText.Format(lc)}; " +
                "the warning threshold must not exceed the critical one");
        }

        var unhealthyCount = config.Int(ConfigKeys.AlarmsUnhealthyHostsCount, d.UnhealthyHosts.Count, AlarmLimits.MinUnhealthyHosts, AlarmLimits.MaxUnhealthyHosts, "use how many unhealthy targets raise the alarm, from 1 to 1000");
        var unhealthyWindow = config.Duration(ConfigKeys.AlarmsUnhealthyHostsWindow, d.UnhealthyHosts.Window, AlarmLimits.MinWindow, AlarmLimits.MaxWindow, oneMinute, window);
        var delta = config.Number(
            ConfigKeys.AlarmsRelativeErrorRateDelta,
            d.Relative.ErrorRateDeltaPoints,
            AlarmLimits.IsPercent,
            "use percentage points from 0.001 to 100 by which the new colour's error rate may exceed the live colour's, e.g. 0.5");
        var ratio = config.Number(
            ConfigKeys.AlarmsRelativeLatencyP95Ratio,
            d.Relative.LatencyP95Ratio,
            v => v is > AlarmLimits.MinLatencyRatioExclusive and <= AlarmLimits.MaxLatencyRatio,
            "use a factor above 1 and at most 100 by which the new colour's p95 may exceed the live colour's, e.g. 1.5");

        if (config.Failed(ConfigKeys.AlarmsErrorRateWarning) || config.Failed(ConfigKeys.AlarmsLatencyP95Warning) ||
            errorWarning is null || errorCritical is null || errorWindow is null || latencyWarning is null ||
            latencyCritical is null || latencyWindow is null || unhealthyCount is null || unhealthyWindow is null ||
            delta is null || ratio is null)
        {
            return null;
        }

        return new AlarmSettings(
            new ErrorRateAlarm(errorWarning.Value, errorCritical.Value, errorWindow.Value),
            new LatencyAlarm(latencyWarning.Value, latencyCritical.Value, latencyWindow.Value),
            new UnhealthyHostsAlarm(unhealthyCount.Value, unhealthyWindow.Value),
            new RelativeAlarm(delta.Value, ratio.Value));
    }

    public static NotificationSettings? Notifications(ConfigText config, bool prod)
    {
        var warning = ReadEndpoints(config, ConfigKeys.NotificationsWarning);
        var critical = ReadEndpoints(config, ConfigKeys.NotificationsCritical);
        if (prod && critical is { Count: 0 })
        {
            config.Add(
                ConfigKeys.NotificationsCritical,
                "[]",
                "is empty in prod; list at least one email address, https URL or SNS topic ARN to page on critical alarms");
            return null;
        }

        return warning is null || critical is null ? null : new NotificationSettings(warning, critical);
    }

    private static List<NotificationEndpoint>? ReadEndpoints(ConfigText config, string key)
    {
        var texts = config.StringList(key, [], NotificationEndpoint.Allowed);
        if (texts is null)
        {
            return null;
        }

        var endpoints = new List<NotificationEndpoint>();
        foreach (var text in texts)
        {
            if (NotificationEndpoint.Parse(text, out var problem) is { } endpoint)
            {
                endpoints.Add(endpoint);
            }
            else
            {
                config.Add(key, $"{ConfigText.Show(texts)} has \"{text}\" that", problem!);
            }
        }

        return config.Failed(key) ? null : endpoints;
    }
}
