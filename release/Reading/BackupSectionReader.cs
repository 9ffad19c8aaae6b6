using System.Globalization;
using BlueGreen.Release.Formats;

namespace BlueGreen.Release.Reading;

/// <summary>Reads <c>backup.*</c>.</summary>
internal static class BackupSectionReader
{
    public static BackupSettings? Backup(ConfigText config, StackEnvironment env, bool prod)
    {
        const string cron = "use " + AwsFormats.CronRule;
        var minRetention = prod ? BackupSettings.MinProdRetentionDays : 1;
        var retention = config.Int(
            ConfigKeys.BackupRetentionDays,
            BackupSettings.DefaultRetentionDays(env),
            int.MinValue,
            int.MaxValue,
            $"use days from {minRetention} to 36500");
        if (retention is { } days && (days < minRetention || days > 36500))
        {
            config.Add(
                ConfigKeys.BackupRetentionDays,
                days.ToString(CultureInfo.InvariantCulture),
                prod
                    ? $"is under the prod minimum; prod keeps backups at least {BackupSettings.MinProdRetentionDays} days (up to 36500)"
                    : "is out of range; use days from 1 to 36500");
            retention = null;
        }

        var schedule = config.Text(ConfigKeys.BackupSchedule, AwsFormats.IsCron, "is not an AWS cron expression", cron, BackupSettings.DefaultSchedule);

        var weeklyEnabled = config.Bool(ConfigKeys.BackupWeeklyEnabled, false);
        var weeklySchedule = config.Text(ConfigKeys.BackupWeeklySchedule, AwsFormats.IsCron, "is not an AWS cron expression", cron, BackupSettings.DefaultWeeklySchedule);
        var weeklyRetention = config.Int(
            ConfigKeys.BackupWeeklyRetentionDays, BackupSettings.DefaultWeeklyRetentionDays, 1, 36500, "use days from 1 to 36500");
        var coldAfter = config.Int(
            ConfigKeys.BackupWeeklyColdStorageAfterDays, null, 1, 36500, "use days from 1 to 36500 before moving to cold storage, or leave it unset");
        if (weeklyRetention is { } wr && coldAfter is { } cold && wr < cold + BackupSettings.MinDaysInColdStorage)
        {
            config.Add(
                ConfigKeys.BackupWeeklyRetentionDays,
                wr.ToString(CultureInfo.InvariantCulture),
                $"is less than backup.weekly.coldStorageAfterDays {cold} + {BackupSettings.MinDaysInColdStorage}; AWS keeps " +
                $"a recovery point at least {BackupSettings.MinDaysInColdStorage} days in cold storage, so retention must be " +
                $"at least {cold + BackupSettings.MinDaysInColdStorage} days");
        }

        var (tagKey, tagValue, tagOk) = ReadSelectionTag(config);
        var resources = config.StringList(
            ConfigKeys.BackupSelectionResources,
            [],
            "use a list of resource ARNs, e.g. [\"arn:aws:rds:eu-west-1:123456789012:cluster:orders\"]");
        if (resources is not null)
        {
            foreach (var arn in resources)
            {
                if (Arn.BackupResourceProblem(arn) is { } problem)
                {
                    config.Add(ConfigKeys.BackupSelectionResources, $"{ConfigText.Show(resources)} has \"{arn}\" that", problem);
                }
            }
        }

        if (tagOk && tagKey is null && resources is { Count: 0 })
        {
            config.Add(
                ConfigKeys.BackupSelectionTag,
                "none",
                "leaves nothing to back up, as backup.selection.resources is empty too; set a tag (key=value) or list resource ARNs");
        }

        var restoreTestingEnabled = config.Bool(ConfigKeys.BackupRestoreTestingEnabled, prod);
        var restoreTestingSchedule = config.Text(
            ConfigKeys.BackupRestoreTestingSchedule, AwsFormats.IsCron, "is not an AWS cron expression", cron, BackupSettings.DefaultRestoreTestingSchedule);
        var databaseClusterId = config.Text(
            ConfigKeys.BackupDatabaseClusterId,
            AwsFormats.IsDatabaseClusterId,
            "is not a database cluster identifier",
            "use 1–63 letters, digits and '-', starting with a letter, without '--' or a trailing '-', or leave it unset");

        var snapshotTimeout = config.Duration(
            ConfigKeys.BackupSnapshotTimeout, BackupSettings.DefaultSnapshotTimeout, TimeSpan.FromMinutes(10), TimeSpan.FromHours(24), TimeSpan.FromMinutes(1),
            "use whole minutes from 10m to 24h: how long 'pulumi up' waits for a pre-release snapshot of a large cluster, e.g. 2h");

        var failed = new[]
        {
            ConfigKeys.BackupWeeklyRetentionDays, ConfigKeys.BackupSelectionTag, ConfigKeys.BackupSelectionResources,
            ConfigKeys.BackupDatabaseClusterId,
        }.Any(config.Failed);
        if (failed || retention is null || schedule is null || weeklyEnabled is null || weeklySchedule is null ||
            weeklyRetention is null || restoreTestingEnabled is null || restoreTestingSchedule is null ||
            resources is null || config.Failed(ConfigKeys.BackupWeeklyColdStorageAfterDays) || snapshotTimeout is null)
        {
            return null;
        }

        return new BackupSettings(
            retention.Value,
            schedule,
            weeklyEnabled.Value ? new WeeklyBackup(weeklySchedule, weeklyRetention.Value, coldAfter) : null,
            new BackupSelection(tagKey, tagValue, resources),
            new RestoreTestingSettings(restoreTestingEnabled.Value, restoreTestingSchedule),
            databaseClusterId)
        {
            SnapshotTimeout = snapshotTimeout.Value,
        };
    }

    private static (string? Key, string? Value, bool Ok) ReadSelectionTag(ConfigText config)
    {
        var raw = config.Raw(ConfigKeys.BackupSelectionTag) ?? BackupSelection.DefaultTag;
        if (raw.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return (null, null, true);
        }

        var parts = raw.Split('=', 2);
        if (parts.Length == 2 && parts[0].Trim().Length is > 0 and <= 128 && parts[1].Trim().Length <= 256 &&
            !parts[0].StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
        {
            return (parts[0].Trim(), parts[1].Trim(), true);
        }

        config.Add(
            ConfigKeys.BackupSelectionTag,
            raw,
            "is not a tag; use key=value (key 1–128 characters, not starting with aws:, value up to 256), or none to select by ARN only");
        return (null, null, false);
    }
}
