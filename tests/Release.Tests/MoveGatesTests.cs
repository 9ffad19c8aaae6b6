using BlueGreen.Release;

namespace BlueGreen.Tests;

/// <summary>Each gate judged on its evidence, in release/ (the CLI and CI only read the evidence).</summary>
public class MoveGatesTests
{
    private static readonly DateTimeOffset Now = TestConfig.Now;

    private static StackSettings Settings(string? acknowledged = null, bool maintenance = false) =>
        TestConfig.Prod().With("rollback.acknowledged", acknowledged).With("maintenance.enabled", maintenance ? "true" : "false").Valid();

    private static readonly AutomaticRollbackRecord Record = new("8f2c1a57-3d4e-4b6a-9c0d-1e2f3a4b5c6d", "2025-06-10T11:00:00Z", "shop-prod-green-rollback", Colour.Green, Colour.Blue);

    private static AlarmReading Reading(AlarmState state, AlarmSeverity severity = AlarmSeverity.Critical) =>
        new("shop-prod-green-error-rate-critical", Colour.Green, state, severity);

    public static TheoryData<string, Gate, GateEvidence, bool, string> Cases => new()
    {
        { "baked since the update finished", new Gate(GateKind.Bake, Count: 1), new GateEvidence { Deployed = new DeployedRamp(Colour.Blue, 1, "1.4.2", "1.5.0", Now - TimeSpan.FromHours(3)) }, true, "has baked 1h" },
        { "still baking", new Gate(GateKind.Bake, Count: 1), new GateEvidence { Deployed = new DeployedRamp(Colour.Blue, 1, "1.4.2", "1.5.0", Now - TimeSpan.FromMinutes(10)) }, false, "bakes 1h" },
        { "no known update", new Gate(GateKind.Bake, Count: 1), new GateEvidence { Deployed = new DeployedRamp(Colour.Blue, 1, "1.4.2", "1.5.0", null) }, false, "is unknown" },
        { "a critical alarm in ALARM", new Gate(GateKind.CriticalAlarms, Colour.Green), new GateEvidence { Alarms = [Reading(AlarmState.Alarm)] }, false, "(ALARM)" },
        { "a critical alarm without data", new Gate(GateKind.CriticalAlarms, Colour.Green), new GateEvidence { Alarms = [Reading(AlarmState.InsufficientData)] }, false, "(INSUFFICIENT_DATA)" },
        { "a warning in ALARM never holds", new Gate(GateKind.CriticalAlarms, Colour.Green), new GateEvidence { Alarms = [Reading(AlarmState.Ok), Reading(AlarmState.Alarm, AlarmSeverity.Warning) with { Name = "w" }] }, true, "no critical green alarm" },
        { "no alarms to read", new Gate(GateKind.CriticalAlarms, Colour.Green), new GateEvidence { Alarms = [] }, false, "has no green alarms" },
        { "too few healthy targets", new Gate(GateKind.TargetHealth, Colour.Green, Count: 3), new GateEvidence { HealthyTargets = 2 }, false, "2 healthy target(s) of the 3" },
        { "health not readable", new Gate(GateKind.TargetHealth, Colour.Green, Count: 3), new GateEvidence(), false, "cannot be checked" },
        { "every target healthy", new Gate(GateKind.TargetHealth, Colour.Green, Count: 3), new GateEvidence { HealthyTargets = 3 }, true, "3 healthy green" },
        { "another release's smoke test", new Gate(GateKind.SmokeTest, Colour.Green, "1.5.0"), new GateEvidence { SmokePassedRelease = "1.4.9" }, false, "has not passed" },
        { "this release's smoke test", new Gate(GateKind.SmokeTest, Colour.Green, "1.5.0"), new GateEvidence { SmokePassedRelease = "1.5.0" }, true, "passed" },
        { "an unacknowledged rollback", new Gate(GateKind.AutomaticRollbackRecord), new GateEvidence { RollbackRecord = Record }, false, "nobody has acknowledged it" },
        { "no rollback on record", new Gate(GateKind.AutomaticRollbackRecord), new GateEvidence(), true, "no automatic rollback" },
        { "maintenance on", new Gate(GateKind.Maintenance), new GateEvidence { MaintenanceOn = true }, false, "maintenance mode is on" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_gate_judges_its_evidence(string what, Gate gate, GateEvidence evidence, bool passes, string reason)
    {
        var decision = MoveGates.Evaluate(gate, evidence, Settings(), Now);

        Assert.True(passes == decision.Passed, $"{what}: {decision.Reason}");
        Assert.Contains(reason, decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_acknowledged_rollback_no_longer_holds_and_a_rollback_is_never_gated_by_it()
    {
        var acknowledged = MoveGates.Evaluate(new Gate(GateKind.AutomaticRollbackRecord), new GateEvidence { RollbackRecord = Record }, Settings(Record.ExecutionId), Now);
        Assert.True(acknowledged.Passed);

        Assert.Empty(MoveGates.For(MoveKind.Rollback, Settings(), 3));
        Assert.Contains(MoveGates.For(MoveKind.Retire, Settings(), 0), g => g.Kind == GateKind.AutomaticRollbackRecord);
    }

    [Fact]
    public void Only_the_bake_the_alarms_and_target_health_can_be_forced()
    {
        Assert.Equal(
            [GateKind.Bake, GateKind.CriticalAlarms, GateKind.TargetHealth],
            Enum.GetValues<GateKind>().Where(k => new Gate(k).Forcible));
    }
}
