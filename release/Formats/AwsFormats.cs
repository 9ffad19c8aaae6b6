using System.Text.RegularExpressions;

namespace BlueGreen.Release.Formats;

/// <summary>
/// AWS's rules for the values the stack sends, in one place: the config reader checks them with a
/// message naming the key, the components' argument checks use the same functions.
/// </summary>
public static partial class AwsFormats
{
    /// <summary>AWS Backup keeps a recovery point in cold storage for at least 90 days.</summary>
    public const int MinDaysInColdStorage = 90;

    /// <summary>The longest retention AWS Backup takes, in days (100 years).</summary>
    public const int MaxRetentionDays = 36500;

    /// <summary>The longest target-group stickiness an ALB forward action takes: 7 days, in seconds.</summary>
    public const int MaxStickinessSeconds = 604800;

    /// <summary>The shortest: 1 second.</summary>
    public const int MinStickinessSeconds = 1;

    /// <summary>How an AWS cron expression looks, for messages.</summary>
    public const string CronRule = "an AWS cron expression with 6 fields and '?' in exactly one of day-of-month and day-of-week, e.g. cron(0 3 * * ? *)";

    [GeneratedRegex(@"^cron\(([^()]+)\)$", RegexOptions.CultureInvariant)]
    private static partial Regex CronPattern();

    [GeneratedRegex(@"^vpc-([0-9a-f]{8}|[0-9a-f]{17})$", RegexOptions.CultureInvariant)]
    private static partial Regex VpcIdPattern();

    [GeneratedRegex(@"^subnet-([0-9a-f]{8}|[0-9a-f]{17})$", RegexOptions.CultureInvariant)]
    private static partial Regex SubnetIdPattern();

    [GeneratedRegex(@"^[A-Za-z](?!.*--)[A-Za-z0-9-]{0,62}(?<!-)$", RegexOptions.CultureInvariant)]
    private static partial Regex DatabaseClusterIdPattern();

    /// <summary>
    /// Whether <paramref name="expression"/> is an AWS cron expression as AWS Backup and EventBridge take it:
    /// <c>cron(</c> six fields <c>)</c>, with <c>?</c> in exactly one of day-of-month and day-of-week.
    /// </summary>
    public static bool IsCron(string? expression)
    {
        var match = CronPattern().Match(expression ?? "");
        if (!match.Success)
        {
            return false;
        }

        var fields = match.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length == 6 && (fields[2] == "?") != (fields[4] == "?");
    }

    /// <summary>Whether <paramref name="id"/> is a VPC id (<c>vpc-</c> and 8 or 17 hex digits).</summary>
    public static bool IsVpcId(string? id) => id is not null && VpcIdPattern().IsMatch(id);

    /// <summary>Whether <paramref name="id"/> is a subnet id (<c>subnet-</c> and 8 or 17 hex digits).</summary>
    public static bool IsSubnetId(string? id) => id is not null && SubnetIdPattern().IsMatch(id);

    /// <summary>Whether <paramref name="id"/> is an RDS/Aurora cluster identifier.</summary>
    public static bool IsDatabaseClusterId(string? id) => id is not null && DatabaseClusterIdPattern().IsMatch(id);

    /// <summary>
    /// Whether a backup lifecycle is one AWS Backup accepts: keep 1–36500 days; with cold storage after C days
    /// (C ≥ 1), delete no earlier than C + 90 days.
    /// </summary>
    public static bool IsValidLifecycle(int deleteAfterDays, int? coldStorageAfterDays) =>
        deleteAfterDays is >= 1 and <= MaxRetentionDays
        && (coldStorageAfterDays is null
            || (coldStorageAfterDays >= 1 && deleteAfterDays >= coldStorageAfterDays + MinDaysInColdStorage));
}
