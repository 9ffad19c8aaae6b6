namespace BlueGreen.Release;

/// <summary>What is deployed, as the stack's outputs say: the live colour, the step and each colour's release.</summary>
/// <param name="Live">The live colour.</param>
/// <param name="Step">The ramp step.</param>
/// <param name="BlueRelease">Blue's image tag, or null when retired.</param>
/// <param name="GreenRelease">Green's image tag, or null when retired.</param>
/// <param name="UpdatedAt">When the last successful update finished (<c>pulumi stack history</c>): the
/// deployed step's bake counts from there, not from when the file was written.</param>
public sealed record DeployedRamp(Colour Live, int Step, string? BlueRelease, string? GreenRelease, DateTimeOffset? UpdatedAt)
{
    /// <summary>The release whose smoke Job passed in the live state (its own label and Complete condition,
    /// <see cref="SmokeJobState"/>), or null.</summary>
    public string? SmokePassedRelease { get; init; }
}

/// <summary>The apply-time gate's answer.</summary>
/// <param name="Passed">Whether the proposed file may be applied.</param>
/// <param name="Reason">Why, for the log and the PR.</param>
/// <param name="NeedsAlarmGate">Whether the move advances traffic, so the caller must also check the alarms of the ramping colour.</param>
/// <param name="EarliestAt">When it could pass, if only the bake stands in the way.</param>
public sealed record ApplyGateDecision(bool Passed, string Reason, bool NeedsAlarmGate = false, DateTimeOffset? EarliestAt = null);

/// <summary>
/// The gates the CLI applies, checked again where the change is applied (<c>ramp verify</c> in the apply
/// workflow, before <c>pulumi up</c>), against what is deployed rather than what the file says: a forward
/// move goes exactly one step, after the deployed step has baked from when its update finished; a promotion
/// needs the last step baked; a rollback always passes. A hand-edited jump is refused before anything is applied.
/// </summary>
public static class ApplyGate
{
    /// <summary>Decides whether <paramref name="proposed"/> may be applied over <paramref name="deployed"/> at <paramref name="now"/>.</summary>
    public static ApplyGateDecision Evaluate(StackSettings proposed, DeployedRamp? deployed, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(proposed);
        if (deployed is null)
        {
            return new ApplyGateDecision(true, "nothing is deployed yet to compare with");
        }

        var schedule = proposed.Ramp.Schedule;
        var sameReleases = proposed.Blue.ImageTag == deployed.BlueRelease && proposed.Green.ImageTag == deployed.GreenRelease;
        if (proposed.Release.Live == deployed.Live)
        {
            if (NewReleaseWithWeight(proposed, deployed) is { } refusal)
            {
                return refusal;
            }

            if (!sameReleases || proposed.Ramp.Step <= deployed.Step)
            {
                return new ApplyGateDecision(true, proposed.Ramp.Step < deployed.Step
                    ? $"a rollback (step {deployed.Step} → {proposed.Ramp.Step}) always passes"
                    : "no traffic moves forward");
            }

            if (proposed.Ramp.Step > deployed.Step + 1)
            {
                return new ApplyGateDecision(false,
                    $"the file jumps from the deployed step {deployed.Step} to step {proposed.Ramp.Step}; the ramp moves one step at a time " +
                    $"(set {ConfigKeys.Full(ConfigKeys.RampStep)}: {deployed.Step + 1}, or use 'ramp next')");
            }

            if (deployed.Step == 0 && SmokeTestRefusal(proposed, deployed) is { } smoke)
            {
                return smoke;
            }

            return Forced(proposed) ?? Baked(deployed, schedule, now, $"step {deployed.Step} → {proposed.Ramp.Step}");
        }

        // The live colour changes: a promotion of the ramped colour from the last step, or a rollback of one.
        if (deployed.Step == schedule.LastIndex && sameReleases)
        {
            return Forced(proposed) ?? Baked(deployed, schedule, now, $"promotion of {proposed.Release.Live.ConfigName()}");
        }

        return new ApplyGateDecision(true, $"all traffic back to {proposed.Release.Live.ConfigName()}: a rollback always passes");
    }

    /// <summary>
    /// The first traffic step needs the release's smoke test to have passed in the deployed stack. Not even a
    /// forced step passes it: to go on without a smoke test, unset <c>smoke.command</c> in a reviewed change.
    /// </summary>
    public static ApplyGateDecision? SmokeTestRefusal(StackSettings proposed, DeployedRamp deployed)
    {
        ArgumentNullException.ThrowIfNull(proposed);
        ArgumentNullException.ThrowIfNull(deployed);
        var release = proposed.ReleaseOf(proposed.NewColour).ImageTag;
        if (proposed.Smoke is null || release is null || deployed.SmokePassedRelease == release)
        {
            return null;
        }

        return new ApplyGateDecision(false,
            $"the smoke test of {release} has not passed in the deployed stack (its smoke Job in the live state is missing, running or failed), so " +
            $"{proposed.NewColour.ConfigName()} takes no traffic yet; run 'pulumi up' of step 0 until the Job succeeds (a failed smoke Job is re-run by it), " +
            $"or unset {ConfigKeys.Full(ConfigKeys.SmokeCommand)} in a reviewed change to go on without one");
    }

    /// <summary>
    /// A release the deployed stack does not run yet starts at weight 0: its first weight above 0 waits for its smoke
    /// Job, which waits for its pods, whose readiness gate waits for its target group to be attached — by the
    /// weight-0 entry of that same listener update. In one apply that deadlocks (ReleaseStepRules.WeightsWaitForSmoke).
    /// </summary>
    public static ApplyGateDecision? NewReleaseWithWeight(StackSettings proposed, DeployedRamp deployed)
    {
        ArgumentNullException.ThrowIfNull(proposed);
        ArgumentNullException.ThrowIfNull(deployed);
        var colour = proposed.NewColour;
        var release = proposed.ReleaseOf(colour).ImageTag;
        var deployedRelease = colour == Colour.Blue ? deployed.BlueRelease : deployed.GreenRelease;
        return proposed.Split.WeightOf(colour) > 0 && release is not null && release != deployedRelease
            ? new ApplyGateDecision(false,
                $"{release} is not deployed yet and the file gives it {proposed.Split.WeightOf(colour)} %; a release starts at step 0 " +
                $"({ConfigKeys.Full(ConfigKeys.RampStep)}: 0, or 'ramp start --version {release}'), and takes weight once its smoke test passed")
            : null;
    }

    /// <summary>A step taken past its gates with a recorded reason passes the bake and alarm gates (only this step).</summary>
    private static ApplyGateDecision? Forced(StackSettings proposed) => proposed.Ramp.ForceReason is { } reason
        ? new ApplyGateDecision(true, $"forced past the bake and alarm gates: {reason} ({ConfigKeys.Full(ConfigKeys.RampForceReason)})")
        : null;

    private static ApplyGateDecision Baked(DeployedRamp deployed, RampSchedule schedule, DateTimeOffset now, string move)
    {
        var bake = schedule[Math.Min(deployed.Step, schedule.LastIndex)].Bake;
        if (deployed.UpdatedAt is not { } updated)
        {
            return new ApplyGateDecision(false, $"{move}: when the deployed step {deployed.Step} was applied is unknown (no successful update in the stack's history), so its bake cannot be checked");
        }

        var ready = updated + bake;
        return now >= ready
            ? new ApplyGateDecision(true, $"{move}: step {deployed.Step} has baked {DurationText.Format(bake)} since its update finished at {UtcTimestamp.Format(updated)}", NeedsAlarmGate: true)
            : new ApplyGateDecision(false, $"{move}: step {deployed.Step} was applied at {UtcTimestamp.Format(updated)} and bakes {DurationText.Format(bake)}", EarliestAt: ready);
    }
}
