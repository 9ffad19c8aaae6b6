using System.Text.RegularExpressions;
using Pulumi;

namespace BlueGreen.Components;

/// <summary>The arguments of <see cref="ReleaseBackups"/>.</summary>
public sealed partial class ReleaseBackupsArgs
{
    /// <summary>The app's name (a DNS label): names the pre-release snapshot and tags everything.</summary>
    public required string AppName { get; init; }

    /// <summary>Prefix of the vault, plan, key alias and restore-testing names, e.g. <c>shop-prod</c>:
    /// letters, digits, <c>-</c>, <c>_</c>, at most 40 characters.</summary>
    public required string NamePrefix { get; init; }

    /// <summary>Days the daily recovery points are kept (the stack's defaults: 30 in prod, 7 in staging).</summary>
    public required int DailyRetentionDays { get; init; }

    /// <summary>AWS cron expression of the daily rule (UTC).</summary>
    public string DailySchedule { get; init; } = "cron(0 3 * * ? *)";

    /// <summary>An optional weekly rule with longer retention and optional cold storage.</summary>
    public WeeklyBackupRule? Weekly { get; init; }

    /// <summary>What is backed up: resources with a tag and/or listed ARNs.</summary>
    public required BackupResources Resources { get; init; }

    /// <summary>A vault lock (prod), or null for none.</summary>
    public VaultLockSettings? VaultLock { get; init; }

    /// <summary>Weekly AWS Backup restore testing, or null for none.</summary>
    public RestoreTestSettings? RestoreTesting { get; init; }

    /// <summary>The RDS/Aurora cluster to snapshot before the release, or null for no snapshot.</summary>
    public Input<string>? DbClusterIdentifier { get; init; }

    /// <summary>The release's image tag; with <see cref="DbClusterIdentifier"/> it names the pre-release snapshot.</summary>
    public string? ReleaseTag { get; init; }

    /// <summary>The releases whose pre-release snapshot is kept for the archive (their image tags); each
    /// stays declared, unchanged, until the stack stops listing it, and is deleted then.</summary>
    public IReadOnlyList<string> ArchivedSnapshotTags { get; init; } = [];

    /// <summary>The releases whose snapshot the component declares: the release under way first, then the
    /// archived ones (none without a cluster).</summary>
    public IReadOnlyList<string> SnapshotTags => DbClusterIdentifier is null
        ? []
        : [.. (TakesSnapshot ? [ReleaseTag!] : Array.Empty<string>()).Concat(ArchivedSnapshotTags).Distinct(StringComparer.Ordinal)];

    /// <summary>How long the provider waits for a snapshot to be created (or deleted): 10 minutes to 24 hours.</summary>
    public TimeSpan SnapshotTimeout { get; init; } = TimeSpan.FromHours(2);

    /// <summary>AWS tags of everything created.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>Whether a pre-release snapshot is taken: only with both a cluster and a release tag.</summary>
    public bool TakesSnapshot => DbClusterIdentifier is not null && !string.IsNullOrWhiteSpace(ReleaseTag);

    /// <summary>Checks every argument; the component calls it first, and the stack may call it early.</summary>
    /// <exception cref="ArgumentException">An argument breaks a rule; <see cref="ArgumentException.ParamName"/> names it.</exception>
    public void Validate()
    {
        AwsNames.RequireAppName(AppName, nameof(AppName));
        AwsText.RequireTags(Tags, nameof(Tags));
        if (NamePrefix is null || !PrefixPattern().IsMatch(NamePrefix))
        {
            throw new ArgumentException($"NamePrefix must be 1–40 letters, digits, '-' or '_', not '{NamePrefix}'.", nameof(NamePrefix));
        }

        BackupRules.RequireValidLifecycle(DailyRetentionDays, null, nameof(DailyRetentionDays));
        if (!BackupRules.IsCronExpression(DailySchedule))
        {
            throw new ArgumentException(
                $"DailySchedule must be an AWS cron expression such as cron(0 3 * * ? *), not '{DailySchedule}'.", nameof(DailySchedule));
        }

        if (Weekly is { } weekly)
        {
            if (!BackupRules.IsCronExpression(weekly.Schedule))
            {
                throw new ArgumentException(
                    $"Weekly.Schedule must be an AWS cron expression such as cron(0 4 ? * SUN *), not '{weekly.Schedule}'.", nameof(Weekly));
            }

            BackupRules.RequireValidLifecycle(weekly.RetentionDays, weekly.ColdStorageAfterDays, nameof(Weekly));
        }

        if (SnapshotTimeout < TimeSpan.FromMinutes(10) || SnapshotTimeout > TimeSpan.FromHours(24))
        {
            throw new ArgumentException($"SnapshotTimeout must be from 10 minutes to 24 hours, not {SnapshotTimeout}.", nameof(SnapshotTimeout));
        }

        ArgumentNullException.ThrowIfNull(Resources, nameof(Resources));
        Resources.Validate(nameof(Resources));

        if (VaultLock is { } vaultLock)
        {
            BackupRules.RequireLockAdmits(
                vaultLock,
                Weekly is null ? [DailyRetentionDays] : [DailyRetentionDays, Weekly.RetentionDays],
                nameof(VaultLock));
        }

        if (RestoreTesting is { } testing)
        {
            testing.Validate(nameof(RestoreTesting));
        }

        if (DbClusterIdentifier is not null && string.IsNullOrWhiteSpace(ReleaseTag) && ArchivedSnapshotTags.Count == 0)
        {
            // A release tag without a cluster just means no database; a cluster without a tag is a mistake.
            throw new ArgumentException(
                "The pre-release snapshot of DbClusterIdentifier needs ReleaseTag to name it.", nameof(ReleaseTag));
        }

        foreach (var tag in SnapshotTags)
        {
            try
            {
                AwsNames.PreReleaseSnapshotIdentifier(NamePrefix, tag);
            }
            catch (ArgumentException error)
            {
                // The app name is a DNS label already, so it is the tag that cannot name the snapshot.
                throw new ArgumentException(
                    $"ReleaseTag '{tag}' cannot name an RDS snapshot: it needs at least one letter or digit.",
                    tag == ReleaseTag ? nameof(ReleaseTag) : nameof(ArchivedSnapshotTags),
                    error);
            }
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,40}$")]
    private static partial Regex PrefixPattern();
}

/// <summary>The weekly backup rule.</summary>
/// <param name="RetentionDays">Days kept; with cold storage at least <paramref name="ColdStorageAfterDays"/> + 90.</param>
/// <param name="ColdStorageAfterDays">Days before recovery points move to cold storage, or null for never.</param>
/// <param name="Schedule">AWS cron expression (UTC).</param>
public sealed record WeeklyBackupRule(int RetentionDays, int? ColdStorageAfterDays = null, string Schedule = "cron(0 4 ? * SUN *)");

/// <summary>What AWS Backup selects: resources tagged <paramref name="TagKey"/>=<paramref name="TagValue"/>,
/// the listed <paramref name="ResourceArns"/>, or both; at least one of the two.</summary>
public sealed record BackupResources(string? TagKey = "backup", string? TagValue = "true", IReadOnlyList<Input<string>>? ResourceArns = null)
{
    /// <summary>Whether resources are selected by tag.</summary>
    public bool ByTag => TagKey is not null;

    internal void Validate(string paramName)
    {
        if (TagKey is null != TagValue is null)
        {
            throw new ArgumentException("Resources.TagKey and Resources.TagValue go together: set both or neither.", paramName);
        }

        if (TagKey is not null && (TagKey.Length is 0 or > 128 || TagValue!.Length > 256))
        {
            throw new ArgumentException("Resources.TagKey must be 1–128 characters and TagValue at most 256.", paramName);
        }

        if (!ByTag && (ResourceArns is null || ResourceArns.Count == 0))
        {
            throw new ArgumentException("Resources needs a tag (TagKey/TagValue) or at least one ARN in ResourceArns.", paramName);
        }
    }
}

/// <summary>An AWS Backup vault lock.</summary>
/// <param name="MinRetentionDays">Recovery points cannot be deleted before this many days.</param>
/// <param name="MaxRetentionDays">Nor kept longer than this, or null for no maximum.</param>
/// <param name="ChangeableForDays">Compliance mode: the lock becomes immutable after this many days (at
/// least 3); null for governance mode, which privileged users can still remove.</param>
public sealed record VaultLockSettings(int MinRetentionDays, int? MaxRetentionDays = null, int? ChangeableForDays = null);

/// <summary>Weekly AWS Backup restore testing of the latest recovery points in the vault.</summary>
/// <param name="ProtectedResourceType">The resource type restored, e.g. <c>Aurora</c>, <c>RDS</c>, <c>EBS</c>, <c>DynamoDB</c>, <c>S3</c>.</param>
/// <param name="Schedule">AWS cron expression (UTC).</param>
/// <param name="SelectionWindowDays">Recovery points from the last N days are candidates, 1–365.</param>
/// <param name="MetadataOverrides">Restore metadata overrides (e.g. subnet group, security groups), or null.</param>
public sealed record RestoreTestSettings(
    string ProtectedResourceType = "Aurora",
    string Schedule = "cron(0 6 ? * MON *)",
    int SelectionWindowDays = 7,
    IReadOnlyDictionary<string, string>? MetadataOverrides = null)
{
    internal void Validate(string paramName)
    {
        Check.NotEmpty(ProtectedResourceType, paramName);
        if (!BackupRules.IsCronExpression(Schedule))
        {
            throw new ArgumentException(
                $"RestoreTesting.Schedule must be an AWS cron expression such as cron(0 6 ? * MON *), not '{Schedule}'.", paramName);
        }

        Check.Range(SelectionWindowDays, 1, 365, paramName, "RestoreTesting.SelectionWindowDays");
    }
}
