namespace BlueGreen.Release;

/// <summary>AWS Backup of the stack's data.</summary>
/// <param name="RetentionDays">Days the daily recovery points are kept (prod at least 30).</param>
/// <param name="Schedule">AWS cron expression of the daily rule.</param>
/// <param name="Weekly">The optional weekly rule.</param>
/// <param name="Selection">What is backed up.</param>
/// <param name="RestoreTesting">AWS Backup restore testing.</param>
/// <param name="DatabaseClusterId">The RDS/Aurora cluster snapshotted before each release, if any.</param>
public sealed record BackupSettings(
    int RetentionDays,
    string Schedule,
    WeeklyBackup? Weekly,
    BackupSelection Selection,
    RestoreTestingSettings RestoreTesting,
    string? DatabaseClusterId)
{
    public const int MinProdRetentionDays = 30;

    /// <summary>How long <c>pulumi up</c> waits for a pre-release snapshot when not set.</summary>
    public static TimeSpan DefaultSnapshotTimeout { get; } = TimeSpan.FromHours(2);

    /// <summary>How long <c>pulumi up</c> waits for a pre-release snapshot to be created (or deleted).</summary>
    public TimeSpan SnapshotTimeout { get; init; } = DefaultSnapshotTimeout;

    public const string DefaultSchedule = "cron(0 3 * * ? *)";
    public const string DefaultWeeklySchedule = "cron(0 4 ? * SUN *)";
    public const int DefaultWeeklyRetentionDays = 365;
    public const string DefaultRestoreTestingSchedule = "cron(0 6 ? * MON *)";

    /// <summary>AWS keeps a recovery point in cold storage at least 90 days.</summary>
    public const int MinDaysInColdStorage = Formats.AwsFormats.MinDaysInColdStorage;

    /// <summary>Daily retention when not set: 30 days in prod, 7 in staging.</summary>
    public static int DefaultRetentionDays(StackEnvironment environment) =>
        environment == StackEnvironment.Prod ? 30 : 7;
}

/// <summary>The weekly backup rule.</summary>
/// <param name="Schedule">AWS cron expression.</param>
/// <param name="RetentionDays">Days kept; with cold storage, at least cold + 90.</param>
/// <param name="ColdStorageAfterDays">Days before moving to cold storage, if ever.</param>
public sealed record WeeklyBackup(string Schedule, int RetentionDays, int? ColdStorageAfterDays);

/// <summary>What AWS Backup selects: resources with a tag, listed ARNs, or both (at least one).</summary>
public sealed record BackupSelection(string? TagKey, string? TagValue, IReadOnlyList<string> ResourceArns)
{
    public const string DefaultTag = "backup=true";
}

/// <summary>AWS Backup restore testing: on by default in prod.</summary>
public sealed record RestoreTestingSettings(bool Enabled, string Schedule);
