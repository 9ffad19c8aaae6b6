namespace BlueGreen.Release;

/// <summary>How one gate of a move came out.</summary>
public enum GateOutcome
{
    /// <summary>Its evidence says yes.</summary>
    Passed,

    /// <summary>Its evidence says no: the move is refused.</summary>
    Refused,

    /// <summary>Its evidence says no, but the file records why it may be passed (<c>ramp.forceReason</c>) and the gate
    /// is forcible: a warning, not a refusal.</summary>
    Forced,

    /// <summary>Its evidence is live state that was not read (no credentials): neither passed nor refused.</summary>
    NotRead,
}

/// <summary>One gate's outcome and why.</summary>
/// <param name="Gate">The gate.</param>
/// <param name="Outcome">How it came out.</param>
/// <param name="Reason">Why, in a sentence (the gate's own decision; for a gate not read, what it would read).</param>
/// <param name="EarliestAt">When it would pass, if only time stands in the way.</param>
public sealed record GateResult(Gate Gate, GateOutcome Outcome, string Reason, DateTimeOffset? EarliestAt = null)
{
    /// <summary>Warning alarms of the colour in ALARM (the alarm gate only): shown, never holding the move.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

/// <summary>
/// The verdict on a stack file as a move over what is deployed: the plan <see cref="ReleaseMoves.FromDeployed"/>
/// makes of it, an unacknowledged automatic rollback it would undo, and each of the plan's gates judged with
/// <see cref="MoveGates.Evaluate"/> — on live evidence where it was read (<c>ramp verify</c>, <c>ramp verdict
/// --live</c>), or only where the file itself is the evidence (a pull request without the preview role).
/// </summary>
/// <param name="Plan">The move the file makes.</param>
/// <param name="Gates">Each of the plan's gates, in order; empty when the plan is refused.</param>
public sealed record MoveVerdict(MovePlan Plan, IReadOnlyList<GateResult> Gates)
{
    /// <summary>Why the file would undo an automatic rollback nobody acknowledged (<see cref="AutomaticRollbackRecord.Refusal"/>), or null.</summary>
    public string? UndoesAutomaticRollback { get; init; }

    /// <summary>The first reason the move may not be made: the automatic rollback, the plan, then the first refused gate; null when it may.</summary>
    public string? Refusal => UndoesAutomaticRollback ?? Plan.Refusal ?? RefusedGate?.Reason;

    /// <summary>Whether the move is refused.</summary>
    public bool IsRefused => Refusal is not null;

    /// <summary>The first gate that refused, or null.</summary>
    public GateResult? RefusedGate => Gates.FirstOrDefault(g => g.Outcome == GateOutcome.Refused);

    /// <summary>When the move could be made, if only time stands in the way.</summary>
    public DateTimeOffset? EarliestAt => UndoesAutomaticRollback is null ? Plan.EarliestAt ?? RefusedGate?.EarliestAt : null;

    /// <summary>
    /// The verdict on <paramref name="proposed"/> over <paramref name="deployed"/>. With <paramref name="evidence"/>
    /// (the live state each gate names, as <c>ramp verify</c> reads it) every gate is judged; without it (offline)
    /// only the gates whose evidence is the file (<see cref="Gate.NeedsLiveState"/>), the others are not read.
    /// A rollback is never refused: its plan has no gates, and it gives the rolled-back colour no weight.
    /// </summary>
    public static MoveVerdict Of(StackSettings proposed, DeployedRamp? deployed, GateEvidence? evidence, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(proposed);
        var plan = ReleaseMoves.FromDeployed(proposed, deployed, now);
        var gates = plan.IsRefused ? [] : Judge(plan, evidence, proposed, now, deployed);
        return new MoveVerdict(plan, gates)
        {
            UndoesAutomaticRollback = evidence?.RollbackRecord?.Refusal(proposed),
            Move = Describe(plan, proposed, deployed),
        };
    }

    /// <summary>The move in words: the plan's own description, or for a refused plan what the file tried
    /// ("step 0 → 2", "promotion of green"), so a refusal still says what it refuses.</summary>
    public string Move { get; init; } = "";

    private static string Describe(MovePlan plan, StackSettings proposed, DeployedRamp? deployed)
    {
        if (plan.Description.Length > 0)
        {
            return plan.Description;
        }

        var steps = deployed is null ? "" : $"step {deployed.Step} → {proposed.Ramp.Step}";
        return plan.Kind switch
        {
            MoveKind.Next => steps,
            MoveKind.Start => $"a new release with traffic ({steps})",
            MoveKind.Promote => $"promotion of {proposed.Release.Live.ConfigName()} ({steps})",
            MoveKind.Retire => $"retirement of {proposed.Release.Live.Other().ConfigName()}",
            _ => steps,
        };
    }

    /// <summary>
    /// Judges every gate of <paramref name="plan"/>: a gate whose evidence says no is refused, unless the plan is
    /// forced (<c>ramp.forceReason</c>) and the gate <see cref="Gate.Forcible"/>: then it is forced, a warning. Without
    /// <paramref name="evidence"/>, a gate that needs the live state is not read — except the bake when
    /// <paramref name="deployed"/> is a base file (<see cref="DeployedRamp.StepSetInFileAt"/>): a step that has not baked
    /// even by the file's time has not baked by its apply's either, so that much is refused offline.
    /// </summary>
    public static IReadOnlyList<GateResult> Judge(MovePlan plan, GateEvidence? evidence, StackSettings settings, DateTimeOffset now, DeployedRamp? deployed = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(settings);
        var fileOnly = new GateEvidence { MaintenanceOn = settings.Maintenance.Enabled };
        List<GateResult> results = [];
        foreach (var gate in plan.Gates)
        {
            var forced = plan.ForceReason is not null && gate.Forcible;
            if (evidence is null && gate.Kind == GateKind.Bake && ShortOfBakeByTheFile(gate, deployed, settings, now) is { } unbaked)
            {
                results.Add(new GateResult(gate, forced ? GateOutcome.Forced : GateOutcome.Refused, unbaked.Reason, unbaked.EarliestAt));
                continue;
            }

            if (evidence is null && gate.NeedsLiveState)
            {
                results.Add(new GateResult(gate, GateOutcome.NotRead, forced
                    ? $"{gate.Reads}; if it refuses, {ConfigKeys.Full(ConfigKeys.RampForceReason)} passes it: {plan.ForceReason}"
                    : gate.Reads));
                continue;
            }

            var read = evidence ?? fileOnly;
            var decision = MoveGates.Evaluate(gate, read, settings, now);
            var warnings = gate.Kind == GateKind.CriticalAlarms
                ? AlarmGate.Evaluate(gate.Colour!.Value, read.Alarms ?? []).Warnings.Select(w => w.Name).ToList()
                : [];
            var outcome = decision.Passed ? GateOutcome.Passed : forced ? GateOutcome.Forced : GateOutcome.Refused;
            results.Add(new GateResult(gate, outcome, decision.Reason, decision.EarliestAt) { Warnings = warnings });
        }

        return results;
    }

    /// <summary>The bake gate judged on the base file's step time, when that alone refuses it; null otherwise.</summary>
    private static GateDecision? ShortOfBakeByTheFile(Gate gate, DeployedRamp? deployed, StackSettings settings, DateTimeOffset now)
    {
        if (deployed?.StepSetInFileAt is not { } setAt)
        {
            return null;
        }

        var byFile = MoveGates.Evaluate(gate, new GateEvidence { Deployed = deployed with { UpdatedAt = setAt } }, settings, now);
        return byFile.Passed
            ? null
            : byFile with { Reason = $"{byFile.Reason} (by the base file's {ConfigKeys.Full(ConfigKeys.RampStepSetAt)}; its apply finished no earlier)" };
    }
}
