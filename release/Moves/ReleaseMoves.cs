namespace BlueGreen.Release;

/// <summary>
/// What each release move (start, next, rollback, promote, retire) changes in the stack config, or why it
/// may not: pure decisions on validated settings and a time, with no I/O, read from the release phase
/// (<see cref="ReleasePhase"/>). Each returns a <see cref="MovePlan"/> with the gates that need the live state
/// (<see cref="MoveGates.For"/>); the caller reads their evidence. <see cref="FromDeployed"/> derives the same plan
/// from what is deployed and the proposed file, for <c>ramp verify</c>.
/// </summary>
public static partial class ReleaseMoves
{
    /// <summary><c>start --version TAG</c>: the idle colour gets the tag, at step 0 from now.</summary>
    public static MovePlan Start(StackSettings settings, string tag, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentException.ThrowIfNullOrWhiteSpace(tag);
        var live = settings.Release.Live;
        var idle = settings.OtherColour;
        var ramp = settings.Ramp;
        if (settings.RampInProgress)
        {
            return MovePlan.Refuse(
                MoveKind.Start,
                $"a ramp is in progress: {idle.ConfigName()} is at step {ramp.Step} ({ramp.CurrentStep.PercentToNew} %); " +
                "run 'rollback' or finish it with 'next' and 'promote' before starting another release");
        }

        if (settings.ReleaseOf(live).ImageTag == tag)
        {
            return MovePlan.Refuse(
                MoveKind.Start,
                $"{tag} is already the live colour's tag ({ConfigKeys.Full(ConfigKeys.ImageTag(live))}); a release needs a different image");
        }

        if (settings.Phase.Kind != ReleasePhaseKind.Ramping && settings.Release.Retired != idle && settings.Release.PromotedAt is { } promoted
            && settings.Release.StableAt is { } stableAt && now < stableAt)
        {
            return MovePlan.Refuse(
                MoveKind.Start,
                $"{idle.ConfigName()} is the rollback target of the promotion at {UtcTimestamp.Format(promoted)} until the " +
                $"{DurationText.Format(settings.Release.StabilizationWindow)} stabilization window ends at {UtcTimestamp.Format(stableAt)}; " +
                "starting a release now would replace it",
                stableAt);
        }

        // A release replaced before it is retired keeps its restore point: it is archived like a retired one.
        var replaced = ArchivePlans.Replaced(settings, tag, now);
        var archive = replaced is null ? [] : new[] { ArchivePlans.Add(settings.Archive, replaced) };
        var migration = MigrationPlans.ForStart(settings, tag);
        return MovePlan.Allow(MoveKind.Start, new PlannedChange(
            [
                ConfigEdit.Quoted(ConfigKeys.ImageTag(idle), tag),
                ConfigEdit.Plain(ConfigKeys.ReleaseRetired, "none"),
                ConfigEdit.Number(ConfigKeys.RampStep, 0),
                ConfigEdit.Time(ConfigKeys.RampStepSetAt, now),
                .. archive,
                .. migration is null ? [] : new[] { migration.Value.Edit },
            ],
            $"release {tag} on {idle.ConfigName()} at step 0 (0 %; reachable through the test route), {live.ConfigName()} stays live" +
            (replaced is null ? "" : $"; {replaced.Version} is archived with its snapshot (archive.releases)") +
            (migration is null ? "" : $"; {migration.Value.Summary}"))) with
        {
            Gates = MoveGates.For(MoveKind.Start, settings, ramp.Step),
            Description = $"start of {tag} on {idle.ConfigName()}",
        };
    }

    /// <summary><c>next</c>: one step up, once the current step has baked (the alarm gate is the caller's).</summary>
    public static MovePlan Next(StackSettings settings, DateTimeOffset now, string? forceReason = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (RequireRelease(settings, MoveKind.Next, "advance") is { } notRamping)
        {
            return notRamping;
        }

        var ramp = settings.Ramp;
        if (ramp.Step == ramp.Schedule.LastIndex)
        {
            return MovePlan.Refuse(
                MoveKind.Next,
                $"{settings.OtherColour.ConfigName()} is at the last step ({ramp.CurrentStep.PercentToNew} %); run 'promote' to make it live");
        }

        if (forceReason is null && RequireBaked(settings, MoveKind.Next, now) is { } baking)
        {
            return baking;
        }

        var next = ramp.Schedule[ramp.Step + 1];
        return MovePlan.Allow(MoveKind.Next, new PlannedChange(
            [ConfigEdit.Number(ConfigKeys.RampStep, next.Index), ConfigEdit.Time(ConfigKeys.RampStepSetAt, now), .. ForceEdits(settings, forceReason)],
            $"step {ramp.Step} → {next.Index}: {settings.OtherColour.ConfigName()} {ramp.CurrentStep.PercentToNew} % → {next.PercentToNew} %" + Forced(forceReason))) with
        {
            Gates = MoveGates.For(MoveKind.Next, settings, ramp.Step),
            Description = $"step {ramp.Step} → {next.Index}",
            ForceReason = forceReason,
        };
    }

    /// <summary><c>promote</c>: at the last step, once it has baked, the new colour becomes live.</summary>
    public static MovePlan Promote(StackSettings settings, DateTimeOffset now, string? forceReason = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (RequireRelease(settings, MoveKind.Promote, "promote") is { } notRamping)
        {
            return notRamping;
        }

        var ramp = settings.Ramp;
        if (ramp.Step != ramp.Schedule.LastIndex)
        {
            return MovePlan.Refuse(
                MoveKind.Promote,
                $"{settings.OtherColour.ConfigName()} is at step {ramp.Step} ({ramp.CurrentStep.PercentToNew} %); " +
                $"promotion needs the last step {ramp.Schedule.LastIndex} (100 %): run 'next'");
        }

        if (forceReason is null && RequireBaked(settings, MoveKind.Promote, now) is { } baking)
        {
            return baking;
        }

        var promoted = settings.Phase.AtRisk!.Value;
        return MovePlan.Allow(MoveKind.Promote, new PlannedChange(
            [
                ConfigEdit.Plain(ConfigKeys.ReleaseLive, promoted.ConfigName()),
                ConfigEdit.Number(ConfigKeys.RampStep, 0),
                ConfigEdit.Time(ConfigKeys.ReleasePromotedAt, now),
                .. ForceEdits(settings, forceReason),
            ],
            $"promote {promoted.ConfigName()} ({settings.ReleaseOf(promoted).ImageTag}): it becomes live with 100 %; " +
            $"{settings.Release.Live.ConfigName()} stays deployed as the rollback target for {DurationText.Format(settings.Release.StabilizationWindow)}" + Forced(forceReason))) with
        {
            Gates = MoveGates.For(MoveKind.Promote, settings, ramp.Step),
            Description = $"promotion of {promoted.ConfigName()}",
            ForceReason = forceReason,
        };
    }

    /// <summary><c>retire</c>: after the stabilization window, the old colour is torn down.</summary>
    public static MovePlan Retire(StackSettings settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var live = settings.Release.Live;
        var old = live.Other();
        if (settings.Release.Retired == old)
        {
            return MovePlan.Refuse(MoveKind.Retire, $"{old.ConfigName()} is already retired");
        }

        if (settings.Release.PromotedAt is not null && settings.Phase.Kind == ReleasePhaseKind.Ramping)
        {
            return MovePlan.Refuse(
                MoveKind.Retire,
                $"a release of {old.ConfigName()} ({settings.ReleaseOf(old).ImageTag}) is in progress at step {settings.Ramp.Step}; " +
                "retire tears down the old colour after a promotion, not a release being ramped");
        }

        var gate = RetirementGate.Evaluate(
            live, settings.Split, settings.Release.PromotedAt, settings.Release.StabilizationWindow, now);
        if (!gate.Passed)
        {
            return MovePlan.Refuse(MoveKind.Retire, gate.Reason, gate.EarliestAt);
        }

        // The retired release goes to the archive: restorable (its image tag, and the snapshot taken before the
        // release that replaced it). Only 'ramp prune' removes entries, in a change of their own.
        var archive = settings.Archive;
        var retiredTag = settings.ReleaseOf(old).ImageTag;
        var kept = archive.Releases.Where(r => r.Version != retiredTag).ToList();
        var snapshotOf = settings.Backup.DatabaseClusterId is null ? null : settings.ReleaseOf(live).ImageTag;
        var archived = retiredTag is not null;
        if (archived)
        {
            kept.Add(new ArchivedRelease(retiredTag!, snapshotOf, now));
        }

        var keptUntil = archived ? $"; {retiredTag} stays restorable, 'ramp prune' may remove it from {UtcTimestamp.Format(now + archive.Retention)} (archive.releases)" : "";
        return MovePlan.Allow(MoveKind.Retire, new PlannedChange(
            [ConfigEdit.Plain(ConfigKeys.ReleaseRetired, old.ConfigName()), ConfigEdit.Plain(ConfigKeys.ArchiveReleases, ArchiveSettings.Write(kept))],
            $"retire {old.ConfigName()} ({retiredTag}): its workload and target group are torn down{keptUntil}")) with
        {
            Gates = MoveGates.For(MoveKind.Retire, settings, settings.Ramp.Step),
            Description = $"retirement of {old.ConfigName()}",
        };
    }

    /// <summary>The reason a forced move records next to its step; a move that is not forced clears an earlier one.</summary>
    private static IEnumerable<ConfigEdit> ForceEdits(StackSettings settings, string? forceReason) =>
        forceReason is not null ? [ConfigEdit.Quoted(ConfigKeys.RampForceReason, forceReason)]
        : settings.Ramp.ForceReason is not null ? [ConfigEdit.Quoted(ConfigKeys.RampForceReason, "")]
        : [];

    private static string Forced(string? forceReason) => forceReason is null ? "" : $" — forced past the gates: {forceReason}";

    /// <summary>A refusal unless a release is being ramped; null when one is.</summary>
    private static MovePlan? RequireRelease(StackSettings settings, MoveKind kind, string verb)
    {
        if (settings.Phase.Kind == ReleasePhaseKind.Ramping)
        {
            return null;
        }

        var why = settings.Release.Retired == settings.OtherColour
            ? $"{settings.OtherColour.ConfigName()} is retired"
            : $"{settings.Release.Live.ConfigName()} was promoted at {UtcTimestamp.Format(settings.Release.PromotedAt!.Value)}";
        return MovePlan.Refuse(kind, $"no release is in progress ({why}), so there is nothing to {verb}; run 'start --version TAG'");
    }

    /// <summary>A refusal until the current step has baked; null once it has.</summary>
    private static MovePlan? RequireBaked(StackSettings settings, MoveKind kind, DateTimeOffset now)
    {
        var gate = BakeGate.Evaluate(settings.Ramp, now);
        if (gate.Passed)
        {
            return null;
        }

        var hint = settings.Ramp.StepSetAt is null && settings.Ramp.Step == 0
            ? $" ('start --version {settings.ReleaseOf(settings.OtherColour).ImageTag}' begins the release and sets it)"
            : "";
        return MovePlan.Refuse(kind, gate.Reason + hint, gate.EarliestAt);
    }
}
