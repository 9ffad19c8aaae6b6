namespace BlueGreen.Release;

/// <summary>
/// What happens to the archive when a release leaves the stack: a replaced release is archived like a retired
/// one, so its pre-release snapshot stays declared; and entries leave only through <c>ramp prune</c>, a committed
/// change that the preview shows. Nothing here reads the clock to decide what the program declares.
/// </summary>
public static class ArchivePlans
{
    /// <summary>
    /// The archive entry a <c>start</c> of <paramref name="tag"/> needs, or null. While a release is at step 0 of
    /// its ramp, replacing it (<c>ramp start 1.5.1</c> over a bad 1.5.0) would drop its pre-release snapshot, the
    /// only copy of the data from before its migration; after a promotion, replacing the previous colour would drop
    /// the snapshot holding the previous release's data. Either way the release being replaced is archived with
    /// that snapshot.
    /// </summary>
    public static ArchivedRelease? Replaced(StackSettings settings, string tag, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var phase = settings.Phase;
        var withDatabase = settings.Backup.DatabaseClusterId is not null;
        return phase.Kind switch
        {
            ReleasePhaseKind.Ramping when settings.ReleaseOf(phase.AtRisk!.Value).ImageTag is { } underWay && underWay != tag
                => new ArchivedRelease(underWay, withDatabase ? underWay : null, now),
            ReleasePhaseKind.Stabilizing when settings.ReleaseOf(phase.RollbackTarget!.Value).ImageTag is { } previous && previous != tag
                => new ArchivedRelease(previous, withDatabase ? settings.ReleaseOf(phase.Live).ImageTag : null, now),
            _ => null,
        };
    }

    /// <summary>The <c>archive.releases</c> edit that adds <paramref name="release"/> (replacing an entry of the same version).</summary>
    public static ConfigEdit Add(ArchiveSettings archive, ArchivedRelease release)
    {
        ArgumentNullException.ThrowIfNull(archive);
        ArgumentNullException.ThrowIfNull(release);
        return ConfigEdit.Plain(ConfigKeys.ArchiveReleases, ArchiveSettings.Write([.. archive.Releases.Where(r => r.Version != release.Version), release]));
    }

    /// <summary>
    /// <c>ramp prune</c>: removes the entries whose retention is over at <paramref name="now"/>. The stack then stops
    /// declaring their snapshots; as those are retained on delete (so that no apply and no <c>pulumi destroy</c> loses a
    /// restore point), the snapshot itself is deleted with the commands the summary gives, once the change is applied.
    /// </summary>
    public static MovePlan Prune(StackSettings settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var expired = settings.Archive.ExpiredAt(now);
        if (expired.Count == 0)
        {
            return MovePlan.Nothing(MoveKind.Prune);
        }

        var kept = settings.Archive.Releases.Except(expired).ToList();
        var released = SnapshotsReleasedByPrune(settings, now);
        var snapshots = released.Count == 0 ? "" : $"; the stack stops declaring the pre-release snapshot(s) of {string.Join(", ", released)}, which stay in RDS until deleted (docs/runbook.md, \"Pruning the archive\")";
        return MovePlan.Allow(MoveKind.Prune, new PlannedChange(
            [ConfigEdit.Plain(ConfigKeys.ArchiveReleases, ArchiveSettings.Write(kept))],
            $"prune {string.Join(", ", expired.Select(r => $"{r.Version} (kept until {UtcTimestamp.Format(settings.Archive.KeptUntil(r))})"))} from the archive{snapshots}"));
    }

    /// <summary>The releases whose snapshot a prune would stop declaring, for the CLI to list with their identifiers.</summary>
    public static IReadOnlyList<string> SnapshotsReleasedByPrune(StackSettings settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var expired = settings.Archive.ExpiredAt(now);
        var kept = settings.Archive.Releases.Except(expired).Select(r => r.SnapshotOf).Concat([settings.ReleaseUnderWayTag]).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return [.. expired.Select(r => r.SnapshotOf).OfType<string>().Distinct(StringComparer.Ordinal).Where(s => !kept.Contains(s))];
    }
}
