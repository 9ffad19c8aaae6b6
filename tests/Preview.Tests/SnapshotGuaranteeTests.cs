using BlueGreen.Preview.Tests.ApplyOrder;
using BlueGreen.Release;
using BlueGreen.Stacks;

namespace BlueGreen.Preview.Tests;

/// <summary>
/// The restore points survive, previewed on the repo's real stack files: a replaced release's snapshot is kept
/// (archived), <c>pulumi destroy</c> keeps every snapshot, no move but an explicit prune takes a snapshot out of
/// the stack, and what the program declares does not depend on the time of day.
/// </summary>
[Collection(PreviewRunCollection.Name)]
public sealed class SnapshotGuaranteeTests
{
    private const string Snapshot = "aws:rds/clusterSnapshot:ClusterSnapshot";

    public static TheoryData<string> Stacks() => ["staging", "prod"];

    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    /// <summary>Between releases, with 1.4.2 archived (its data in the snapshot taken before 1.5.0).</summary>
    private static PreviewConfig Idle(string stack) => Repo.Config(stack).With(Repo.GreenLiveBlueRetired()
        .With(ConfigKeys.ArchiveReleases, $$"""[{"version": "1.4.2", "snapshotOf": "1.5.0", "retiredAt": "{{Repo.Time(TimeSpan.FromDays(400))}}"}]"""));

    private static PreviewConfig Move(PreviewConfig config, Func<StackSettings, MovePlan> move) => config.After(move(config.ReadSettings().Settings!));

    private static IEnumerable<string> SnapshotsTakenOut(PreviewDiff diff) =>
        diff.Changes.Where(c => c.Resource.Type == Snapshot && c.Op is PreviewOp.Delete or PreviewOp.Replace).Select(c => c.Resource.Name);

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task A_release_replaced_at_step_0_keeps_its_snapshot_archived(string stack)
    {
        var started = Move(Idle(stack), s => ReleaseMoves.Start(s, "1.6.0", Now.AddHours(-2)));
        var replaced = Move(started, s => ReleaseMoves.Start(s, "1.6.1", Now));

        var diff = await PreviewDiff.RunAsync(started, replaced);

        Assert.Empty(SnapshotsTakenOut(diff));
        Assert.Contains(diff.Changes, c => c.Resource.Name == "shop-backups-pre-release-1.6.1" && c.Op == PreviewOp.Create);
        var archived = replaced.ReadSettings().Settings!.Archive.Releases.Single(r => r.Version == "1.6.0");
        Assert.Equal("1.6.0", archived.SnapshotOf);
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task Destroy_keeps_every_snapshot_the_stack_declares(string stack)
    {
        // 'pulumi destroy' deletes every resource in the state but those retained on delete, which the engine only
        // forgets (pulumi/pulumi pkg/resource/deploy/step.go:661-662); 'protect' would make the destroy fail instead.
        var started = Move(Idle(stack), s => ReleaseMoves.Start(s, "1.6.0", Now));
        var graph = await ApplyGraph.RunAsync(started);

        var snapshots = graph.Run.Resources.Where(r => r.Type == Snapshot).ToList();
        Assert.Equal(["shop-backups-pre-release-1.5.0", "shop-backups-pre-release-1.6.0"], snapshots.Select(s => s.Name).Order(StringComparer.Ordinal));
        Assert.All(snapshots, s =>
        {
            var options = graph.Options[s.Urn];
            Assert.True(options.RetainOnDelete, $"{s.Name} is not retained on delete");
            Assert.NotEqual(true, options.Protect);
            Assert.Equal(TimeSpan.FromHours(2), options.CustomTimeouts!.Create);
        });

        // A large cluster gets longer: backup.snapshotTimeout reaches every snapshot.
        var longer = await ApplyGraph.RunAsync(started.With(new Dictionary<string, string?> { [ConfigKeys.BackupSnapshotTimeout] = "5h" }));
        Assert.All(longer.Run.Resources.Where(r => r.Type == Snapshot), s => Assert.Equal(TimeSpan.FromHours(5), longer.Options[s.Urn].CustomTimeouts!.Create));
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task No_move_takes_a_snapshot_out_of_the_stack_except_an_explicit_prune(string stack)
    {
        var idle = Idle(stack);
        var started = Move(idle, s => ReleaseMoves.Start(s, "1.6.0", Now.AddDays(-6)));
        var replaced = Move(started, s => ReleaseMoves.Start(s, "1.6.1", Now.AddDays(-5)));
        var last = Repo.StepCount(stack) - 1;
        var step1 = replaced.With(Repo.AtStep(1, TimeSpan.FromDays(4.8)));
        var rolledBack = replaced.With(Repo.AtStep(0, TimeSpan.FromDays(4.7)));
        var lastStep = replaced.With(Repo.AtStep(last, TimeSpan.FromDays(4.5)));
        var promoted = lastStep.With(new Dictionary<string, string?>
        {
            [ConfigKeys.ReleaseLive] = "blue",
            [ConfigKeys.RampStep] = "0",
            [ConfigKeys.ReleasePromotedAt] = Repo.Time(TimeSpan.FromDays(4)),
        });
        var retired = Move(promoted, s => ReleaseMoves.Retire(s, Now));
        var next = Move(retired, s => ReleaseMoves.Start(s, "1.7.0", Now));

        foreach (var (name, before, after) in new[]
        {
            ("start", idle, started), ("start over a release at step 0", started, replaced), ("next", replaced, step1),
            ("rollback", step1, rolledBack), ("promote", lastStep, promoted), ("retire", promoted, retired), ("the next start", retired, next),
        })
        {
            Assert.True(!SnapshotsTakenOut(await PreviewDiff.RunAsync(before, after)).Any(), $"{stack}: {name} takes a snapshot out of the stack");
        }

        // Only a prune does, and only of the releases whose retention is over (1.4.2, retired 400 days ago).
        var pruned = Move(next, s => ArchivePlans.Prune(s, Now));
        Assert.Equal(["shop-backups-pre-release-1.5.0"], SnapshotsTakenOut(await PreviewDiff.RunAsync(next, pruned)));
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task What_the_program_declares_does_not_depend_on_the_time_of_day_or_date(string stack)
    {
        // One archived release whose retention ends between the runs (retired a day ago), one long over.
        var config = Move(Idle(stack), s => ReleaseMoves.Start(s, "1.6.0", Now)).With(new Dictionary<string, string?>
        {
            [ConfigKeys.ArchiveReleases] = $$"""[{"version": "1.4.2", "snapshotOf": "1.5.0", "retiredAt": "{{Repo.Time(TimeSpan.FromDays(400))}}"}, {"version": "1.3.9", "snapshotOf": "1.4.2", "retiredAt": "{{Repo.Time(TimeSpan.FromDays(1))}}"}]""",
        });
        var beforeMidnight = new DateTimeOffset(Now.Year, Now.Month, Now.Day, 23, 59, 0, TimeSpan.Zero).AddDays(1);

        var first = await PreviewRun.RunAsync(config, new StackRunHooks(beforeMidnight));
        foreach (var at in new[] { beforeMidnight.AddMinutes(2), beforeMidnight.AddDays(400) })
        {
            var diff = PreviewDiff.Between(first, await PreviewRun.RunAsync(config, new StackRunHooks(at)));
            Assert.True(diff.IsEmpty, $"{stack} at {at:O}: " + string.Join(", ", diff.Changes.Select(c => $"{c.Op} {c.Resource.Name}")));
        }
    }
}
