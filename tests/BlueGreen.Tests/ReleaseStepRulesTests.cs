using BlueGreen.Release;

namespace BlueGreen.Tests;

/// <summary>
/// The release-step rules that need the whole settings: when the weights wait for the smoke test, maintenance
/// during a release, tags whose Job and snapshot names fold together, the Jobs' pods and per-release migrations.
/// </summary>
public class ReleaseStepRulesTests
{
    private static readonly DateTimeOffset Now = TestConfig.Now;

    /// <summary>Blue live since its promotion ten days ago, green retired.</summary>
    private static TestConfig Idle(TestConfig config) => config
        .With("release.retired", "green")
        .With("release.promotedAt", TestConfig.Timestamp(Now.AddDays(-10)))
        .With("ramp.stepSetAt", TestConfig.Timestamp(Now.AddDays(-11)));

    private static TestConfig WithSmoke() => TestConfig.Staging().With("smoke.command", """["/app/smoke"]""");

    [Fact]
    public void Only_a_weight_above_0_for_the_release_under_way_waits_for_its_smoke_test()
    {
        Assert.False(ReleaseStepRules.WeightsWaitForSmoke(WithSmoke().Valid()));
        Assert.True(ReleaseStepRules.WeightsWaitForSmoke(WithSmoke().With("ramp.step", "1").With("ramp.stepSetAt", TestConfig.Timestamp(Now.AddHours(-1))).Valid()));
        Assert.False(ReleaseStepRules.WeightsWaitForSmoke(TestConfig.Staging().With("ramp.step", "1").With("ramp.stepSetAt", TestConfig.Timestamp(Now.AddHours(-1))).Valid()));
    }

    [Fact]
    public void Maintenance_is_refused_while_a_colour_is_at_risk_naming_the_key_the_colour_and_the_metric()
    {
        var problem = TestConfig.Staging().With("maintenance.enabled", "true").OnlyProblem();

        Assert.Equal("maintenance.enabled", problem.Key);
        Assert.Contains("green (1.5.0) is at risk (ramping)", problem.Message, StringComparison.Ordinal);
        Assert.Contains("HTTPCode_ELB_5XX_Count", problem.Message, StringComparison.Ordinal);
        Assert.Contains("bluegreen:rollback.automatic: false", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Maintenance_is_allowed_when_idle_or_with_the_automatic_rollback_off()
    {
        var idle = Idle(TestConfig.Staging()).With("maintenance.enabled", "true").Valid();
        Assert.True(idle.Maintenance.Enabled);

        var manual = TestConfig.Staging().With("maintenance.enabled", "true").With("rollback.automatic", "false").Valid();
        Assert.True(manual.Maintenance.Enabled);
    }

    [Theory]
    [InlineData("1-5-0", "1.5.0")]
    [InlineData("1_5_0", "1.5.0")]
    [InlineData("V1.5", "v1.5")]
    public void A_release_whose_job_and_snapshot_names_fold_to_an_archived_ones_is_refused(string tag, string archived)
    {
        var problem = TestConfig.Staging()
            .With("green.imageTag", tag)
            .With("archive.releases", $$"""[{"version":"{{archived}}","snapshotOf":null,"retiredAt":"2025-06-01T12:00:00Z"}]""")
            .OnlyProblem();

        Assert.Equal("green.imageTag", problem.Key);
        Assert.Contains($"like {archived} does", problem.Message, StringComparison.Ordinal);
        Assert.Contains("ramp prune", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_tag_archived_or_a_different_fold_is_no_collision()
    {
        TestConfig.Staging().With("archive.releases", """[{"version":"1.5.0","snapshotOf":null,"retiredAt":"2025-06-01T12:00:00Z"}]""").Valid();
        TestConfig.Staging().With("archive.releases", """[{"version":"1.5.01","snapshotOf":null,"retiredAt":"2025-06-01T12:00:00Z"}]""").Valid();
    }

    [Fact]
    public void A_maintenance_page_is_measured_in_utf8_bytes()
    {
        Assert.True(TestConfig.Staging().With("maintenance.body", new string('x', 1024)).Read().IsValid);

        // 600 characters, 1200 bytes: within 1024 characters, over the limit in bytes.
        var problem = TestConfig.Staging().With("maintenance.body", new string('é', 600)).OnlyProblem();
        Assert.Equal("maintenance.body", problem.Key);
        Assert.Contains("is 1200 bytes of UTF-8", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_jobs_pods_default_to_the_colours_requests_and_limits_and_take_an_account_and_a_secret()
    {
        Assert.Equal(JobPodSettings.Default, TestConfig.Staging().Valid().Jobs);

        var jobs = TestConfig.Staging()
            .With("jobs.serviceAccount", "shop-jobs").With("jobs.secret", "shop-db")
            .With("jobs.cpuRequest", "0.5").With("jobs.memoryRequest", "1Gi").With("jobs.cpuLimit", "2").With("jobs.memoryLimit", "2Gi")
            .Valid().Jobs;

        Assert.Equal(new JobPodSettings("shop-jobs", "shop-db", "0.5", "1Gi", "2", "2Gi"), jobs);
    }

    [Theory]
    [InlineData("jobs.serviceAccount", "Shop_Jobs", "is not a service account name")]
    [InlineData("jobs.secret", "db secret", "is not a Secret name")]
    [InlineData("jobs.cpuRequest", "half", "is not a quantity")]
    [InlineData("jobs.memoryLimit", "512MB", "is not a quantity")]
    [InlineData("jobs.memoryLimit", "128Mi", "is below bluegreen:jobs.memoryRequest (256Mi)")]
    [InlineData("jobs.cpuLimit", "100m", "is below bluegreen:jobs.cpuRequest (250m)")]
    public void A_bad_jobs_key_is_named_with_what_is_allowed(string key, string value, string message)
    {
        var problem = TestConfig.Staging().With(key, value).OnlyProblem();

        Assert.Equal(key, problem.Key);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_release_may_skip_the_migration_or_run_its_own()
    {
        var settings = TestConfig.Prod()
            .With("backup.databaseClusterId", "orders")
            .With("migration.command", """["/app/migrate","up"]""")
            .With("migration.releases", """{"1.4.2": "skip", "1.5.0": ["/app/migrate", "--to", "7"]}""")
            .Valid();

        Assert.Null(settings.MigrationFor("1.4.2"));
        Assert.Equal(["/app/migrate", "--to", "7"], settings.MigrationFor("1.5.0")!.Command);
        Assert.Equal(["/app/migrate", "up"], settings.MigrationFor("1.6.0")!.Command);
    }

    [Theory]
    [InlineData("""["skip"]""", "is not a map")]
    [InlineData("""{"1.4.2": "later"}""", "has \"1.4.2\" that is not an image tag with \"skip\" or a command")]
    [InlineData("""{"not a tag": "skip"}""", "has \"not a tag\" that")]
    [InlineData("""{"1.4.2": []}""", "is not an image tag with \"skip\" or a command")]
    public void A_bad_migration_choice_is_named(string value, string message)
    {
        var problem = TestConfig.Staging().With("migration.releases", value).OnlyProblem();

        Assert.Equal("migration.releases", problem.Key);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_per_release_migration_command_needs_the_database_too()
    {
        var problem = TestConfig.Staging().With("migration.releases", """{"1.5.0": ["/app/migrate"]}""").OnlyProblem();

        Assert.Contains("bluegreen:backup.databaseClusterId is not set", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Starting_over_a_release_at_step_0_archives_it_with_its_own_snapshot()
    {
        var settings = TestConfig.Prod().With("backup.databaseClusterId", "orders").Valid();

        var change = ReleaseMoves.Start(settings, "1.5.1", Now).Change!;

        var archive = change.Edits.Single(e => e.Key == "archive.releases");
        Assert.Equal("""[{"version": "1.5.0", "snapshotOf": "1.5.0", "retiredAt": "2025-06-10T12:00:00Z"}]""", archive.YamlValue);
        Assert.Contains("1.5.0 is archived with its snapshot", change.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Bringing_back_an_archived_release_skips_the_migration_it_ran_long_ago()
    {
        var settings = Idle(TestConfig.Prod())
            .With("backup.databaseClusterId", "orders")
            .With("migration.command", """["/app/migrate","up"]""")
            .With("archive.releases", """[{"version":"1.3.9","snapshotOf":"1.4.2","retiredAt":"2025-06-01T12:00:00Z"}]""")
            .Valid();

        var change = ReleaseMoves.Start(settings, "1.3.9", Now).Change!;

        Assert.Equal(ConfigEdit.Plain("migration.releases", """{"1.3.9": "skip"}"""), change.Edits.Single(e => e.Key == "migration.releases"));
        Assert.Contains("runs against the current schema", change.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain(ReleaseMoves.Start(settings, "1.6.0", Now).Change!.Edits, e => e.Key == "migration.releases");
    }

    [Fact]
    public void Next_and_promote_are_refused_while_maintenance_is_on()
    {
        var settings = TestConfig.Staging().With("maintenance.enabled", "true").With("rollback.automatic", "false")
            .With("ramp.stepSetAt", TestConfig.Timestamp(Now.AddDays(-1))).Valid();

        var maintenanceOn = new GateEvidence { MaintenanceOn = true };
        var next = ReleaseMoves.Next(settings, Now);
        var gate = Assert.Single(next.Gates, g => g.Kind == GateKind.Maintenance);
        Assert.Contains("maintenance mode is on", MoveGates.Evaluate(gate, maintenanceOn, settings, Now).Reason, StringComparison.Ordinal);
        Assert.False(MoveGates.Evaluate(gate, maintenanceOn, settings, Now).Passed);
        var last = settings with { Ramp = settings.Ramp with { Step = settings.Ramp.Schedule.LastIndex } };
        Assert.Contains(ReleaseMoves.Promote(last, Now).Gates, g => g.Kind == GateKind.Maintenance);
        Assert.True(MoveGates.Evaluate(gate, new GateEvidence { MaintenanceOn = false }, settings, Now).Passed);
    }

    [Theory]
    [InlineData("5m")]
    [InlineData("25h")]
    [InlineData("soon")]
    public void A_snapshot_timeout_outside_10m_to_24h_is_named(string value)
    {
        var problem = TestConfig.Staging().With("backup.snapshotTimeout", value).OnlyProblem();

        Assert.Equal("backup.snapshotTimeout", problem.Key);
        Assert.Contains("from 10m to 24h", problem.Message, StringComparison.Ordinal);
    }
}
