namespace BlueGreen.Release;

/// <summary>The gates a move can need. Each reads one small piece of live state (<see cref="GateEvidence"/>).</summary>
public enum GateKind
{
    /// <summary>The deployed step has baked since its update finished (input: <see cref="GateEvidence.Deployed"/>).</summary>
    Bake,

    /// <summary>No critical alarm of the colour at risk in ALARM or without data (input: <see cref="GateEvidence.Alarms"/>).</summary>
    CriticalAlarms,

    /// <summary>The new colour's target group has its replica count of healthy targets (input: <see cref="GateEvidence.HealthyTargets"/>).</summary>
    TargetHealth,

    /// <summary>The release's smoke test passed in the deployed stack (input: <see cref="GateEvidence.SmokePassedRelease"/>).</summary>
    SmokeTest,

    /// <summary>No unacknowledged automatic rollback (input: <see cref="GateEvidence.RollbackRecord"/>).</summary>
    AutomaticRollbackRecord,

    /// <summary>Maintenance mode is off: a bake without traffic proves nothing (input: <see cref="GateEvidence.MaintenanceOn"/>).</summary>
    Maintenance,
}

/// <summary>
/// One gate of a move plan: what it judges and the colour it judges, named from the phase (<see cref="ReleasePhase.AtRisk"/>).
/// </summary>
/// <param name="Kind">What the gate checks.</param>
/// <param name="Colour">The colour it judges; null for a gate of the whole stack.</param>
/// <param name="Release">The release it judges (the smoke test's tag), when it judges one.</param>
/// <param name="Count">The healthy targets needed (target health), or the deployed step (bake).</param>
public sealed record Gate(GateKind Kind, Colour? Colour = null, string? Release = null, int Count = 0)
{
    /// <summary>Whether <c>--force --reason</c> (a recorded override, <c>ramp.forceReason</c>) passes it: the
    /// bake, the alarms and the target health only. The smoke test, an unacknowledged automatic rollback and
    /// maintenance mode are never forced: each says the colour is not fit to take traffic at all.</summary>
    public bool Forcible => Kind is GateKind.Bake or GateKind.CriticalAlarms or GateKind.TargetHealth;

    /// <summary>Whether its evidence is live state (pulumi's outputs and history, CloudWatch, the target group, the
    /// smoke Job, the SSM record); only maintenance mode is judged on the file itself.</summary>
    public bool NeedsLiveState => Kind != GateKind.Maintenance;

    /// <summary>What live state the gate reads, for a verdict that could not read it.</summary>
    public string Reads => Kind switch
    {
        GateKind.Bake => $"the bake of the deployed step {Count}, counted from when its update finished (pulumi stack history)",
        GateKind.CriticalAlarms => $"the critical {Colour?.ConfigName()} alarms' states (CloudWatch)",
        GateKind.TargetHealth => $"{Colour?.ConfigName()}'s healthy targets, {Count} needed (the target group)",
        GateKind.SmokeTest => $"whether the smoke test of {Release} passed in the deployed stack (its Job)",
        GateKind.AutomaticRollbackRecord => "the automatic-rollback record (SSM)",
        _ => "maintenance mode (the file)",
    };

    /// <summary>The gate's name for messages, e.g. "critical green alarms".</summary>
    public string Name => Kind switch
    {
        GateKind.Bake => $"bake (step {Count})",
        GateKind.CriticalAlarms => $"critical {Colour?.ConfigName()} alarms",
        GateKind.TargetHealth => $"{Colour?.ConfigName()} target health",
        GateKind.SmokeTest => $"smoke test of {Release}",
        GateKind.AutomaticRollbackRecord => "automatic-rollback record",
        _ => "maintenance mode",
    };
}

/// <summary>
/// The live state the gates read, one small value per gate; null where it was not read (offline, no
/// credentials, a dry run). The readers that fill it belong to the CLI; what each value means belongs here.
/// </summary>
public sealed record GateEvidence
{
    /// <summary>What is deployed (the stack's outputs) and when its last update finished (stack history).</summary>
    public DeployedRamp? Deployed { get; init; }

    /// <summary>The alarm states of the colour the plan's alarm gate names.</summary>
    public IReadOnlyList<AlarmReading>? Alarms { get; init; }

    /// <summary>Healthy targets in the target group of the colour the plan's health gate names.</summary>
    public int? HealthyTargets { get; init; }

    /// <summary>The release whose smoke test passed in the deployed stack.</summary>
    public string? SmokePassedRelease { get; init; }

    /// <summary>The automatic-rollback record; null when there is none or it was not read here (no credentials:
    /// issue 18 makes the read required where the apply happens).</summary>
    public AutomaticRollbackRecord? RollbackRecord { get; init; }

    /// <summary>Whether maintenance mode is on (the listener's fixed 503 rule).</summary>
    public bool? MaintenanceOn { get; init; }
}
