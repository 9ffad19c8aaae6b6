namespace BlueGreen.Release;

/// <summary>The move a proposed file makes over what is deployed: what <c>ramp verify</c> checks in CI.</summary>
public static partial class ReleaseMoves
{
    /// <summary>
    /// The plan of the change from <paramref name="deployed"/> to <paramref name="proposed"/>, judged against what is
    /// deployed rather than what the file says: the same moves and the same gates (<see cref="MoveGates.For"/>) as
    /// the CLI's. A new release enters at 0 % (step 0) whatever else the edit changes; a forward move goes exactly
    /// one step; a promotion leaves the last step; a retirement waits for the stabilization window; a rollback is
    /// never refused. Refusals here need no live state beyond <paramref name="deployed"/>; the gates do.
    /// </summary>
    public static MovePlan FromDeployed(StackSettings proposed, DeployedRamp? deployed, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(proposed);
        if (deployed is null)
        {
            return new MovePlan(MoveKind.FirstDeploy, null, null) { Description = "nothing is deployed yet to compare with" };
        }

        if (NewReleaseWithTraffic(proposed, deployed) is { } unramped)
        {
            return MovePlan.Refuse(MoveKind.Start, unramped);
        }

        var forced = proposed.Ramp.ForceReason;
        if (proposed.Release.Live != deployed.Live)
        {
            return LiveChanged(proposed, deployed, forced);
        }

        var changed = Colours.All.Where(c => proposed.ReleaseOf(c).ImageTag != deployed.ReleaseOf(c)).ToList();
        if (changed.Count > 0)
        {
            return new MovePlan(MoveKind.Start, null, null)
            {
                Gates = MoveGates.For(MoveKind.Start, proposed, deployed.Step),
                Description = $"start of {string.Join(", ", changed.Select(c => $"{proposed.ReleaseOf(c).ImageTag} on {c.ConfigName()}"))} at step 0",
            };
        }

        if (proposed.Release.Retired is { } retired && retired != deployed.Retired)
        {
            return Retirement(proposed, now);
        }

        var step = proposed.Ramp.Step;
        if (step < deployed.Step)
        {
            return new MovePlan(MoveKind.Rollback, null, null) { Description = $"a rollback (step {deployed.Step} → {step}) always passes" };
        }

        if (step == deployed.Step)
        {
            return new MovePlan(MoveKind.NoTrafficChange, null, null) { Description = "no traffic moves forward" };
        }

        if (step > deployed.Step + 1)
        {
            return MovePlan.Refuse(
                MoveKind.Next,
                $"the file jumps from the deployed step {deployed.Step} to step {step}; the ramp moves one step at a time " +
                $"(set {ConfigKeys.Full(ConfigKeys.RampStep)}: {deployed.Step + 1}, or use 'ramp next')");
        }

        return new MovePlan(MoveKind.Next, null, null)
        {
            Gates = MoveGates.For(MoveKind.Next, proposed, deployed.Step),
            Description = $"step {deployed.Step} → {step}",
            ForceReason = forced,
        };
    }

    /// <summary>
    /// Why the proposed file gives traffic to a release that is not the deployed one, or null. A change of release
    /// goes through step 0, so the one-step rule, the bake, the smoke test and target health apply to the release
    /// being ramped, whatever else the edit changes.
    /// </summary>
    private static string? NewReleaseWithTraffic(StackSettings proposed, DeployedRamp deployed)
    {
        foreach (var colour in Colours.All)
        {
            var tag = proposed.ReleaseOf(colour).ImageTag;
            var weight = proposed.Split.WeightOf(colour);
            if (tag is not null && tag != deployed.ReleaseOf(colour) && weight > 0)
            {
                return $"{tag} is not deployed yet on {colour.ConfigName()} (the deployed release there is {deployed.ReleaseOf(colour) ?? "none"}), " +
                       $"but the file gives it {weight} %: a new release enters at step 0 (0 %) and is applied there first " +
                       "('ramp start --version TAG'), so its smoke test, target health and bake are checked before it takes traffic";
            }
        }

        return null;
    }

    /// <summary>The live colour changes: a promotion from the last step, or a rollback (of a promotion, or to the live colour).</summary>
    private static MovePlan LiveChanged(StackSettings proposed, DeployedRamp deployed, string? forced)
    {
        var schedule = proposed.Ramp.Schedule;
        var newLive = proposed.Release.Live;
        if (proposed.Phase.Kind == ReleasePhaseKind.Stabilizing || deployed.Step > 0)
        {
            if (deployed.Step != schedule.LastIndex)
            {
                return MovePlan.Refuse(
                    MoveKind.Promote,
                    $"the file makes {newLive.ConfigName()} live from the deployed step {deployed.Step}; a promotion leaves the last step " +
                    $"{schedule.LastIndex} (100 %) after its bake ('ramp next', then 'ramp promote')");
            }

            return new MovePlan(MoveKind.Promote, null, null)
            {
                Gates = MoveGates.For(MoveKind.Promote, proposed, deployed.Step),
                Description = $"promotion of {newLive.ConfigName()}",
                ForceReason = forced,
            };
        }

        return new MovePlan(MoveKind.Rollback, null, null)
        {
            Description = $"all traffic back to {newLive.ConfigName()}: a rollback always passes",
        };
    }

    /// <summary>The old colour is retired: only after the stabilization window, and only behind an acknowledged record.</summary>
    private static MovePlan Retirement(StackSettings proposed, DateTimeOffset now)
    {
        var live = proposed.Release.Live;
        var gate = RetirementGate.Evaluate(live, proposed.Split, proposed.Release.PromotedAt, proposed.Release.StabilizationWindow, now);
        return gate.Passed
            ? new MovePlan(MoveKind.Retire, null, null)
            {
                Gates = MoveGates.For(MoveKind.Retire, proposed, proposed.Ramp.Step),
                Description = $"retirement of {live.Other().ConfigName()}",
            }
            : MovePlan.Refuse(MoveKind.Retire, gate.Reason, gate.EarliestAt);
    }
}
