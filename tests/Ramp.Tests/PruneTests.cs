using BlueGreen.Ramp.Tools;
using BlueGreen.Release;
using BlueGreen.Release.StackFiles;

namespace BlueGreen.Ramp.Tests;

/// <summary><c>ramp prune</c>, the live smoke Jobs it and the gate read, and the archive edits the editor makes.</summary>
public class PruneTests
{
    [Fact]
    public async Task Prune_removes_only_the_expired_entries_as_a_previewed_change_and_says_how_to_delete_the_snapshot()
    {
        using var h = new Harness("prod");
        h.Set(ConfigEdit.Plain(ConfigKeys.ArchiveReleases, ArchiveSettings.Write(
        [
            new ArchivedRelease("1.3.9", "1.4.1", h.Clock.Now.AddDays(-40)),
            new ArchivedRelease("1.4.1", "1.4.2", h.Clock.Now.AddDays(-2)),
        ])));

        Assert.Equal(0, await h.Run("prune", "--yes"));

        Assert.Contains(
            $"bluegreen:archive.releases: {ArchiveSettings.Write([new ArchivedRelease("1.4.1", "1.4.2", h.Clock.Now.AddDays(-2))])}\n",
            h.Text,
            StringComparison.Ordinal);
        Assert.Equal(["preview prod", "up prod"], h.PulumiCalls);
        Assert.Contains("prune 1.3.9", h.Output, StringComparison.Ordinal);
        Assert.Contains("aws rds delete-db-cluster-snapshot --db-cluster-snapshot-identifier shop-prod-pre-1-4-1", h.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_nothing_expired_prune_changes_nothing_and_says_when_the_first_entry_may_go()
    {
        using var h = new Harness("prod");
        h.Set(ConfigEdit.Plain(ConfigKeys.ArchiveReleases, ArchiveSettings.Write([new ArchivedRelease("1.4.1", "1.4.2", h.Clock.Now.AddDays(-2))])));
        var before = h.Text;

        Assert.Equal(0, await h.Run("prune", "--yes"));

        Assert.Equal(before, h.Text);
        Assert.Contains($"Nothing to prune: every archived release is within bluegreen:archive.retention (the first ends at {UtcTimestamp.Format(h.Clock.Now.AddDays(28))})", h.Output, StringComparison.Ordinal);
        Assert.Empty(h.PulumiCalls);
    }

    [Fact]
    public void A_one_line_archive_list_is_replaced_by_another_but_a_list_never_by_a_scalar()
    {
        const string text = "config:\n  bluegreen:archive.releases: [{\"version\": \"1.3.9\", \"snapshotOf\": \"1.4.2\", \"retiredAt\": \"2025-06-01T09:00:00Z\"}] # kept\n";

        var (edited, _) = StackFileEditor.Apply("p", text, [ConfigEdit.Plain(ConfigKeys.ArchiveReleases, "[]")]);

        Assert.Equal("config:\n  bluegreen:archive.releases: [] # kept\n", edited);
        Assert.Throws<StackFileException>(() => StackFileEditor.Apply("p", text, [ConfigEdit.Number(ConfigKeys.ArchiveReleases, 1)]));
    }

    [Fact]
    public void The_live_smoke_jobs_are_read_from_the_export_skipping_ones_pending_deletion()
    {
        var pending = LiveStateExport.SmokeJob("1.4.9", complete: true);
        pending["delete"] = true;
        var export = LiveStateExport.Of(LiveStateExport.SmokeJob("1.5.0", complete: false, failed: true), pending);

        var job = Assert.Single(LiveSmokeJobs.Parse(export));

        Assert.Equal(new SmokeJobState("shop-smoke-1-5-0", "1.5.0", Complete: false, Failed: true), job);
        Assert.Null(SmokeJobState.PassedRelease([job], "1.5.0"));
        Assert.Throws<RampException>(() => LiveSmokeJobs.Parse("not json"));
    }
}
