using BlueGreen.Components;

namespace BlueGreen.Tests.Components;

/// <summary>The one mapping from the stack's <c>alarms.*</c> settings to the alarms' thresholds.</summary>
public class AlarmThresholdsTests
{
    [Fact]
    public void Every_alarm_setting_reaches_its_threshold_in_the_alarms_units()
    {
        var settings = TestConfig.Prod()
            .With("alarms.errorRate.warning", "0.25")
            .With("alarms.errorRate.critical", "2")
            .With("alarms.errorRate.window", "3m")
            .With("alarms.latencyP95.warning", "800ms")
            .With("alarms.latencyP95.critical", "1500ms")
            .With("alarms.latencyP95.window", "7m")
            .With("alarms.unhealthyHosts.count", "2")
            .With("alarms.unhealthyHosts.window", "4m")
            .With("alarms.relative.errorRateDelta", "0.75")
            .With("alarms.relative.latencyP95Ratio", "1.25")
            .Valid();

        var thresholds = AlarmThresholds.From(settings.Alarms);

        Assert.Equal(
            (0.25, 2.0, 3, 0.8, 1.5, 7, 7, 2, 4, 0.75, 1.25),
            (thresholds.ErrorRateWarningPercent, thresholds.ErrorRateCriticalPercent, thresholds.ErrorRateMinutes,
             thresholds.LatencyP95WarningSeconds, thresholds.LatencyP95CriticalSeconds,
             thresholds.LatencyP95WarningMinutes, thresholds.LatencyP95CriticalMinutes,
             thresholds.UnhealthyHosts, thresholds.UnhealthyHostsMinutes,
             thresholds.RelativeErrorRatePoints, thresholds.RelativeLatencyRatio));
    }
}
