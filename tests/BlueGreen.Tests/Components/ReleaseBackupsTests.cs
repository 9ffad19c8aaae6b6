using System.Collections.Immutable;
using System.Text.Json;
using BlueGreen.Components;
using Pulumi;
using Pulumi.Utilities;

namespace BlueGreen.Tests.Components;

[Collection(PulumiCollection.Name)]
public class ReleaseBackupsTests
{
    private static ReleaseBackupsArgs Args(
        int retention = 30,
        WeeklyBackupRule? weekly = null,
        BackupResources? resources = null,
        VaultLockSettings? vaultLock = null,
        RestoreTestSettings? restoreTesting = null,
        Input<string>? cluster = null,
        string? tag = "v1.4.2") => new()
        {
            AppName = "shop",
            NamePrefix = "shop-prod",
            DailyRetentionDays = retention,
            Weekly = weekly,
            Resources = resources ?? new BackupResources(),
            VaultLock = vaultLock,
            RestoreTesting = restoreTesting,
            DbClusterIdentifier = cluster,
            ReleaseTag = tag,
        };

    private static async Task<(PulumiHarness Harness, ReleaseBackups Backups)> RunAsync(ReleaseBackupsArgs args)
    {
        var harness = new PulumiHarness();
        ReleaseBackups? backups = null;
        await harness.RunAsync(() => backups = new ReleaseBackups("shop-backups", args, harness.RecordingOptions()));
        return (harness, backups!);
    }

    private static ImmutableDictionary<string, object> Rule(PulumiHarness harness, string name) =>
        harness.Named("shop-backups-plan").Inputs.List("rules").Cast<ImmutableDictionary<string, object>>()
            .Single(r => (string)r["ruleName"] == name);

    [Fact]
    public async Task Vault_is_protected_and_encrypted_with_its_own_rotating_key()
    {
        var (harness, _) = await RunAsync(Args());
        var key = harness.Named("shop-backups-vault-key").Inputs;
        var vault = harness.Named("shop-backups-vault").Inputs;

        Assert.True(harness.OptionsOf("shop-backups-vault").Protect);
        Assert.True(harness.OptionsOf("shop-backups-vault-key").Protect);
        Assert.Equal(true, key.At("enableKeyRotation"));
        Assert.Equal("arn:aws:test:eu-west-1:123456789012:shop-backups-vault-key", vault.At("kmsKeyArn"));
        Assert.Equal("shop-prod-vault", vault.At("name"));
        Assert.Equal("alias/shop-prod-backup", harness.Named("shop-backups-vault-key-alias").Inputs.At("name"));
        Assert.Equal("shop-backups-vault-key-key-id", harness.Named("shop-backups-vault-key-alias").Inputs.At("targetKeyId"));
    }

    [Theory]
    [InlineData(30)]
    [InlineData(7)]
    public async Task Daily_rule_keeps_recovery_points_for_the_given_days(int days)
    {
        var (harness, _) = await RunAsync(Args(retention: days));
        var daily = Rule(harness, "daily");

        Assert.Equal((double)days, daily.At("lifecycle", "deleteAfter"));
        Assert.Null(daily.At("lifecycle", "coldStorageAfter"));
        Assert.Equal("cron(0 3 * * ? *)", daily.At("schedule"));
        Assert.Equal("shop-prod-vault", daily.At("targetVaultName"));
        Assert.Single(harness.Named("shop-backups-plan").Inputs.List("rules"));
    }

    [Fact]
    public async Task Weekly_rule_moves_to_cold_storage_and_keeps_points_long_enough()
    {
        var (harness, _) = await RunAsync(Args(weekly: new WeeklyBackupRule(365, 30)));
        var weekly = Rule(harness, "weekly");

        Assert.Equal(365.0, weekly.At("lifecycle", "deleteAfter"));
        Assert.Equal(30.0, weekly.At("lifecycle", "coldStorageAfter"));
        Assert.Equal("cron(0 4 ? * SUN *)", weekly.At("schedule"));
    }

    [Fact]
    public async Task Selection_by_tag_uses_the_role_and_the_plan()
    {
        var (harness, _) = await RunAsync(Args());
        var selection = harness.Named("shop-backups-selection").Inputs;

        Assert.Equal("shop-backups-plan_id", selection.At("planId"));
        Assert.Equal("arn:aws:test:eu-west-1:123456789012:shop-backups-backup-role", selection.At("iamRoleArn"));
        Assert.Equal("STRINGEQUALS", selection.At("selectionTags", 0, "type"));
        Assert.Equal("backup", selection.At("selectionTags", 0, "key"));
        Assert.Equal("true", selection.At("selectionTags", 0, "value"));
        Assert.Null(selection.At("resources"));
    }

    [Fact]
    public async Task Selection_by_arn_lists_the_resources()
    {
        var arn = "arn:aws:rds:eu-west-1:123456789012:cluster:shop";
        var (harness, _) = await RunAsync(Args(resources: new BackupResources(null, null, [arn])));
        var selection = harness.Named("shop-backups-selection").Inputs;

        Assert.Equal(new object[] { arn }, selection.List("resources"));
        Assert.Null(selection.At("selectionTags"));
    }

    [Fact]
    public async Task Backup_role_trusts_aws_backup_and_has_the_managed_backup_and_restore_policies()
    {
        var (harness, _) = await RunAsync(Args());
        using var trust = JsonDocument.Parse((string)harness.Named("shop-backups-backup-role").Inputs.At("assumeRolePolicy")!);
        var attached = harness.OfType("aws:iam/rolePolicyAttachment:RolePolicyAttachment")
            .Select(a => (string)a.Inputs["policyArn"]).Order(StringComparer.Ordinal);

        Assert.Equal(
            "backup.amazonaws.com",
            trust.RootElement.GetProperty("Statement")[0].GetProperty("Principal").GetProperty("Service")[0].GetString());
        Assert.Equal(
            [
                "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
                "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores",
            ],
            attached);
    }

    [Fact]
    public async Task Vault_lock_is_created_only_when_asked()
    {
        var (without, _) = await RunAsync(Args());
        Assert.Empty(without.OfType("aws:backup/vaultLockConfiguration:VaultLockConfiguration"));

        var (with, _) = await RunAsync(Args(vaultLock: new VaultLockSettings(7, 400)));
        var lockConfig = Assert.Single(with.OfType("aws:backup/vaultLockConfiguration:VaultLockConfiguration")).Inputs;
        Assert.Equal("shop-prod-vault", lockConfig.At("backupVaultName"));
        Assert.Equal(7.0, lockConfig.At("minRetentionDays"));
        Assert.Equal(400.0, lockConfig.At("maxRetentionDays"));
        Assert.Null(lockConfig.At("changeableForDays"));
    }

    [Fact]
    public async Task Restore_testing_restores_the_latest_points_of_the_vault_weekly()
    {
        var (harness, _) = await RunAsync(Args(restoreTesting: new RestoreTestSettings()));
        var plan = harness.Named("shop-backups-restore-test").Inputs;
        var selection = harness.Named("shop-backups-restore-test-selection").Inputs;

        Assert.Equal("shop_prod_restore_test", plan.At("name"));
        Assert.Equal("cron(0 6 ? * MON *)", plan.At("scheduleExpression"));
        Assert.Equal("LATEST_WITHIN_WINDOW", plan.At("recoveryPointSelection", "algorithm"));
        Assert.Equal(new object[] { "arn:aws:test:eu-west-1:123456789012:shop-backups-vault" }, plan.List("recoveryPointSelection", "includeVaults"));
        Assert.Equal("shop_prod_restore_test", selection.At("restoreTestingPlanName"));
        Assert.Equal("Aurora", selection.At("protectedResourceType"));
        Assert.Equal("aws:ResourceTag/backup", selection.At("protectedResourceConditions", "stringEquals", 0, "key"));
        Assert.Equal("arn:aws:test:eu-west-1:123456789012:shop-backups-backup-role", selection.At("iamRoleArn"));
    }

    [Fact]
    public async Task No_restore_testing_unless_asked()
    {
        var (harness, _) = await RunAsync(Args());
        Assert.Empty(harness.OfType("aws:backup/restoreTestingPlan:RestoreTestingPlan"));
    }

    [Fact]
    public async Task Pre_release_snapshot_is_named_after_the_release_retained_on_delete_and_waits_long_enough()
    {
        var (harness, backups) = await RunAsync(Args(cluster: "shop-db", tag: "v1.4.2"));
        var snapshot = harness.Named("shop-backups-pre-release-v1.4.2").Inputs;

        Assert.Equal("shop-db", snapshot.At("dbClusterIdentifier"));
        Assert.Equal("shop-prod-pre-v1-4-2", snapshot.At("dbClusterSnapshotIdentifier"));
        // No apply that stops declaring it and no 'pulumi destroy' deletes the only copy from before a migration;
        // not 'protect', which would make every destroy fail.
        var options = (CustomResourceOptions)harness.OptionsOf("shop-backups-pre-release-v1.4.2");
        Assert.True(options.RetainOnDelete);
        Assert.NotEqual(true, options.Protect);
        // A large cluster's snapshot takes longer than the provider's default wait.
        Assert.Equal(TimeSpan.FromHours(2), options.CustomTimeouts!.Create);
        Assert.Equal("shop-prod-pre-v1-4-2", await OutputUtilities.GetValueAsync(backups.SnapshotIdentifier!));
        Assert.NotNull(backups.PreReleaseSnapshot);
    }

    [Fact]
    public async Task Archived_releases_keep_their_snapshots_beside_the_release_under_way()
    {
        var args = Args(cluster: "shop-db", tag: "1.6.0");
        var (harness, backups) = await RunAsync(new ReleaseBackupsArgs
        {
            AppName = args.AppName,
            NamePrefix = args.NamePrefix,
            DailyRetentionDays = args.DailyRetentionDays,
            Resources = args.Resources,
            DbClusterIdentifier = "shop-db",
            ReleaseTag = "1.6.0",
            ArchivedSnapshotTags = ["1.5.0", "1.4.2"],
        });

        Assert.Equal(
            ["shop-prod-pre-1-4-2", "shop-prod-pre-1-5-0", "shop-prod-pre-1-6-0"],
            harness.OfType("aws:rds/clusterSnapshot:ClusterSnapshot").Select(r => (string)r.Inputs.At("dbClusterSnapshotIdentifier")!).Order(StringComparer.Ordinal));
        Assert.Equal("shop-prod-pre-1-6-0", await OutputUtilities.GetValueAsync(backups.SnapshotIdentifier!));
        Assert.Equal(3, backups.Snapshots.Count);
    }

    [Fact]
    public async Task An_archived_snapshot_is_kept_while_no_release_is_under_way()
    {
        var (harness, backups) = await RunAsync(new ReleaseBackupsArgs
        {
            AppName = "shop",
            NamePrefix = "shop-prod",
            DailyRetentionDays = 30,
            Resources = new BackupResources(),
            DbClusterIdentifier = "shop-db",
            ArchivedSnapshotTags = ["1.5.0"],
        });

        Assert.Equal("shop-prod-pre-1-5-0", Assert.Single(harness.OfType("aws:rds/clusterSnapshot:ClusterSnapshot")).Inputs.At("dbClusterSnapshotIdentifier"));
        Assert.Null(backups.PreReleaseSnapshot);
        Assert.Null(backups.SnapshotIdentifier);
    }

    [Fact]
    public async Task No_snapshot_without_a_cluster()
    {
        var (harness, backups) = await RunAsync(Args(cluster: null));

        Assert.Empty(harness.OfType("aws:rds/clusterSnapshot:ClusterSnapshot"));
        Assert.Null(backups.SnapshotIdentifier);
        Assert.Null(backups.PreReleaseSnapshot);
    }

    [Fact]
    public async Task Outputs_give_the_vault_and_plan()
    {
        var (_, backups) = await RunAsync(Args());

        Assert.Equal("shop-prod-vault", await OutputUtilities.GetValueAsync(backups.VaultName));
        Assert.Equal("arn:aws:test:eu-west-1:123456789012:shop-backups-vault", await OutputUtilities.GetValueAsync(backups.VaultArn));
        Assert.Equal("shop-backups-plan_id", await OutputUtilities.GetValueAsync(backups.PlanId));
    }

    [Theory]
    [InlineData(120, 30, true)]
    [InlineData(119, 30, false)]
    [InlineData(90, null, true)]
    [InlineData(0, null, false)]
    [InlineData(200, 0, false)]
    [InlineData(36501, null, false)]
    public void Cold_storage_needs_ninety_more_days_of_retention(int deleteAfter, int? coldAfter, bool valid)
    {
        Assert.Equal(valid, BackupRules.IsValidLifecycle(deleteAfter, coldAfter));
        Assert.Equal(valid, Record.Exception(() => BackupRules.RequireValidLifecycle(deleteAfter, coldAfter, "Weekly")) is null);
    }

    [Theory]
    [InlineData("cron(0 3 * * ? *)", true)]
    [InlineData("cron(0 4 ? * SUN *)", true)]
    [InlineData("rate(1 day)", false)]
    [InlineData("0 3 * * *", false)]
    public void Schedules_are_aws_cron_expressions(string expression, bool valid) =>
        Assert.Equal(valid, BackupRules.IsCronExpression(expression));

    public static TheoryData<ReleaseBackupsArgs, string> InvalidArgs => new()
    {
        { Args(retention: 0), "DailyRetentionDays" },
        { Args(weekly: new WeeklyBackupRule(100, 30)), "Weekly" },
        { Args(weekly: new WeeklyBackupRule(365, null, "weekly")), "Weekly" },
        { Args(resources: new BackupResources(null, null, [])), "Resources" },
        { Args(resources: new BackupResources("backup", null)), "Resources" },
        { Args(retention: 7, vaultLock: new VaultLockSettings(30)), "VaultLock" },
        { Args(vaultLock: new VaultLockSettings(7, 3650, ChangeableForDays: 1)), "VaultLock" },
        { Args(weekly: new WeeklyBackupRule(365), vaultLock: new VaultLockSettings(7, 100)), "VaultLock" },
        { Args(restoreTesting: new RestoreTestSettings(Schedule: "weekly")), "RestoreTesting" },
        { Args(cluster: "shop-db", tag: null), "ReleaseTag" },
        { Args(cluster: "shop-db", tag: "..."), "ReleaseTag" },
    };

    [Theory]
    [MemberData(nameof(InvalidArgs))]
    public void Invalid_args_are_rejected_naming_the_argument(ReleaseBackupsArgs args, string argument) =>
        Assert.Equal(argument, Assert.Throws<ArgumentException>(args.Validate).ParamName);
}
