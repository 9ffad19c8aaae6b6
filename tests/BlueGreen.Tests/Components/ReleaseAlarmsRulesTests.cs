using System.Collections.Immutable;
using System.Text.Json;
using BlueGreen.Components;
using BlueGreen.Release;
using Pulumi.Utilities;

namespace BlueGreen.Tests.Components;

/// <summary>The alarms' rules without Pulumi: endpoints, metric math, windows and the arguments refused.</summary>
[Collection(PulumiCollection.Name)]
public class ReleaseAlarmsRulesTests
{
    [Theory]
    [InlineData("ops@example.com", NotificationKind.Email)]
    [InlineData("https://hooks.example.com/x?y=1", NotificationKind.Https)]
    [InlineData("arn:aws:sns:eu-west-1:123456789012:pager", NotificationKind.SnsTopic)]
    public void Endpoint_kinds_are_inferred(string endpoint, NotificationKind expected) =>
        Assert.Equal(expected, AlarmRules.EndpointOf(endpoint, "CriticalEndpoints").Kind);

    [Theory]
    [InlineData("http://hooks.example.com/x")]
    [InlineData("ops")]
    [InlineData("mailto:ops@example.com")]
    [InlineData("arn:aws:sqs:eu-west-1:123456789012:queue")]
    [InlineData("")]
    public void Other_endpoints_are_refused(string endpoint) =>
        Assert.Equal("CriticalEndpoints", Assert.Throws<ArgumentException>(() => AlarmRules.EndpointOf(endpoint, "CriticalEndpoints")).ParamName);

    [Fact]
    public void Error_rate_divides_only_when_there_were_requests_and_leaves_a_minute_without_any_missing() =>
        Assert.Equal("IF(r > 0, 100 * FILL(e, 0) / r)", AlarmRules.ErrorRateExpression("e", "r"));

    [Theory]
    [InlineData(5, 3)]
    [InlineData(10, 6)]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 2)]
    public void A_critical_alarm_needs_three_fifths_of_its_datapoints_a_warning_all(int periods, int critical)
    {
        Assert.Equal(critical, AlarmRules.DatapointsToAlarm(periods, BlueGreen.Release.AlarmSeverity.Critical));
        Assert.Equal(periods, AlarmRules.DatapointsToAlarm(periods, BlueGreen.Release.AlarmSeverity.Warning));
    }

    [Fact]
    public void Query_ids_must_start_with_a_lowercase_letter() =>
        Assert.Throws<ArgumentException>(() => AlarmRules.ErrorRateExpression("Errors", "r"));

    [Fact]
    public void Composite_rule_needs_an_alarm() =>
        Assert.Throws<ArgumentException>(() => AlarmRules.CompositeRule([]));

    [Theory]
    [InlineData(1, 1)]
    [InlineData(5, 5)]
    [InlineData(1440, 1440)]
    public void Windows_are_whole_minutes_of_60_second_periods(int minutes, int periods) =>
        Assert.Equal(periods, AlarmRules.EvaluationPeriods(minutes, "ErrorRateMinutes"));

    [Theory]
    [InlineData(0)]
    [InlineData(1441)]
    public void Windows_over_a_day_or_under_a_minute_are_refused(int minutes) =>
        Assert.Throws<ArgumentException>(() => AlarmRules.EvaluationPeriods(minutes, "ErrorRateMinutes"));

    public static TheoryData<ReleaseAlarmsArgs, string> InvalidArgs => new()
    {
        { ReleaseAlarmsTests.Args(warning: ["not-an-endpoint"]), "WarningEndpoints" },
        { ReleaseAlarmsTests.Args(critical: ["http://plain.example.com"]), "CriticalEndpoints" },
        { ReleaseAlarmsTests.Args(newColour: Colour.Blue, bothColours: false), "AtRiskColour" },
        { ReleaseAlarmsTests.Args(thresholds: new AlarmThresholds { ErrorRateWarningPercent = 2, ErrorRateCriticalPercent = 1 }), "Thresholds" },
        { ReleaseAlarmsTests.Args(thresholds: new AlarmThresholds { RelativeLatencyRatio = 1 }), "Thresholds" },
        { ReleaseAlarmsTests.Args(thresholds: new AlarmThresholds { LatencyP95CriticalMinutes = 0 }), "LatencyP95CriticalMinutes" },
    };

    [Theory]
    [MemberData(nameof(InvalidArgs))]
    public void Invalid_args_are_rejected_naming_the_argument(ReleaseAlarmsArgs args, string argument) =>
        Assert.Equal(argument, Assert.Throws<ArgumentException>(args.Validate).ParamName);

    [Fact]
    public void A_colour_listed_twice_is_refused()
    {
        var args = new ReleaseAlarmsArgs
        {
            NamePrefix = "shop",
            Region = "eu-west-1",
            LoadBalancerArnSuffix = "app/shop/abc",
            Colours = [new ColourMetrics(Colour.Blue, "tg/a"), new ColourMetrics(Colour.Blue, "tg/b")],
        };
        Assert.Equal("Colours", Assert.Throws<ArgumentException>(args.Validate).ParamName);
    }
}
