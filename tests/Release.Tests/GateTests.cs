using BlueGreen.Release;

namespace BlueGreen.Tests;

public class GateTests
{
    private static readonly DateTimeOffset Noon = new(2025, 6, 10, 12, 0, 0, TimeSpan.Zero);

    private static readonly RampSchedule Schedule = RampSchedule.Create(
        [0, 5, 25, 50, 100],
        [TimeSpan.FromMinutes(30), TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(4), TimeSpan.FromHours(1)]);

    [Fact]
    public void Bake_gate_waits_until_the_current_steps_bake_time_has_passed()
    {
        var decision = BakeGate.Evaluate(Schedule, 2, Noon, Noon.AddHours(1));

        Assert.False(decision.Passed);
        Assert.Equal(Noon.AddHours(2), decision.EarliestAt);
        Assert.Equal("step 2 (25 %) bakes for 2h from 2025-06-10T12:00:00Z; step 3 may go ahead at 2025-06-10T14:00:00Z", decision.Reason);
    }

    [Fact]
    public void Bake_gate_passes_exactly_when_the_bake_time_is_over()
    {
        Assert.False(BakeGate.Evaluate(Schedule, 1, Noon, Noon.AddHours(1).AddTicks(-1)).Passed);
        var decision = BakeGate.Evaluate(Schedule, 1, Noon, Noon.AddHours(1));
        Assert.True(decision.Passed);
        Assert.Null(decision.EarliestAt);
    }

    [Fact]
    public void Bake_gate_at_the_last_step_is_about_promotion()
    {
        var decision = BakeGate.Evaluate(Schedule, 4, Noon, Noon.AddHours(2));

        Assert.True(decision.Passed);
        Assert.EndsWith("promotion may go ahead", decision.Reason);
    }

    [Fact]
    public void Bake_gate_blocks_without_a_step_time()
    {
        var decision = BakeGate.Evaluate(Schedule, 1, null, Noon);

        Assert.False(decision.Passed);
        Assert.Null(decision.EarliestAt);
        Assert.Contains("bluegreen:ramp.stepSetAt is not set", decision.Reason);
    }

    [Fact]
    public void Bake_gate_reads_the_ramp_settings()
    {
        var ramp = new RampSettings(Schedule, 0, Noon);

        Assert.Equal(Noon.AddMinutes(30), BakeGate.Evaluate(ramp, Noon).EarliestAt);
    }

    [Fact]
    public void Alarm_gate_is_blocked_only_by_the_new_colours_critical_alarms_in_alarm_or_without_data()
    {
        AlarmReading[] readings =
        [
            new("shop-green-error-rate", Colour.Green, AlarmState.Alarm),
            new("shop-green-p95", Colour.Green, AlarmState.InsufficientData),
            new("shop-blue-error-rate", Colour.Blue, AlarmState.Alarm),
            new("shop-green-vs-blue-error-rate", Colour.Green, AlarmState.Ok),
        ];

        var greenRamp = AlarmGate.Evaluate(Colour.Green, readings);
        Assert.False(greenRamp.Passed);
        Assert.Equal([readings[0], readings[1]], greenRamp.Firing);
        Assert.Equal("critical green alarms not OK: shop-green-error-rate (ALARM), shop-green-p95 (INSUFFICIENT_DATA)", greenRamp.Reason);

        var blueRamp = AlarmGate.Evaluate(Colour.Blue, readings);
        Assert.False(blueRamp.Passed);
        Assert.Equal([readings[2]], blueRamp.Firing);
    }

    [Fact]
    public void Alarm_gate_passes_with_ok_criticals_and_shows_warnings_without_holding()
    {
        AlarmReading warning = new("w", Colour.Green, AlarmState.Alarm, AlarmSeverity.Warning);
        var decision = AlarmGate.Evaluate(
            Colour.Green,
            [new("a", Colour.Green, AlarmState.Ok), new("b", Colour.Green, AlarmState.InsufficientData, AlarmSeverity.Warning), warning, new("c", Colour.Blue, AlarmState.Alarm)]);

        Assert.True(decision.Passed);
        Assert.Empty(decision.Firing);
        Assert.Equal([warning], decision.Warnings);
    }

    [Theory]
    [InlineData("ErrorRateCritical", AlarmSeverity.Critical)]
    [InlineData("LoadBalancer5xx", AlarmSeverity.Critical)]
    [InlineData("UnhealthyHosts", AlarmSeverity.Warning)]
    [InlineData("SomethingNew", AlarmSeverity.Critical)]
    public void Severities_come_from_the_kind_names_the_stack_exports_and_unknown_ones_hold(string kind, AlarmSeverity expected) =>
        Assert.Equal(expected, AlarmSeverities.Of(kind));

    [Theory]
    [InlineData("OK", AlarmState.Ok)]
    [InlineData("ALARM", AlarmState.Alarm)]
    [InlineData("INSUFFICIENT_DATA", AlarmState.InsufficientData)]
    [InlineData("alarm", AlarmState.Alarm)]
    public void CloudWatch_state_names_parse(string text, AlarmState expected)
    {
        Assert.Equal(expected, AlarmStates.Parse(text));
    }

    [Fact]
    public void Unknown_state_names_are_refused()
    {
        var error = Assert.Throws<FormatException>(() => AlarmStates.Parse("FIRING"));
        Assert.Contains("use OK, ALARM or INSUFFICIENT_DATA", error.Message);
    }

    [Fact]
    public void Retirement_waits_for_the_stabilization_window_and_says_until_when()
    {
        var decision = RetirementGate.Evaluate(Colour.Green, TrafficSplit.AllTo(Colour.Green), Noon, TimeSpan.FromHours(72), Noon.AddHours(71));

        Assert.False(decision.Passed);
        Assert.Equal(Noon.AddHours(72), decision.EarliestAt);
        Assert.Contains("window ends at 2025-06-13T12:00:00Z, blue may be retired from then on", decision.Reason);
    }

    [Fact]
    public void Retirement_passes_once_the_window_is_over()
    {
        var decision = RetirementGate.Evaluate(Colour.Green, TrafficSplit.AllTo(Colour.Green), Noon, TimeSpan.FromHours(72), Noon.AddHours(72));

        Assert.True(decision.Passed);
        Assert.Null(decision.EarliestAt);
    }

    [Fact]
    public void Retirement_is_blocked_while_the_old_colour_takes_traffic()
    {
        var decision = RetirementGate.Evaluate(Colour.Green, TrafficSplit.Of(5, 95), Noon, TimeSpan.Zero, Noon.AddDays(30));

        Assert.False(decision.Passed);
        Assert.Null(decision.EarliestAt);
        Assert.StartsWith("blue still receives 5 % of traffic", decision.Reason);
    }

    [Fact]
    public void Retirement_is_blocked_without_a_promotion()
    {
        var decision = RetirementGate.Evaluate(Colour.Green, TrafficSplit.AllTo(Colour.Green), null, TimeSpan.Zero, Noon);

        Assert.False(decision.Passed);
        Assert.Null(decision.EarliestAt);
        Assert.Contains("promote first", decision.Reason);
    }
}
