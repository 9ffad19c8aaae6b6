using BlueGreen.Release;

namespace BlueGreen.Tests;

/// <summary>The release steps' config (smoke.*, migration.*, maintenance.*, archive.*) and what retire records.</summary>
public class ReleaseStepsSettingsTests
{
    private static readonly DateTimeOffset Now = TestConfig.Now;

    [Fact]
    public void Without_the_keys_there_is_no_smoke_test_no_migration_no_maintenance_and_an_empty_archive()
    {
        var staging = TestConfig.Staging().Valid();
        var prod = TestConfig.Prod().Valid();

        Assert.Null(staging.Smoke);
        Assert.Null(staging.Migration);
        Assert.Equal(MaintenanceSettings.Default, staging.Maintenance);
        Assert.Empty(staging.Archive.Releases);
        Assert.Equal((TimeSpan.FromDays(7), TimeSpan.FromDays(30)), (staging.Archive.Retention, prod.Archive.Retention));
    }

    [Fact]
    public void A_smoke_test_runs_the_releases_own_image_unless_told_otherwise()
    {
        var settings = TestConfig.Staging()
            .With("smoke.command", """["/app/smoke","--url","$(TARGET_URL)"]""")
            .Valid();

        var smoke = Assert.IsType<ReleaseJobSettings>(settings.Smoke);
        Assert.Equal(["/app/smoke", "--url", "$(TARGET_URL)"], smoke.Command);
        Assert.Equal(TimeSpan.FromMinutes(5), smoke.Timeout);
        Assert.Equal("123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop:1.5.0", smoke.ImageFor(settings.App, "1.5.0"));

        var pinned = TestConfig.Staging().With("smoke.command", """["/smoke"]""").With("smoke.image", "registry.example.com:5000/tools/smoke@sha256:" + new string('a', 64)).Valid();
        Assert.Equal("registry.example.com:5000/tools/smoke@sha256:" + new string('a', 64), pinned.Smoke!.ImageFor(pinned.App, "1.5.0"));
    }

    [Fact]
    public void A_migration_needs_the_database_whose_snapshot_comes_first()
    {
        var problem = TestConfig.Staging().With("migration.command", """["/app/migrate","up"]""").OnlyProblem();

        Assert.Equal("migration.command", problem.Key);
        Assert.Contains("needs a backup first, but bluegreen:backup.databaseClusterId is not set", problem.Message, StringComparison.Ordinal);

        var settings = TestConfig.Staging().With("migration.command", """["/app/migrate","up"]""").With("backup.databaseClusterId", "orders").Valid();
        Assert.Equal(TimeSpan.FromMinutes(30), settings.Migration!.Timeout);
    }

    public static TheoryData<string, string, string> BadValues => new()
    {
        { "smoke.command", "/app/smoke", "is not a list of strings" },
        { "smoke.command", """["", "x"]""", "has an empty program" },
        { "smoke.image", "shop-smoke", "is not a pinned image reference" },
        { "smoke.image", "Shop/Smoke:1", "is not a pinned image reference" },
        { "smoke.image", "shop@sha256:abc", "is not a pinned image reference" },
        { "smoke.timeout", "10s", "is out of range; use whole seconds from 30s to 1h" },
        { "smoke.timeout", "2h", "is out of range" },
        { "migration.timeout", "30s", "is out of range; use whole seconds from 1m to 6h" },
        { "migration.image", "repo:", "is not a pinned image reference" },
        { "maintenance.enabled", "yes", "is not" },
        { "maintenance.contentType", "text/xml", "use one of text/plain, text/css, text/html, application/javascript, application/json" },
        { "archive.retention", "30", "is not" },
        { "archive.retention", "400d", "is out of range; use whole hours from 0h to 365d" },
        { "archive.releases", "1.4.2", "is not a list" },
        { "archive.releases", """[{"version":"1.4.2"}]""", "is not an archived release" },
        { "archive.releases", """[{"version":"1.4.2","retiredAt":"2025-06-11T00:00:00Z"}]""", "is not an archived release" },
        { "archive.releases", """[{"version":"-bad","retiredAt":"2025-06-01T00:00:00Z"}]""", "is not an archived release" },
        { "archive.releases", """[{"version":"1.4.2","retiredAt":"2025-06-01T00:00:00Z","extra":1}]""", "is not an archived release" },
        { "archive.releases", """[{"version":"1.4.2","retiredAt":"2025-06-01T00:00:00Z"},{"version":"1.4.2","retiredAt":"2025-06-02T00:00:00Z"}]""", "lists 1.4.2 twice" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void A_bad_value_is_rejected_naming_the_key_and_what_is_allowed(string key, string value, string fragment)
    {
        // The keys that need a command get one, so only the key under test is wrong.
        var config = TestConfig.Staging().With(key, value);
        if (key.StartsWith("smoke.", StringComparison.Ordinal) && key != "smoke.command")
        {
            config = config.With("smoke.command", """["/smoke"]""");
        }

        if (key.StartsWith("migration.", StringComparison.Ordinal))
        {
            config = config.With("migration.command", """["/migrate"]""").With("backup.databaseClusterId", "orders");
        }

        var problem = config.OnlyProblem();

        Assert.Equal(key, problem.Key);
        Assert.StartsWith($"bluegreen:{key}: ", problem.Message, StringComparison.Ordinal);
        Assert.Contains(fragment, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_maintenance_page_longer_than_the_load_balancer_takes_is_rejected()
    {
        var problem = TestConfig.Staging().With("maintenance.body", new string('x', 1025)).OnlyProblem();

        Assert.Contains("is 1025 bytes of UTF-8; use a page of at most 1024 bytes of UTF-8", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_image_without_a_command_is_a_mistake_not_a_silent_no_op()
    {
        var problem = TestConfig.Staging().With("smoke.image", "shop-smoke:1.0").OnlyProblem();

        Assert.Equal("smoke.image", problem.Key);
        Assert.Contains("is set but bluegreen:smoke.command is not", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_program_declares_exactly_the_archives_snapshots_whatever_the_time_and_only_a_prune_removes_one()
    {
        var settings = TestConfig.Prod()
            .With("backup.databaseClusterId", "orders")
            .With("archive.releases", """[{"version":"1.3.9","snapshotOf":"1.4.2","retiredAt":"2025-05-20T12:00:00Z"},{"version":"1.3.0","snapshotOf":"1.3.9","retiredAt":"2025-05-01T12:00:00Z"}]""")
            .Valid();

        var kept = Assert.Single(settings.Archive.KeptAt(Now));
        Assert.Equal(("1.3.9", "1.4.2"), (kept.Version, kept.SnapshotOf));
        Assert.Equal(new DateTimeOffset(2025, 6, 19, 12, 0, 0, TimeSpan.Zero), settings.Archive.KeptUntil(kept));
        // 1.3.0's retention is over, yet its snapshot (taken before 1.3.9) stays declared until a prune is committed.
        Assert.Equal(["1.4.2", "1.3.9"], settings.Archive.SnapshotTags);
        Assert.Equal(["1.5.0", "1.4.2", "1.3.9"], settings.SnapshotReleases);
        var later = TestConfig.Prod().With("backup.databaseClusterId", "orders")
            .With("archive.releases", """[{"version":"1.3.9","snapshotOf":"1.4.2","retiredAt":"2025-05-20T12:00:00Z"},{"version":"1.3.0","snapshotOf":"1.3.9","retiredAt":"2025-05-01T12:00:00Z"}]""")
            .Valid(Now.AddYears(1));
        Assert.Equal(settings.SnapshotReleases, later.SnapshotReleases);

        var prune = ArchivePlans.Prune(settings, Now).Change!;
        Assert.Equal(ConfigEdit.Plain("archive.releases", """[{"version": "1.3.9", "snapshotOf": "1.4.2", "retiredAt": "2025-05-20T12:00:00Z"}]"""), Assert.Single(prune.Edits));
        Assert.Equal(["1.3.9"], ArchivePlans.SnapshotsReleasedByPrune(settings, Now));
        Assert.Equal(MovePlan.Nothing(MoveKind.Prune), ArchivePlans.Prune(settings, Now.AddDays(-30)));
    }

    [Fact]
    public void Retire_archives_the_retired_release_with_the_snapshot_of_the_release_that_replaced_it()
    {
        var promotedAt = Now.AddDays(-4);
        var settings = TestConfig.Prod()
            .With("backup.databaseClusterId", "orders")
            .With("release.live", "green")
            .With("release.promotedAt", TestConfig.Timestamp(promotedAt))
            .With("ramp.stepSetAt", TestConfig.Timestamp(promotedAt.AddHours(-1)))
            .With("archive.releases", """[{"version":"1.3.0","snapshotOf":"1.3.9","retiredAt":"2025-04-01T12:00:00Z"},{"version":"1.3.9","snapshotOf":"1.4.2","retiredAt":"2025-06-01T12:00:00Z"}]""")
            .Valid();

        var change = ReleaseMoves.Retire(settings, Now).Change!;

        Assert.Equal(ConfigEdit.Plain("release.retired", "blue"), change.Edits[0]);
        // The expired 1.3.0 stays: only 'ramp prune' removes entries, in a change of their own.
        Assert.Equal(
            ConfigEdit.Plain("archive.releases", """[{"version": "1.3.0", "snapshotOf": "1.3.9", "retiredAt": "2025-04-01T12:00:00Z"}, {"version": "1.3.9", "snapshotOf": "1.4.2", "retiredAt": "2025-06-01T12:00:00Z"}, {"version": "1.4.2", "snapshotOf": "1.5.0", "retiredAt": "2025-06-10T12:00:00Z"}]"""),
            change.Edits[1]);
        Assert.Contains("'ramp prune' may remove it from 2025-07-10T12:00:00Z", change.Summary, StringComparison.Ordinal);

        // What retire writes reads back as the same archive.
        var after = TestConfig.Prod().With("backup.databaseClusterId", "orders").With("archive.releases", change.Edits[1].YamlValue).Valid();
        Assert.Equal(["1.3.9", "1.4.2"], after.Archive.KeptAt(Now).Select(r => r.Version));
        Assert.Equal(["1.3.0"], after.Archive.ExpiredAt(Now).Select(r => r.Version));
    }

    [Fact]
    public void Without_a_database_the_archive_keeps_the_version_only_and_with_zero_retention_a_prune_may_remove_it_at_once()
    {
        var promoted = TestConfig.Staging()
            .With("release.live", "green")
            .With("release.promotedAt", TestConfig.Timestamp(Now.AddDays(-4)))
            .With("ramp.stepSetAt", TestConfig.Timestamp(Now.AddDays(-5)));

        var change = ReleaseMoves.Retire(promoted.Valid(), Now).Change!;
        Assert.Contains("\"snapshotOf\": null", change.Edits[1].YamlValue, StringComparison.Ordinal);

        var zero = promoted.With("archive.retention", "0h");
        var retired = ReleaseMoves.Retire(zero.Valid(), Now).Change!;
        Assert.Contains("\"version\": \"1.4.2\"", retired.Edits[1].YamlValue, StringComparison.Ordinal);
        var pruned = ArchivePlans.Prune(zero.With("release.retired", "blue").With("archive.releases", retired.Edits[1].YamlValue).Valid(), Now).Change!;
        Assert.Equal("[]", Assert.Single(pruned.Edits).YamlValue);
    }
}
