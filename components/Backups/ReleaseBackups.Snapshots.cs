using Pulumi;
using Rds = Pulumi.Aws.Rds;

namespace BlueGreen.Components;

/// <summary>The pre-release snapshots of the database cluster: the one under way and the archived ones.</summary>
public sealed partial class ReleaseBackups
{
    /// <summary>Declares every snapshot of <see cref="ReleaseBackupsArgs.SnapshotTags"/>.</summary>
    /// <returns>Each snapshot's identifier by its release tag, and the snapshot under way (or null).</returns>
    private (Dictionary<string, Output<string>> Snapshots, Rds.ClusterSnapshot? UnderWay) CreateSnapshots(string name, ReleaseBackupsArgs args)
    {
        var snapshots = new Dictionary<string, Output<string>>(StringComparer.Ordinal);
        Rds.ClusterSnapshot? underWaySnapshot = null;
        foreach (var tag in args.SnapshotTags)
        {
            var underWay = args.TakesSnapshot && tag == args.ReleaseTag;
            var snapshot = new Rds.ClusterSnapshot($"{name}-pre-release-{tag}", new Rds.ClusterSnapshotArgs
            {
                DbClusterIdentifier = args.DbClusterIdentifier!,
                DbClusterSnapshotIdentifier = AwsNames.PreReleaseSnapshotIdentifier(args.NamePrefix, tag),
                Tags = Tags(args, ("release", tag)),
            }, new CustomResourceOptions
            {
                Parent = this,
                // The only copy of the data from before a migration: no apply and no 'pulumi destroy' deletes it, Pulumi
                // only forgets it ('protect' would fail every destroy). Deleting one is explicit (docs/runbook.md).
                RetainOnDelete = true,
                CustomTimeouts = new CustomTimeouts { Create = args.SnapshotTimeout, Delete = args.SnapshotTimeout },
                Aliases = underWay ? [new Alias { Name = $"{name}-pre-release" }] : [],
            });
            snapshots[tag] = snapshot.DbClusterSnapshotIdentifier;
            if (underWay)
            {
                underWaySnapshot = snapshot;
            }
        }

        return (snapshots, underWaySnapshot);
    }
}
