namespace BlueGreen.Release;

/// <summary>Where a stack is in its release cycle.</summary>
public enum ReleasePhaseKind
{
    /// <summary>One colour is live, the other retired: nothing to watch, nothing to roll back to.</summary>
    Idle,

    /// <summary>A new colour takes a share of the traffic per step; the live colour is the rollback target.</summary>
    Ramping,

    /// <summary>The new colour was promoted; the previous colour stays deployed as the rollback target until
    /// it is retired (which the stabilization window allows).</summary>
    Stabilizing,
}

/// <summary>
/// The phase of a stack, decided from its config alone: the one place that answers "is a release in
/// progress?", "which colour is at risk?" and "what would a rollback go back to?". The stack, the ramp
/// CLI and the preview all read it. The words "canary"/"new colour" belong to <see cref="ReleasePhaseKind.Ramping"/> only.
/// </summary>
/// <param name="Kind">The phase.</param>
/// <param name="Live">The live colour.</param>
/// <param name="AtRisk">The colour the rollback alarm watches: the ramping colour, or while stabilizing the
/// newly live one; null when idle.</param>
/// <param name="RollbackTarget">Where a rollback sends all traffic: the live colour while ramping, the
/// previous colour while stabilizing; null when idle.</param>
public sealed record ReleasePhase(ReleasePhaseKind Kind, Colour Live, Colour? AtRisk, Colour? RollbackTarget)
{
    /// <summary>The phase of <paramref name="settings"/>.</summary>
    public static ReleasePhase Of(StackSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var live = settings.Release.Live;
        var other = live.Other();
        if (settings.Release.Retired == other)
        {
            return new ReleasePhase(ReleasePhaseKind.Idle, live, null, null);
        }

        // A promotion resets the step without a new ramp.stepSetAt: after it nothing ramps until a step is set
        // again ('start', or a rollback of the promotion, both write ramp.stepSetAt).
        var ramping = settings.Release.PromotedAt is not { } promoted
                      || (settings.Ramp.StepSetAt is { } setAt && setAt > promoted);
        return ramping
            ? new ReleasePhase(ReleasePhaseKind.Ramping, live, other, live)
            : new ReleasePhase(ReleasePhaseKind.Stabilizing, live, live, other);
    }

    /// <summary>The colour being ramped up, while ramping; null otherwise.</summary>
    public Colour? Ramping => Kind == ReleasePhaseKind.Ramping ? AtRisk : null;

    /// <summary>Whether two colours take traffic side by side, so alarms may compare them: while ramping.</summary>
    public bool ComparesColours => Kind == ReleasePhaseKind.Ramping;

    /// <summary>The colour whose release the pre-release snapshot belongs to: the one at risk. It is the same
    /// colour before and after a promotion, so a promotion never renames (re-creates) the snapshot.</summary>
    public Colour? ReleaseUnderWay => AtRisk;

    /// <summary>The moves this phase allows, for <c>status</c> and <c>plan</c>.</summary>
    public IReadOnlyList<string> AllowedMoves(StackSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Kind switch
        {
            ReleasePhaseKind.Idle => ["start --version TAG"],
            ReleasePhaseKind.Ramping when settings.Ramp.Step == settings.Ramp.Schedule.LastIndex => ["promote", "rollback"],
            ReleasePhaseKind.Ramping when settings.Ramp.Step == 0 => ["next", "start --version TAG (another release instead)"],
            ReleasePhaseKind.Ramping => ["next", "rollback"],
            _ => ["rollback (back to the previous colour)", "retire (once the stabilization window is over)"],
        };
    }

    /// <summary>The role <paramref name="colour"/> plays in this phase, for <c>status</c>: the one owner of the words.</summary>
    public string RoleOf(StackSettings settings, Colour colour)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Release.Retired == colour)
        {
            return "retired";
        }

        if (colour == Live)
        {
            return settings.Release.PromotedAt is { } promoted ? $"live (promoted {UtcTimestamp.Format(promoted)})" : "live";
        }

        return Kind == ReleasePhaseKind.Ramping
            ? $"new (ramping, step {settings.Ramp.Step})"
            : "old (rollback target until retired)";
    }

    /// <summary>One line: the phase and its colours.</summary>
    public string Describe() => Kind switch
    {
        ReleasePhaseKind.Idle => $"idle: {Live.ConfigName()} live, {Live.Other().ConfigName()} retired",
        ReleasePhaseKind.Ramping => $"ramping: {AtRisk!.Value.ConfigName()} is the new colour, {Live.ConfigName()} live and the rollback target",
        _ => $"stabilizing: {Live.ConfigName()} promoted and live, {RollbackTarget!.Value.ConfigName()} kept as the rollback target until retired",
    };
}
