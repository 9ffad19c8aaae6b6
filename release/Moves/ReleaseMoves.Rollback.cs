namespace BlueGreen.Release;

/// <summary>The rollback: the one move with no gate, in whichever phase.</summary>
public static partial class ReleaseMoves
{
    /// <summary>
    /// <c>rollback</c>, no gates, in whichever phase: while ramping, straight back to step 0 (nothing to do when already
    /// there); while stabilizing, all traffic back to the previous colour, which becomes live again (the
    /// promoted release stays deployed at 0 %, as after a rollback during its ramp); when idle, refused: the
    /// previous release is gone and comes back only as a new release.
    /// </summary>
    public static MovePlan Rollback(StackSettings settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var ramp = settings.Ramp;
        var phase = settings.Phase;
        switch (phase.Kind)
        {
            case ReleasePhaseKind.Ramping:
                return ramp.Step == 0
                    ? MovePlan.Nothing(MoveKind.Rollback)
                    : MovePlan.Allow(MoveKind.Rollback, new PlannedChange(
                        [ConfigEdit.Number(ConfigKeys.RampStep, 0), ConfigEdit.Time(ConfigKeys.RampStepSetAt, now)],
                        $"rollback: {phase.AtRisk!.Value.ConfigName()} {ramp.CurrentStep.PercentToNew} % → 0 %, " +
                        $"all traffic to {settings.Release.Live.ConfigName()}"));
            case ReleasePhaseKind.Stabilizing:
                var previous = phase.RollbackTarget!.Value;
                return MovePlan.Allow(MoveKind.Rollback, new PlannedChange(
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
                return MovePlan.Refuse(
                    MoveKind.Rollback,
                    $"{retired.ConfigName()} is retired, so there is no deployed colour to roll back to; to bring its release back, " +
                    (tag is null ? "run 'start --version <its tag>'" : $"run 'start --version {tag}'") + " and ramp it like any release");
        }
    }

    /// <summary>
    /// <c>rollback</c> after AWS rolled back on its own: the same move, plus <c>rollback.acknowledged</c> set to
    /// the record's automation execution id, so the file says what the listener already does and applying may go on. With no
    /// record, or one already acknowledged, it is <see cref="Rollback(StackSettings, DateTimeOffset)"/>.
    /// </summary>
    public static MovePlan Rollback(StackSettings settings, DateTimeOffset now, AutomaticRollbackRecord? record)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var decision = Rollback(settings, now);
        if (record is null || record.IsAcknowledgedBy(settings) || decision.IsRefused)
        {
            return decision;
        }

        var acknowledge = ConfigEdit.Quoted(ConfigKeys.RollbackAcknowledged, record.ExecutionId);
        var what = $"acknowledge the automatic rollback of {record.RolledBack.ConfigName()} at {record.At} ({record.Alarm}, execution {record.ExecutionId})";
        return decision.Change is { } change
            ? MovePlan.Allow(MoveKind.Rollback, new PlannedChange([.. change.Edits, acknowledge], $"{change.Summary}; {what}"))
            : MovePlan.Allow(MoveKind.Rollback, new PlannedChange([acknowledge], what));
    }
}
