using BlueGreen.Release;

namespace BlueGreen.Tests;

/// <summary>The verdict on a move: every gate judged, forced only where the gate is forcible, and nothing judged
/// offline that needs the live state.</summary>
public class MoveVerdictTests
{
    private static readonly DateTimeOffset Now = TestConfig.Now;

    /// <summary>A forward step from step 0 (every gate of the first traffic step), forced when <paramref name="reason"/> is set.</summary>
    private static MovePlan FirstStep(string? reason) => new(MoveKind.Next, null, null)
    {
        Gates =
        [
            new Gate(GateKind.AutomaticRollbackRecord), new Gate(GateKind.Maintenance), new Gate(GateKind.Bake, Count: 0),
            new Gate(GateKind.CriticalAlarms, Colour.Green), new Gate(GateKind.TargetHealth, Colour.Green, Count: 3),
            new Gate(GateKind.SmokeTest, Colour.Green, "1.5.0"),
        ],
        ForceReason = reason,
    };

    /// <summary>Live evidence on which every gate but the record and maintenance says no.</summary>
    private static GateEvidence Failing => new()
    {
        Deployed = new DeployedRamp(Colour.Blue, 0, "1.4.2", "1.5.0", Now - TimeSpan.FromMinutes(1)),
        Alarms = [new AlarmReading("shop-prod-green-err-crit", Colour.Green, AlarmState.Alarm)],
        HealthyTargets = 1,
        SmokePassedRelease = "1.4.9",
        MaintenanceOn = false,
    };

    [Fact]
    public void A_forced_move_turns_the_bake_alarm_and_health_refusals_into_forced_and_never_the_smoke_test()
    {
        var results = MoveVerdict.Judge(FirstStep("INC-1"), Failing, TestConfig.Prod().Valid(), Now);

        Assert.Equal(
            [GateOutcome.Passed, GateOutcome.Passed, GateOutcome.Forced, GateOutcome.Forced, GateOutcome.Forced, GateOutcome.Refused],
            results.Select(r => r.Outcome));
        var unforced = MoveVerdict.Judge(FirstStep(null), Failing, TestConfig.Prod().Valid(), Now);
        Assert.All(unforced.Skip(2), r => Assert.Equal(GateOutcome.Refused, r.Outcome));
    }

    [Fact]
    public void Offline_only_maintenance_is_judged_the_file_is_its_evidence_and_the_rest_is_not_read()
    {
        var results = MoveVerdict.Judge(FirstStep("INC-1"), evidence: null, TestConfig.Prod().Valid(), Now);

        Assert.Equal(GateOutcome.Passed, results.Single(r => r.Gate.Kind == GateKind.Maintenance).Outcome);
        Assert.All(results.Where(r => r.Gate.Kind != GateKind.Maintenance), r => Assert.Equal(GateOutcome.NotRead, r.Outcome));
        Assert.Contains("bluegreen:ramp.forceReason passes it: INC-1", results.Single(r => r.Gate.Kind == GateKind.Bake).Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("forceReason", results.Single(r => r.Gate.Kind == GateKind.SmokeTest).Reason, StringComparison.Ordinal);
    }
}
