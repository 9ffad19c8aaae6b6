using System.Collections.Immutable;
using System.Text.Json;
using BlueGreen.Components;
using BlueGreen.Release;
using Pulumi.Utilities;

namespace BlueGreen.Tests.Components;

[Collection(PulumiCollection.Name)]
public class ReleaseAlarmsTests
{
    internal const string MetricAlarm = "aws:cloudwatch/metricAlarm:MetricAlarm";

    internal static ReleaseAlarmsArgs Args(
        Colour? newColour = Colour.Green,
        bool bothColours = true,
        IReadOnlyList<string>? warning = null,
        IReadOnlyList<string>? critical = null,
        AlarmThresholds? thresholds = null) => new()
        {
            NamePrefix = "shop-prod",
            Region = "eu-west-1",
            LoadBalancerArnSuffix = "app/shop/abc",
            Colours = bothColours
                ? [new ColourMetrics(Colour.Blue, "targetgroup/shop-blue/1"), new ColourMetrics(Colour.Green, "targetgroup/shop-green/2")]
                : [new ColourMetrics(Colour.Green, "targetgroup/shop-green/2")],
            AtRiskColour = newColour,
            WarningEndpoints = warning ?? ["team@example.com"],
            CriticalEndpoints = critical ?? ["oncall@example.com", "https://hooks.example.com/alarm"],
            Thresholds = thresholds ?? new AlarmThresholds(),
        };

    internal static async Task<(PulumiHarness Harness, ReleaseAlarms Alarms)> RunAsync(ReleaseAlarmsArgs args)
    {
        var harness = new PulumiHarness();
        ReleaseAlarms? alarms = null;
        await harness.RunAsync(() => alarms = new ReleaseAlarms("shop", args, harness.RecordingOptions()));
        return (harness, alarms!);
    }

    internal static ImmutableDictionary<string, object> Alarm(PulumiHarness harness, string name) =>
        harness.OfType(MetricAlarm).Single(a => (string)a.Inputs["name"] == name).Inputs;

    [Fact]
    public async Task Every_colour_gets_error_rate_latency_and_health_alarms()
    {
        var (_, alarms) = await RunAsync(Args(newColour: null));
        var kinds = new[]
        {
            ReleaseAlarmKind.ErrorRateWarning, ReleaseAlarmKind.ErrorRateCritical, ReleaseAlarmKind.LatencyP95Warning,
            ReleaseAlarmKind.LatencyP95Critical, ReleaseAlarmKind.UnhealthyHosts,
        };

        foreach (var colour in Colours.All)
        {
            Assert.Equal(kinds, alarms.Alarms.Where(a => a.Colour == colour && a.Kind != ReleaseAlarmKind.LoadBalancer5xx).Select(a => a.Kind));
        }

        Assert.Single(alarms.Alarms, a => a.Kind == ReleaseAlarmKind.LoadBalancer5xx);
    }

    [Fact]
    public async Task The_load_balancers_own_5xx_are_alarmed_once_per_load_balancer_and_roll_back_the_new_colour()
    {
        var (harness, alarms) = await RunAsync(Args(newColour: Colour.Green));
        var elb = Alarm(harness, "shop-prod-elb-5xx");
        var queries = elb.List("metricQueries").Cast<ImmutableDictionary<string, object>>().ToList();

        Assert.Equal("HTTPCode_ELB_5XX_Count", queries[0].At("metric", "metricName"));
        Assert.Equal("RequestCount", queries[1].At("metric", "metricName"));
        Assert.All(queries.Take(2), q => Assert.Equal(["LoadBalancer"], ((IDictionary<string, object>)q.At("metric", "dimensions")!).Keys));
        Assert.Equal(1.0, elb.At("threshold"));
        Assert.EndsWith(":shop-critical", (string)elb.List("alarmActions")[0]);
        Assert.Equal(ReleaseAlarmKind.LoadBalancer5xx, Assert.Single(alarms.Alarms, a => a.Name == "shop-prod-elb-5xx").Kind);
        Assert.Contains("ALARM(\"shop-prod-elb-5xx\")", (string)harness.OfType("aws:cloudwatch/compositeAlarm:CompositeAlarm").Single().Inputs.At("alarmRule")!);
    }

    [Fact]
    public async Task Error_rate_is_metric_math_over_five_minutes_three_of_five_with_minutes_without_requests_missing()
    {
        var (harness, _) = await RunAsync(Args());
        var critical = Alarm(harness, "shop-prod-green-error-rate-critical");
        var warning = Alarm(harness, "shop-prod-green-error-rate-warning");
        var queries = critical.List("metricQueries").Cast<ImmutableDictionary<string, object>>().ToList();

        Assert.Equal(1.0, critical.At("threshold"));
        Assert.Equal(0.5, warning.At("threshold"));
        Assert.Equal("GreaterThanThreshold", critical.At("comparisonOperator"));
        Assert.Equal(5.0, critical.At("evaluationPeriods"));
        Assert.Equal((3.0, "missing"), ((double)critical.At("datapointsToAlarm")!, (string)critical.At("treatMissingData")!));
        Assert.Equal((5.0, 5.0, "notBreaching"), ((double)warning.At("evaluationPeriods")!, (double)warning.At("datapointsToAlarm")!, (string)warning.At("treatMissingData")!));
        var errors = queries.Single(q => (string)q["id"] == "errors");
        Assert.Equal("HTTPCode_Target_5XX_Count", errors.At("metric", "metricName"));
        Assert.Equal("Sum", errors.At("metric", "stat"));
        Assert.Equal(60.0, errors.At("metric", "period"));
        Assert.Equal("targetgroup/shop-green/2", errors.At("metric", "dimensions", "TargetGroup"));
        Assert.Equal("app/shop/abc", errors.At("metric", "dimensions", "LoadBalancer"));
        Assert.Equal("RequestCount", queries.Single(q => (string)q["id"] == "requests").At("metric", "metricName"));
        var rate = (string)queries.Single(q => (string)q["id"] == "rate")["expression"];
        Assert.Equal("IF(requests > 0, 100 * FILL(errors, 0) / requests)", rate);
    }

    [Fact]
    public async Task Metric_math_alarms_state_no_metric_of_their_own_and_return_exactly_one_series()
    {
        var (harness, _) = await RunAsync(Args());
        var mathAlarms = harness.OfType(MetricAlarm).Where(a => a.Inputs.ContainsKey("metricQueries")).ToList();

        Assert.Equal(7, mathAlarms.Count); // 2 error-rate alarms per colour, 2 relative alarms, the load balancer's 5xx
        Assert.All(mathAlarms, alarm =>
        {
            foreach (var own in new[] { "metricName", "namespace", "statistic", "extendedStatistic", "period", "dimensions" })
            {
                Assert.False(alarm.Inputs.ContainsKey(own), $"{alarm.Name} states {own}");
            }

            var queries = alarm.Inputs.List("metricQueries").Cast<ImmutableDictionary<string, object>>().ToList();
            Assert.Single(queries, q => Equals(q.At("returnData"), true));
            Assert.All(queries.Where(q => q.ContainsKey("metric")), q => Assert.Equal(0.0, (double)q.At("metric", "period")! % 60));
        });
    }

    [Fact]
    public async Task P95_uses_the_extended_statistic_alone_and_by_default_the_configs_one_ten_minute_window()
    {
        var (harness, _) = await RunAsync(Args());
        var warning = Alarm(harness, "shop-prod-blue-p95-warning");
        var critical = Alarm(harness, "shop-prod-blue-p95-critical");

        foreach (var alarm in new[] { warning, critical })
        {
            Assert.Equal("TargetResponseTime", alarm.At("metricName"));
            Assert.Equal("AWS/ApplicationELB", alarm.At("namespace"));
            Assert.Equal("p95", alarm.At("extendedStatistic"));
            Assert.False(alarm.ContainsKey("statistic"));
            Assert.Equal(60.0, alarm.At("period"));
            Assert.Equal(1.0, alarm.At("threshold"));
            Assert.Equal("ignore", alarm.At("evaluateLowSampleCountPercentiles"));
        }

        Assert.Equal(("notBreaching", "missing"), ((string)warning.At("treatMissingData")!, (string)critical.At("treatMissingData")!));
        // The default is the config's (alarms.latencyP95.window, 10m in docs/config.md), not a second one of the component's.
        Assert.Equal(10.0, warning.At("evaluationPeriods"));
        Assert.Equal(10.0, critical.At("evaluationPeriods"));
        Assert.Equal(6.0, critical.At("datapointsToAlarm"));
    }

    [Fact]
    public async Task Any_unhealthy_host_for_two_minutes_warns()
    {
        var (harness, _) = await RunAsync(Args());
        var alarm = Alarm(harness, "shop-prod-green-unhealthy-hosts");

        Assert.Equal("UnHealthyHostCount", alarm.At("metricName"));
        Assert.Equal("Maximum", alarm.At("statistic"));
        Assert.Equal("GreaterThanOrEqualToThreshold", alarm.At("comparisonOperator"));
        Assert.Equal(1.0, alarm.At("threshold"));
        Assert.Equal(2.0, alarm.At("evaluationPeriods"));
        Assert.Equal("missing", alarm.At("treatMissingData"));
        Assert.EndsWith(":shop-warning", (string)alarm.List("alarmActions")[0]);
    }

    [Fact]
    public async Task New_colour_is_compared_with_the_old_over_the_same_window()
    {
        var (harness, _) = await RunAsync(Args(newColour: Colour.Green));
        var errors = Alarm(harness, "shop-prod-green-error-rate-vs-old");
        var latency = Alarm(harness, "shop-prod-green-p95-vs-old");

        Assert.Equal(0.5, errors.At("threshold"));
        Assert.Equal(5.0, errors.At("evaluationPeriods"));
        var queries = errors.List("metricQueries").Cast<ImmutableDictionary<string, object>>().ToDictionary(q => (string)q["id"]);
        Assert.Equal("newrate - oldrate", queries["delta"]["expression"]);
        Assert.Equal(true, queries["delta"]["returnData"]);
        Assert.Equal("targetgroup/shop-green/2", queries["newerrors"].At("metric", "dimensions", "TargetGroup"));
        Assert.Equal("targetgroup/shop-blue/1", queries["olderrors"].At("metric", "dimensions", "TargetGroup"));
        Assert.Equal(queries["newerrors"].At("metric", "period"), queries["olderrors"].At("metric", "period"));

        Assert.Equal(1.5, latency.At("threshold"));
        var p95 = latency.List("metricQueries").Cast<ImmutableDictionary<string, object>>().ToDictionary(q => (string)q["id"]);
        Assert.Equal("p95", p95["newp95"].At("metric", "stat"));
        Assert.Equal("IF(oldp95 > 0, newp95 / oldp95, 0)", p95["ratio"]["expression"]);
        Assert.DoesNotContain(harness.OfType(MetricAlarm), a => ((string)a.Inputs["name"]).StartsWith("shop-prod-blue-", StringComparison.Ordinal)
            && ((string)a.Inputs["name"]).EndsWith("-vs-old", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rollback_alarm_fires_on_any_critical_alarm_of_the_new_colour_or_a_relative_alarm()
    {
        var (harness, alarms) = await RunAsync(Args(newColour: Colour.Green));
        var composite = Assert.Single(harness.OfType("aws:cloudwatch/compositeAlarm:CompositeAlarm")).Inputs;

        Assert.Equal("shop-prod-green-rollback", composite.At("alarmName"));
        Assert.Equal(
            "ALARM(\"shop-prod-green-error-rate-critical\") OR ALARM(\"shop-prod-green-p95-critical\") OR ALARM(\"shop-prod-elb-5xx\") OR " +
            "ALARM(\"shop-prod-green-error-rate-vs-old\") OR ALARM(\"shop-prod-green-p95-vs-old\")",
            composite.At("alarmRule"));
        Assert.EndsWith(":shop-critical", (string)composite.List("alarmActions")[0]);
        Assert.Equal("shop-prod-green-rollback", await OutputUtilities.GetValueAsync(alarms.RollbackAlarmName!));
    }

    [Fact]
    public async Task Without_the_old_colour_the_rollback_alarm_watches_the_new_colours_criticals()
    {
        var (harness, _) = await RunAsync(Args(newColour: Colour.Green, bothColours: false));
        var composite = Assert.Single(harness.OfType("aws:cloudwatch/compositeAlarm:CompositeAlarm")).Inputs;

        Assert.Equal(
            "ALARM(\"shop-prod-green-error-rate-critical\") OR ALARM(\"shop-prod-green-p95-critical\") OR ALARM(\"shop-prod-elb-5xx\")", composite.At("alarmRule"));
        Assert.DoesNotContain(harness.OfType(MetricAlarm), a => ((string)a.Inputs["name"]).EndsWith("-vs-old", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_a_release_in_progress_there_is_no_rollback_alarm()
    {
        var (harness, alarms) = await RunAsync(Args(newColour: null));

        Assert.Empty(harness.OfType("aws:cloudwatch/compositeAlarm:CompositeAlarm"));
        Assert.Null(alarms.RollbackAlarmArn);
    }

    [Fact]
    public async Task Dashboard_shows_blue_and_green_side_by_side()
    {
        var (harness, alarms) = await RunAsync(Args());
        var dashboard = harness.Named("shop-dashboard").Inputs;
        using var body = JsonDocument.Parse((string)dashboard.At("dashboardBody")!);
        var widgets = body.RootElement.GetProperty("widgets").EnumerateArray().ToList();

        Assert.Equal("shop-prod-release", dashboard.At("dashboardName"));
        Assert.Equal(8, widgets.Count);
        foreach (var row in widgets.GroupBy(w => w.GetProperty("y").GetInt32()))
        {
            var pair = row.OrderBy(w => w.GetProperty("x").GetInt32()).ToList();
            Assert.Equal(2, pair.Count);
            Assert.StartsWith("blue:", pair[0].GetProperty("properties").GetProperty("title").GetString(), StringComparison.Ordinal);
            Assert.StartsWith("green:", pair[1].GetProperty("properties").GetProperty("title").GetString(), StringComparison.Ordinal);
            Assert.Equal(12, pair[1].GetProperty("x").GetInt32());
        }

        var titles = widgets.Select(w => w.GetProperty("properties").GetProperty("title").GetString()!).ToList();
        Assert.Contains("green: requests", titles);
        Assert.Contains("green: 5xx error rate (%)", titles);
        Assert.Contains("green: p95 response time (s)", titles);
        Assert.Contains("green: healthy / unhealthy hosts", titles);
        Assert.All(widgets, w => Assert.Equal("eu-west-1", w.GetProperty("properties").GetProperty("region").GetString()));
        Assert.Equal("shop-prod-release", await OutputUtilities.GetValueAsync(alarms.DashboardName));
    }

    [Fact]
    public async Task Alarm_names_are_exported_per_colour_and_kind()
    {
        var (_, alarms) = await RunAsync(Args());
        var names = await OutputUtilities.GetValueAsync(alarms.AlarmNames);

        Assert.Equal("shop-prod-blue-error-rate-critical", names["blue"]["ErrorRateCritical"]);
        Assert.Equal("shop-prod-green-p95-vs-old", names["green"]["LatencyP95VsOld"]);
        Assert.Equal("shop-prod-elb-5xx", names["green"]["LoadBalancer5xx"]);
        Assert.Equal(5, names["blue"].Count);
        Assert.Equal(8, names["green"].Count);
    }

    [Fact]
    public async Task Custom_thresholds_reach_the_alarms()
    {
        var (harness, _) = await RunAsync(Args(thresholds: new AlarmThresholds
        {
            ErrorRateWarningPercent = 2,
            ErrorRateCriticalPercent = 5,
            ErrorRateMinutes = 3,
            RelativeErrorRatePoints = 1,
        }));

        Assert.Equal(5.0, Alarm(harness, "shop-prod-blue-error-rate-critical").At("threshold"));
        Assert.Equal(3.0, Alarm(harness, "shop-prod-blue-error-rate-critical").At("evaluationPeriods"));
        Assert.Equal(1.0, Alarm(harness, "shop-prod-green-error-rate-vs-old").At("threshold"));
    }

    [Fact]
    public async Task The_component_registers_under_its_type_token()
    {
        var (harness, _) = await RunAsync(Args());
        Assert.Equal("bluegreen:aws:ReleaseAlarms", harness.Named("shop").Type);
    }
}
