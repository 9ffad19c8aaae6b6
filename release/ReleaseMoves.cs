namespace BlueGreen.Release;

/// <summary>The config change a move makes, and a sentence saying what it means.</summary>
public sealed record PlannedChange(IReadOnlyList<ConfigEdit> Edits, string Summary);

/// <summary>
/// What the release model decides of a move: the change to make, or why it may not be made now (and
/// when it could, if only time stands in the way), or nothing to do. A decision, never an exception:
/// the CLI and CI turn it into their own messages and exit codes.
/// </summary>
public sealed record MoveDecision(PlannedChange? Change, string? Refusal, DateTimeOffset? EarliestAt = null)
{
    public static MoveDecision Allow(PlannedChange change) => new(change, null);

    public static MoveDecision Refuse(string reason, DateTimeOffset? earliestAt = null) => new(null, reason, earliestAt);

    /// <summary>Nothing to change: the stack is already where the move would take it.</summary>
    public static MoveDecision Nothing { get; } = new(null, null);

    public bool IsRefused => Refusal is not null;
}

/// <summary>
/// What each release move (start, next, rollback, promote, retire) changes in the stack config, or why it
/// may not: pure decisions on validated settings and a time, with no I/O, read from the release phase
/// (<see cref="ReleasePhase"/>). The alarm gate is applied by the caller, which reads the alarms.
/// </summary>
public static class ReleaseMoves
{
    /// <summary><c>start --version TAG</c>: the idle colour gets the tag, at step 0 from now.</summary>
    public static MoveDecision Start(StackSettings settings, string tag, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentException.ThrowIfNullOrWhiteSpace(tag);
        var live = settings.Release.Live;
        var idle = settings.NewColour;
        var ramp = settings.Ramp;
        if (ramp.Step > 0)
        {
            return MoveDecision.Refuse(
                $"a ramp is in progress: {idle.ConfigName()} is at step {ramp.Step} ({ramp.CurrentStep.PercentToNew} %); " +
                "run 'rollback' or finish it with 'next' and 'promote' before starting another release");
        }

        if (settings.ReleaseOf(live).ImageTag == tag)
        {
            return MoveDecision.Refuse(
                $"{tag} is already the live colour's tag ({ConfigKeys.Full(ConfigKeys.ImageTag(live))}); a release needs a different image");
        }

        if (settings.Phase.Kind != ReleasePhaseKind.Ramping && settings.Release.Retired != idle && settings.Release.PromotedAt is { } promoted
            && settings.Release.StableAt is { } stableAt && now < stableAt)
        {
            return MoveDecision.Refuse(
                $"{idle.ConfigName()} is the rollback target of the promotion at {UtcTimestamp.Format(promoted)} until the " +
                $"{DurationText.Format(settings.Release.StabilizationWindow)} stabilization window ends at {UtcTimestamp.Format(stableAt)}; " +
                "starting a release now would replace it",
                stableAt);
        }

        // A release replaced before it is retired keeps its restore point: it is archived like a retired one.
        var replaced = ArchivePlans.Replaced(settings, tag, now);
        var archive = replaced is null ? [] : new[] { ArchivePlans.Add(settings.Archive, replaced) };
        var migration = MigrationPlans.ForStart(settings, tag);
        return MoveDecision.Allow(new PlannedChange(
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
            (migration is null ? "" : $"; {migration.Value.Summary}")));
    }

    /// <summary><c>next</c>: one step up, once the current step has baked (the alarm gate is the caller's).</summary>
    public static MoveDecision Next(StackSettings settings, DateTimeOffset now, string? forceReason = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (RequireRelease(settings, "advance") is { } notRamping)
        {
            return notRamping;
        }

        if (ReleaseStepRules.TrafficStepRefusal(settings) is { } maintenance)
        {
            return MoveDecision.Refuse(maintenance);
        }

        var ramp = settings.Ramp;
        if (ramp.Step == ramp.Schedule.LastIndex)
        {
            return MoveDecision.Refuse(
                $"{settings.NewColour.ConfigName()} is at the last step ({ramp.CurrentStep.PercentToNew} %); run 'promote' to make it live");
        }

        if (forceReason is null && RequireBaked(settings, now) is { } baking)
        {
            return baking;
        }

        var next = ramp.Schedule[ramp.Step + 1];
        return MoveDecision.Allow(new PlannedChange(
            [ConfigEdit.Number(ConfigKeys.RampStep, next.Index), ConfigEdit.Time(ConfigKeys.RampStepSetAt, now), .. ForceEdits(settings, forceReason)],
            $"step {ramp.Step} → {next.Index}: {settings.NewColour.ConfigName()} {ramp.CurrentStep.PercentToNew} % → {next.PercentToNew} %" + Forced(forceReason)));
    }

    /// <summary>
    /// <c>rollback</c>, no gates, in whichever phase: while ramping, straight back to step 0 (nothing to do when already
    /// there); while stabilizing, all traffic back to the previous colour, which becomes live again (the
    /// promoted release stays deployed at 0 %, as after a rollback during its ramp); when idle, refused: the
    /// previous release is gone and comes back only as a new release.
    /// </summary>
    public static MoveDecision Rollback(StackSettings settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var ramp = settings.Ramp;
        var phase = settings.Phase;
        switch (phase.Kind)
        {
            case ReleasePhaseKind.Ramping:
                return ramp.Step == 0
                    ? MoveDecision.Nothing
                    : MoveDecision.Allow(new PlannedChange(
                        [ConfigEdit.Number(ConfigKeys.RampStep, 0), ConfigEdit.Time(ConfigKeys.RampStepSetAt, now)],
                        $"rollback: {phase.AtRisk!.Value.ConfigName()} {ramp.CurrentStep.PercentToNew} % → 0 %, " +
                        $"all traffic to {settings.Release.Live.ConfigName()}"));
            case ReleasePhaseKind.Stabilizing:
                var previous = phase.RollbackTarget!.Value;
                return MoveDecision.Allow(new PlannedChange(
                    [
                        ConfigEdit.Plain(ConfigKeys.ReleaseLive, previous.ConfigName()),
                        ConfigEdit.Number(ConfigKeys.RampStep, 0),
                        ConfigEdit.Time(ConfigKeys.RampStepSetAt, now),
                    ],
                    $"rollback of the promotion: all traffic back to {previous.ConfigName()} ({settings.ReleaseOf(previous).ImageTag}), " +
                    $"live again; {phase.Live.ConfigName()} ({settings.ReleaseOf(phase.Live).ImageTag}) stays deployed at 0 % for the investigation"));
            default:
                var retired = phase.Live.Other();
                var tag = settings.ReleaseOf(retired).ImageTag;
                return MoveDecision.Refuse(
                    $"{retired.ConfigName()} is retired, so there is no deployed colour to roll back to; to bring its release back, " +
                    (tag is null ? "run 'start --version <its tag>'" : $"run 'start --version {tag}'") + " and ramp it like any release");
        }
    }

    /// <summary>
    /// <c>rollback</c> after AWS rolled back on its own: the same move, plus <c>rollback.acknowledged</c> set to
    /// the record's time, so the file says what the listener already does and applying may go on. With no
    /// record, or one already acknowledged, it is <see cref="Rollback"/>.
    /// </summary>
    public static MoveDecision Rollback(StackSettings settings, DateTimeOffset now, AutomaticRollbackRecord? record)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var decision = Rollback(settings, now);
        if (record is null || settings.Rollback.Acknowledged == record.At || decision.IsRefused)
        {
            return decision;
        }

        var acknowledge = ConfigEdit.Quoted(ConfigKeys.RollbackAcknowledged, record.At);
        var what = $"acknowledge the automatic rollback of {record.RolledBack.ConfigName()} at {record.At} ({record.Alarm})";
        return decision.Change is { } change
            ? MoveDecision.Allow(new PlannedChange([.. change.Edits, acknowledge], $"{change.Summary}; {what}"))
            : MoveDecision.Allow(new PlannedChange([acknowledge], what));
    }

    /// <summary><c>promote</c>: at the last step, once it has baked, the new colour becomes live.</summary>
    public static MoveDecision Promote(StackSettings settings, DateTimeOffset now, string? forceReason = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (RequireRelease(settings, "promote") is { } notRamping)
        {
            return notRamping;
        }

        if (ReleaseStepRules.TrafficStepRefusal(settings) is { } maintenance)
        {
            return MoveDecision.Refuse(maintenance);
        }

        var ramp = settings.Ramp;
        if (ramp.Step != ramp.Schedule.LastIndex)
        {
            return MoveDecision.Refuse(
                $"{settings.NewColour.ConfigName()} is at step {ramp.Step} ({ramp.CurrentStep.PercentToNew} %); " +
                $"promotion needs the last step {ramp.Schedule.LastIndex} (100 %): run 'next'");
        }

        if (forceReason is null && RequireBaked(settings, now) is { } baking)
        {
            return baking;
        }

        var promoted = settings.NewColour;
        return MoveDecision.Allow(new PlannedChange(
            [
                ConfigEdit.Plain(ConfigKeys.ReleaseLive, promoted.ConfigName()),
                ConfigEdit.Number(ConfigKeys.RampStep, 0),
                ConfigEdit.Time(ConfigKeys.ReleasePromotedAt, now),
                .. ForceEdits(settings, forceReason),
            ],
            $"promote {promoted.ConfigName()} ({settings.ReleaseOf(promoted).ImageTag}): it becomes live with 100 %; " +
            $"{settings.Release.Live.ConfigName()} stays deployed as the rollback target for {DurationText.Format(settings.Release.StabilizationWindow)}" + Forced(forceReason)));
    }

    /// <summary><c>retire</c>: after the stabilization window, the old colour is torn down.</summary>
    public static MoveDecision Retire(StackSettings settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var live = settings.Release.Live;
        var old = live.Other();
        if (settings.Release.Retired == old)
        {
            return MoveDecision.Refuse($"{old.ConfigName()} is already retired");
        }

        if (settings.Release.PromotedAt is not null && settings.Phase.Kind == ReleasePhaseKind.Ramping)
        {
            return MoveDecision.Refuse(
                $"a release of {old.ConfigName()} ({settings.ReleaseOf(old).ImageTag}) is in progress at step {settings.Ramp.Step}; " +
                "retire tears down the old colour after a promotion, not a release being ramped");
        }

        var gate = RetirementGate.Evaluate(
            live, settings.Split, settings.Release.PromotedAt, settings.Release.StabilizationWindow, now);
        if (!gate.Passed)
        {
            return MoveDecision.Refuse(gate.Reason, gate.EarliestAt);
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
        return MoveDecision.Allow(new PlannedChange(
            [ConfigEdit.Plain(ConfigKeys.ReleaseRetired, old.ConfigName()), ConfigEdit.Plain(ConfigKeys.ArchiveReleases, ArchiveSettings.Write(kept))],
            $"retire {old.ConfigName()} ({retiredTag}): its workload and target group are torn down{keptUntil}"));
    }

    /// <summary>The reason a forced move records next to its step; a move that is not forced clears an earlier one.</summary>
    private static IEnumerable<ConfigEdit> ForceEdits(StackSettings settings, string? forceReason) =>
        forceReason is not null ? [ConfigEdit.Quoted(ConfigKeys.RampForceReason, forceReason)]
        : settings.Ramp.ForceReason is not null ? [ConfigEdit.Quoted(ConfigKeys.RampForceReason, "")]
        : [];

    private static string Forced(string? forceReason) => forceReason is null ? "" : $" — forced past the gates: {forceReason}";

    /// <summary>A refusal unless a release is being ramped; null when one is.</summary>
    private static MoveDecision? RequireRelease(StackSettings settings, string verb)
    {
        if (settings.Phase.Kind == ReleasePhaseKind.Ramping)
        {
            return null;
        }

        var why = settings.Release.Retired == settings.NewColour
            ? $"{settings.NewColour.ConfigName()} is retired"
            : $"{settings.Release.Live.ConfigName()} was promoted at {UtcTimestamp.Format(settings.Release.PromotedAt!.Value)}";
        return MoveDecision.Refuse($"no release is in progress ({why}), so there is nothing to {verb}; run 'start --version TAG'");
    }

    /// <summary>A refusal until the current step has baked; null once it has.</summary>
    private static MoveDecision? RequireBaked(StackSettings settings, DateTimeOffset now)
    {
        var gate = BakeGate.Evaluate(settings.Ramp, now);
        if (gate.Passed)
        {
            return null;
        }

        var hint = settings.Ramp.StepSetAt is null && settings.Ramp.Step == 0
            ? $" ('start --version {settings.ReleaseOf(settings.NewColour).ImageTag}' begins the release and sets it)"
            : "";
        return MoveDecision.Refuse(gate.Reason + hint, gate.EarliestAt);
    }
}
