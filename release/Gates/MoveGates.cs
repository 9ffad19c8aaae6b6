namespace BlueGreen.Release;

/// <summary>
/// The gates of each move and how each judges its evidence: one place for the CLI (<c>next</c>, <c>promote</c>,
/// <c>retire</c>, <c>start</c>), <c>watch</c> and CI (<c>ramp verify</c>), which only read the evidence a plan's
/// gates name and carry out the answer.
/// </summary>
public static class MoveGates
{
    /// <summary>
    /// The gates of <paramref name="kind"/> on <paramref name="settings"/> (the file before a CLI move, or the
    /// proposed file in <c>verify</c>: both name the same colour, <see cref="ReleasePhase.AtRisk"/>).
    /// <paramref name="fromStep"/> is the step the move leaves.
    /// </summary>
    public static IReadOnlyList<Gate> For(MoveKind kind, StackSettings settings, int fromStep)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var atRisk = settings.Phase.AtRisk;
        var record = new Gate(GateKind.AutomaticRollbackRecord);
        switch (kind)
        {
            case MoveKind.Next:
                var ramping = atRisk!.Value;
                var release = settings.ReleaseOf(ramping);
                List<Gate> next = [record, new Gate(GateKind.Maintenance), new Gate(GateKind.Bake, Count: fromStep), new Gate(GateKind.CriticalAlarms, ramping)];
                if (fromStep == 0)
                {
                    next.Add(new Gate(GateKind.TargetHealth, ramping, Count: release.Replicas));
                    if (settings.Smoke is not null && release.ImageTag is { } tag)
                    {
                        next.Add(new Gate(GateKind.SmokeTest, ramping, tag));
                    }
                }

                return next;
            case MoveKind.Promote:
                return [record, new Gate(GateKind.Maintenance), new Gate(GateKind.Bake, Count: fromStep), new Gate(GateKind.CriticalAlarms, atRisk!.Value)];
            case MoveKind.Start:
            case MoveKind.Retire:
                return [record];
            default:
                return []; // a rollback is never refused; a change that moves no traffic has nothing to gate
        }
    }

    /// <summary>
    /// Judges <paramref name="gate"/> on <paramref name="evidence"/> for <paramref name="settings"/> (the file as it
    /// would be applied) at <paramref name="now"/>. Missing evidence holds the gate, except where the offline
    /// check stands in (the bake, checked on <c>ramp.stepSetAt</c> by the move when nothing deployed is known).
    /// </summary>
    public static GateDecision Evaluate(Gate gate, GateEvidence evidence, StackSettings settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(gate);
        ArgumentNullException.ThrowIfNull(evidence);
        ArgumentNullException.ThrowIfNull(settings);
        return gate.Kind switch
        {
            GateKind.Bake => Baked(gate, evidence.Deployed, settings.Ramp.Schedule, now),
            GateKind.CriticalAlarms => Alarms(gate, evidence.Alarms, takesTraffic: evidence.Deployed is null || evidence.Deployed.Step > 0),
            GateKind.TargetHealth => Healthy(gate, evidence.HealthyTargets),
            GateKind.SmokeTest => Smoked(gate, evidence.SmokePassedRelease),
            GateKind.AutomaticRollbackRecord => Acknowledged(evidence.RollbackRecord, settings),
            _ => evidence.MaintenanceOn == true
                ? GateDecision.Block(
                    $"maintenance mode is on ({ConfigKeys.Full(ConfigKeys.MaintenanceEnabled)}): every request gets the fixed 503, so a bake now " +
                    "proves nothing about the new colour; turn it off in a reviewed change first")
                : GateDecision.Pass("maintenance mode is off"),
        };
    }

    private static GateDecision Baked(Gate gate, DeployedRamp? deployed, RampSchedule schedule, DateTimeOffset now)
    {
        if (deployed is null)
        {
            return GateDecision.Pass("what is deployed was not read; the bake was checked on the file's step time");
        }

        var step = schedule[Math.Min(deployed.Step, schedule.LastIndex)];
        var bake = step.Bake;
        if (deployed.UpdatedAt is not { } updated)
        {
            return GateDecision.Block(
                $"when the deployed step {deployed.Step} was applied is unknown (no successful update in the stack's history), so its bake cannot be checked");
        }

        var ready = step.BakedAt(updated);
        return now >= ready
            ? GateDecision.Pass($"step {deployed.Step} has baked {DurationText.Format(bake)} since its update finished at {UtcTimestamp.Format(updated)}")
            : GateDecision.WaitUntil(ready, $"step {deployed.Step} was applied at {UtcTimestamp.Format(updated)} and bakes {DurationText.Format(bake)}");
    }

    private static GateDecision Alarms(Gate gate, IReadOnlyList<AlarmReading>? readings, bool takesTraffic)
    {
        var colour = gate.Colour!.Value;
        if (readings is null || readings.Count == 0)
        {
            return GateDecision.Block(
                $"'pulumi stack output {StackContract.Outputs.AlarmNames}' has no {colour.ConfigName()} alarms, so the alarm gate cannot be checked (is the stack deployed?)");
        }

        var decision = AlarmGate.Evaluate(colour, readings, takesTraffic);
        return decision.Passed
            ? GateDecision.Pass($"{decision.Reason} ({readings.Count} checked)")
            : GateDecision.Block(decision.Reason);
    }

    private static GateDecision Healthy(Gate gate, int? healthy)
    {
        var colour = gate.Colour!.Value.ConfigName();
        if (healthy is not { } count)
        {
            return GateDecision.Block($"the stack's outputs have no {colour} target group, so its health cannot be checked (is the stack deployed?)");
        }

        return count >= gate.Count
            ? GateDecision.Pass($"{count} healthy {colour} target(s), {gate.Count} needed")
            : GateDecision.Block(
                $"{colour}'s target group has {count} healthy target(s) of the {gate.Count} its replicas should give; " +
                "the first traffic step waits until every pod is registered and healthy (aws elbv2 describe-target-health)");
    }

    private static GateDecision Smoked(Gate gate, string? passedRelease) => passedRelease == gate.Release
        ? GateDecision.Pass($"the smoke test of {gate.Release} passed in the deployed stack")
        : GateDecision.Block(
            $"the smoke test of {gate.Release} has not passed in the deployed stack (outputs {StackContract.Outputs.SmokeRelease}/{StackContract.Outputs.SmokePassed}), so " +
            $"{gate.Colour?.ConfigName()} takes no traffic yet; run 'pulumi up' of step 0 until the Job succeeds, " +
            $"or unset {ConfigKeys.Full(ConfigKeys.SmokeCommand)} in a reviewed change to go on without one");

    private static GateDecision Acknowledged(AutomaticRollbackRecord? record, StackSettings settings) =>
        record is null || record.IsAcknowledgedBy(settings)
            ? GateDecision.Pass(record is null ? "no automatic rollback on record" : $"the automatic rollback of execution {record.ExecutionId} is acknowledged")
            : GateDecision.Block(
                $"nobody has acknowledged it: {record.Describe()}; " +
                $"run 'ramp rollback --stack {settings.StackName}' (it writes the rolled-back state and {ConfigKeys.Full(ConfigKeys.RollbackAcknowledged)}) before any move forward");
}
