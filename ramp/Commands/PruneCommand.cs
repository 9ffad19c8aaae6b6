using BlueGreen.Release;
using Spectre.Console;

namespace BlueGreen.Ramp;

/// <summary>The ramp CLI's prune: the one way archived releases (and their snapshots) leave the stack.</summary>
public sealed partial class RampApp
{
    /// <summary>
    /// <c>prune</c>: removes from <c>archive.releases</c> the releases whose <c>archive.retention</c> is over, as a
    /// committed change previewed like any other; the program declares exactly that list, so nothing leaves it by
    /// the clock. The snapshots are retained on delete, so the command lists how to delete them once applied.
    /// </summary>
    public async Task<int> PruneAsync(CommandOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var state = await LoadAsync(options, cancellationToken).ConfigureAwait(false);
        var decision = ArchivePlans.Prune(state.Settings, Now);
        ThrowIfRefused(decision);
        if (decision.Change is not { } change)
        {
            var archive = state.Settings.Archive;
            Out.MarkupLineInterpolated(archive.Releases.Count == 0
                ? (FormattableString)$"Nothing to prune: {ConfigKeys.Full(ConfigKeys.ArchiveReleases)} is empty."
                : $"Nothing to prune: every archived release is within {ConfigKeys.Full(ConfigKeys.ArchiveRetention)} (the first ends at {UtcTimestamp.Format(archive.Releases.Min(archive.KeptUntil))}).");
            return ExitCodes.Ok;
        }

        var released = ArchivePlans.SnapshotsReleasedByPrune(state.Settings, Now);
        var code = await ChangeAsync(options, state, Propose(state, change), autoApply: false, cancellationToken).ConfigureAwait(false);
        if (released.Count > 0)
        {
            var prefix = StackContract.NamePrefix(state.Settings.App.Name, state.Stack);
            Out.MarkupLine("Once this change is applied, the stack no longer holds these snapshots; they stay in RDS (retained on delete) until you delete them:");
            foreach (var tag in released)
            {
                Out.WriteLine($"  aws rds delete-db-cluster-snapshot --db-cluster-snapshot-identifier {RdsNames.PreReleaseSnapshotIdentifier(prefix, tag)}");
            }
        }

        return code;
    }
}
