namespace BlueGreen.Release;

/// <summary>The automatic rollback: whether AWS rolls back on its own when the rollback alarm fires, and
/// the automatic rollback the stack file acknowledges (so applying may go on).</summary>
/// <param name="Automatic">Whether the stack declares the EventBridge rule and runbook (on by default).</param>
/// <param name="Acknowledged">The execution id of the automatic rollback record that <c>ramp rollback</c> wrote into
/// the file; null when none was.</param>
public sealed record RollbackSettings(bool Automatic, string? Acknowledged)
{
    public static RollbackSettings Default { get; } = new(true, null);

    /// <summary>
    /// Whether AWS also rolls back on its own while stabilizing (after a promotion). Off by default: the rollback
    /// target then has taken no traffic since the promotion (up to the stabilization window) and its code predates
    /// the release's migration, so whether it can serve the migrated data is a judgement for the on-call, who is
    /// paged by the same alarm and rolls back with one command ('ramp rollback').
    /// </summary>
    public bool AutomaticAfterPromotion { get; init; }

    /// <summary>Whether AWS rolls back on its own in <paramref name="phase"/>: while ramping when automatic,
    /// while stabilizing only with <see cref="AutomaticAfterPromotion"/> too.</summary>
    public bool AutomaticIn(ReleasePhase phase)
    {
        ArgumentNullException.ThrowIfNull(phase);
        return Automatic && phase.AtRisk is not null
            && (phase.Kind == ReleasePhaseKind.Ramping || (phase.Kind == ReleasePhaseKind.Stabilizing && AutomaticAfterPromotion));
    }
}
