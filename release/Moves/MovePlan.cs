namespace BlueGreen.Release;

/// <summary>The moves of a release, and what a change of the stack file is when it is none of them.</summary>
public enum MoveKind
{
    /// <summary>A new release on the idle colour, at step 0 (0 %).</summary>
    Start,

    /// <summary>One step up the schedule.</summary>
    Next,

    /// <summary>All traffic back to the rollback target.</summary>
    Rollback,

    /// <summary>The ramped colour becomes live at 100 %.</summary>
    Promote,

    /// <summary>The old colour is torn down after the stabilization window.</summary>
    Retire,

    /// <summary>Archived releases whose retention is over leave <c>archive.releases</c> (and the stack stops declaring their snapshots).</summary>
    Prune,

    /// <summary>A change that moves no traffic (a hand edit of another key): nothing to gate.</summary>
    NoTrafficChange,

    /// <summary>Nothing is deployed yet to compare with: the first apply of a stack.</summary>
    FirstDeploy,
}

/// <summary>The config change a move makes, and a sentence saying what it means.</summary>
/// <param name="Edits">The stack-file edits, in order.</param>
/// <param name="Summary">One sentence for the operator and the pull request.</param>
public sealed record PlannedChange(IReadOnlyList<ConfigEdit> Edits, string Summary);

/// <summary>
/// A move plan: the move, the stack-file edits it makes, the gates it needs (each naming its colour from the
/// phase), or why it may not be made now (and when it could, if only time stands in the way). A decision, never
/// an exception: the CLI, <c>watch</c> and CI read the evidence its gates name, judge it with
/// <see cref="MoveGates.Evaluate"/> and turn the answer into their own messages and exit codes.
/// </summary>
/// <param name="Kind">The move.</param>
/// <param name="Change">The edits; null when refused or when there is nothing to change.</param>
/// <param name="Refusal">Why it may not be made; null when it may.</param>
/// <param name="EarliestAt">When it could be made, if only time stands in the way.</param>
public sealed record MovePlan(MoveKind Kind, PlannedChange? Change, string? Refusal, DateTimeOffset? EarliestAt = null)
{
    /// <summary>The gates the move needs, in the order they are checked.</summary>
    public IReadOnlyList<Gate> Gates { get; init; } = [];

    /// <summary>What the move is, in words ("step 1 → 2", "promotion of green"), for messages.</summary>
    public string Description { get; init; } = "";

    /// <summary>The recorded reason a forward move passes its forcible gates (<c>ramp.forceReason</c>), or null.</summary>
    public string? ForceReason { get; init; }

    /// <summary>Whether the move may not be made.</summary>
    public bool IsRefused => Refusal is not null;

    /// <summary>A refusal of <paramref name="kind"/>.</summary>
    public static MovePlan Refuse(MoveKind kind, string reason, DateTimeOffset? earliestAt = null) => new(kind, null, reason, earliestAt);

    /// <summary>Nothing to change: the stack is already where the move would take it.</summary>
    public static MovePlan Nothing(MoveKind kind) => new(kind, null, null);

    /// <summary>A move that may be made with <paramref name="change"/>, whose edits must be keys its row of
    /// <see cref="MoveTable"/> writes.</summary>
    /// <exception cref="InvalidOperationException">The change writes a key its move does not own.</exception>
    public static MovePlan Allow(MoveKind kind, PlannedChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var owned = MoveTable.Of(kind).Keys;
        if (change.Edits.FirstOrDefault(e => !owned.Contains(e.Key)) is { } stray)
        {
            throw new InvalidOperationException($"{kind} writes {stray.Key}, which is not in its row of the move table");
        }

        return new MovePlan(kind, change, null);
    }
}

/// <summary>One row of the move table: a move, its command and the keys it may write.</summary>
/// <param name="Kind">The move.</param>
/// <param name="Command">The ramp command that makes it.</param>
/// <param name="Keys">The bare keys it writes.</param>
public sealed record MoveRow(MoveKind Kind, string Command, IReadOnlySet<string> Keys);

/// <summary>
/// The one table of moves (as pulumi-kubernetes has one table of awaiters): each move's command and the keys it
/// writes. <see cref="KeysWritten"/> is what an unfinished move can leave uncommitted, so the emergency rollback
/// recognises the ramp's own leftovers; the gates of each move are <see cref="MoveGates.For"/>.
/// </summary>
public static class MoveTable
{
    /// <summary>The rows, one per move that edits the file.</summary>
    public static IReadOnlyList<MoveRow> Rows { get; } =
    [
        Row(MoveKind.Start, "start --version TAG", ConfigKeys.BlueImageTag, ConfigKeys.GreenImageTag, ConfigKeys.ReleaseRetired, ConfigKeys.RampStep, ConfigKeys.RampStepSetAt,
            ConfigKeys.ArchiveReleases, ConfigKeys.MigrationReleases),
        Row(MoveKind.Next, "next", ConfigKeys.RampStep, ConfigKeys.RampStepSetAt, ConfigKeys.RampForceReason),
        Row(MoveKind.Rollback, "rollback", ConfigKeys.ReleaseLive, ConfigKeys.RampStep, ConfigKeys.RampStepSetAt, ConfigKeys.RollbackAcknowledged),
        Row(MoveKind.Promote, "promote", ConfigKeys.ReleaseLive, ConfigKeys.RampStep, ConfigKeys.ReleasePromotedAt, ConfigKeys.RampForceReason),
        Row(MoveKind.Retire, "retire", ConfigKeys.ReleaseRetired, ConfigKeys.ArchiveReleases),
        Row(MoveKind.Prune, "prune", ConfigKeys.ArchiveReleases),
    ];

    /// <summary>Every key any move writes.</summary>
    public static IReadOnlySet<string> KeysWritten { get; } = Rows.SelectMany(r => r.Keys).ToHashSet(StringComparer.Ordinal);

    /// <summary>The row of <paramref name="kind"/>; a move that edits nothing owns no key.</summary>
    public static MoveRow Of(MoveKind kind) =>
        Rows.FirstOrDefault(r => r.Kind == kind) ?? new MoveRow(kind, "", new HashSet<string>());

    private static MoveRow Row(MoveKind kind, string command, params string[] keys) =>
        new(kind, command, keys.ToHashSet(StringComparer.Ordinal));
}
