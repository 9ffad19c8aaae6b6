using BlueGreen.Release;

namespace BlueGreen.Preview.Tests;

/// <summary>
/// What the release steps may change, previewed on the repo's real stack files: maintenance mode is one
/// rule, a release brings its own Jobs and one snapshot, and the archive lets a snapshot go only when its
/// retention ends.
/// </summary>
[Collection(PreviewRunCollection.Name)]
public sealed class ReleaseStepsGuaranteeTests
{
    public static TheoryData<string> Stacks() => ["staging", "prod"];

    private static IEnumerable<string> Names(PreviewDiff diff, PreviewOp op) =>
        diff.Resources.Where(r => r.Op == op).Select(r => r.Resource.Name).Order(StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task Maintenance_on_and_off_changes_that_one_rule_and_nothing_else(string stack)
    {
        // Maintenance is for a stack with no colour at risk: during a release it is refused (its 503s would fire
        // the automatic rollback through the load balancer's 5xx alarm).
        var off = Idle(stack, archive: null);
        var on = off.With(new Dictionary<string, string?> { [ConfigKeys.MaintenanceEnabled] = "true" });

        var switchOn = await PreviewDiff.RunAsync(off, on);
        var change = Assert.Single(switchOn.Changes);
        Assert.Equal(("shop-edge-maintenance", PreviewOp.Create), (change.Resource.Name, change.Op));
        Assert.Equal("503", change.Resource.Inputs["actions"]![0]!["fixedResponse"]!["statusCode"]!.GetValue<string>());

        var switchOff = await PreviewDiff.RunAsync(on, off);
        change = Assert.Single(switchOff.Changes);
        Assert.Equal(("shop-edge-maintenance", PreviewOp.Delete), (change.Resource.Name, change.Op));
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task A_new_release_from_idle_adds_the_colour_its_smoke_test_its_migration_and_one_snapshot(string stack)
    {
        var idle = Idle(stack, archive: null);
        var started = idle.After(ReleaseMoves.Start(idle.ReadSettings().Settings!, "1.6.0", DateTimeOffset.UtcNow));

        var start = await PreviewDiff.RunAsync(idle, started);

        Assert.Empty(Names(start, PreviewOp.Replace));
        Assert.Empty(Names(start, PreviewOp.Delete));
        Assert.Equal(
            ["shop-backups-pre-release-1.6.0", "shop-migrate-1.6.0", "shop-migrate-1.6.0-job", "shop-smoke-1.6.0", "shop-smoke-1.6.0-job"],
            Names(start, PreviewOp.Create).Where(Repo.IsReleaseOwn));
        // A traffic step afterwards still changes only the listener: the Jobs are the release's, not the step's.
        var stepped = started.With(Repo.AtStep(1, TimeSpan.Zero));
        var step = await PreviewDiff.RunAsync(started, stepped);
        Assert.Equal(["shop-edge-https"], step.Changes.Select(c => c.Resource.Name));
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task Maintenance_is_refused_while_a_colour_is_at_risk_unless_the_automatic_rollback_is_off(string stack)
    {
        var ramping = Repo.Config(stack).With(new Dictionary<string, string?> { [ConfigKeys.MaintenanceEnabled] = "true" });

        var error = await Assert.ThrowsAsync<PreviewException>(() => PreviewRun.RunAsync(ramping));
        Assert.Contains("bluegreen:maintenance.enabled", error.Message, StringComparison.Ordinal);
        Assert.Contains("HTTPCode_ELB_5XX_Count", error.Message, StringComparison.Ordinal);

        var manual = ramping.With(new Dictionary<string, string?> { [ConfigKeys.RollbackAutomatic] = "false" });
        Assert.Contains((await PreviewRun.RunAsync(manual)).Resources, r => r.Name == "shop-edge-maintenance");
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task An_archived_release_keeps_its_snapshot_past_its_retention_until_a_prune_removes_only_that_one(string stack)
    {
        var retention = Repo.Config(stack).ReadSettings().Settings!.Archive.Retention;
        var expired = Idle(stack, archive: Repo.Time(retention + TimeSpan.FromHours(1)));
        Assert.Contains(expired.ReadSettings().Settings!.SnapshotReleases, tag => tag == "1.5.0");

        var pruned = expired.After(ArchivePlans.Prune(expired.ReadSettings().Settings!, DateTimeOffset.UtcNow));
        var diff = await PreviewDiff.RunAsync(expired, pruned);

        var change = Assert.Single(diff.Changes);
        Assert.Equal(("shop-backups-pre-release-1.5.0", PreviewOp.Delete), (change.Resource.Name, change.Op));
    }

    /// <summary>Green (1.5.0) live, blue (1.4.2) retired, optionally archived at <paramref name="archive"/> with the snapshot taken before 1.5.0.</summary>
    private static PreviewConfig Idle(string stack, string? archive) => Repo.Config(stack).With(new Dictionary<string, string?>
    {
        [ConfigKeys.ReleaseLive] = "green",
        [ConfigKeys.ReleaseRetired] = "blue",
        [ConfigKeys.RampStep] = "0",
        [ConfigKeys.RampStepSetAt] = Repo.Time(TimeSpan.FromDays(41)),
        [ConfigKeys.ReleasePromotedAt] = Repo.Time(TimeSpan.FromDays(40)),
        [ConfigKeys.ArchiveReleases] = archive is null ? null
            : $$"""[{"version": "1.4.2", "snapshotOf": "1.5.0", "retiredAt": "{{archive}}"}]""",
    });
}
