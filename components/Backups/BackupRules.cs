using BlueGreen.Release.Formats;

namespace BlueGreen.Components;

/// <summary>The AWS Backup rules the component must respect, checked without Pulumi.</summary>
public static class BackupRules
{
    /// <summary>AWS keeps a recovery point in cold storage for at least 90 days.</summary>
    public const int MinDaysInColdStorage = AwsFormats.MinDaysInColdStorage;

    /// <summary>The longest retention AWS Backup takes, in days (100 years).</summary>
    public const int MaxRetentionDays = AwsFormats.MaxRetentionDays;

    /// <summary>Whether a lifecycle is valid (<see cref="AwsFormats.IsValidLifecycle"/>).</summary>
    public static bool IsValidLifecycle(int deleteAfterDays, int? coldStorageAfterDays) =>
        AwsFormats.IsValidLifecycle(deleteAfterDays, coldStorageAfterDays);

    /// <summary>Throws unless <see cref="IsValidLifecycle"/>; the message says which rule.</summary>
    /// <exception cref="ArgumentException">The lifecycle breaks an AWS Backup rule.</exception>
    public static void RequireValidLifecycle(int deleteAfterDays, int? coldStorageAfterDays, string paramName)
    {
        if (deleteAfterDays is < 1 or > MaxRetentionDays)
        {
            throw new ArgumentException($"Retention must be 1–{MaxRetentionDays} days, not {deleteAfterDays}.", paramName);
        }

        if (coldStorageAfterDays is { } cold)
        {
            if (cold < 1)
            {
                throw new ArgumentException($"Cold storage must start after at least 1 day, not {cold}.", paramName);
            }

            if (deleteAfterDays < cold + MinDaysInColdStorage)
            {
                throw new ArgumentException(
                    $"Recovery points moved to cold storage after {cold} days must be kept at least {cold + MinDaysInColdStorage} days " +
                    $"(cold + {MinDaysInColdStorage}), not {deleteAfterDays}.",
                    paramName);
            }
        }
    }

    /// <summary>
    /// Checks that a vault lock admits the plan's retentions: each rule's retention must lie within the
    /// lock's minimum and maximum, or AWS Backup refuses to store its recovery points.
    /// </summary>
    /// <exception cref="ArgumentException">A retention is outside the lock's range, or the lock itself is invalid.</exception>
    public static void RequireLockAdmits(VaultLockSettings vaultLock, IEnumerable<int> retentionDays, string paramName)
    {
        ArgumentNullException.ThrowIfNull(vaultLock);
        ArgumentNullException.ThrowIfNull(retentionDays);
        if (vaultLock.MinRetentionDays < 1 || vaultLock.MaxRetentionDays is { } max && max < vaultLock.MinRetentionDays)
        {
            throw new ArgumentException(
                $"The vault lock needs 1 ≤ MinRetentionDays ≤ MaxRetentionDays, not {vaultLock.MinRetentionDays}–{vaultLock.MaxRetentionDays}.",
                paramName);
        }

        if (vaultLock.ChangeableForDays is < 3)
        {
            throw new ArgumentException(
                $"The vault lock's ChangeableForDays (compliance mode grace time) must be at least 3, not {vaultLock.ChangeableForDays}.",
                paramName);
        }

        foreach (var days in retentionDays)
        {
            if (days < vaultLock.MinRetentionDays || vaultLock.MaxRetentionDays is { } most && days > most)
            {
                throw new ArgumentException(
                    $"A rule keeps recovery points {days} days, outside the vault lock's {vaultLock.MinRetentionDays}–" +
                    $"{vaultLock.MaxRetentionDays?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "∞"} days.",
                    paramName);
            }
        }
    }

    /// <summary>Whether <paramref name="expression"/> is an AWS cron expression (<see cref="AwsFormats.IsCron"/>).</summary>
    public static bool IsCronExpression(string? expression) => AwsFormats.IsCron(expression);
}
