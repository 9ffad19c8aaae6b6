using System.Text;
using System.Text.RegularExpressions;
using BlueGreen.Release;
using BlueGreen.Release.Formats;

namespace BlueGreen.Components;

/// <summary>
/// Names that AWS and Kubernetes accept, decided without Pulumi: the length and character rules of
/// load balancers, target groups, RDS snapshots and AWS Backup objects.
/// </summary>
public static partial class AwsNames
{
    /// <summary>What Pulumi appends to a logical name when it auto-names a resource: <c>-</c> and 7 hex digits.</summary>
    public const int AutoNameSuffixLength = NameFormats.AutoNameSuffixLength;

    /// <summary>Load balancers and target groups: at most 32 characters.</summary>
    public const int ElbNameMaxLength = NameFormats.ElbNameMaxLength;

    /// <summary>The longest logical name an auto-named load balancer or target group can have (32 − 8).</summary>
    public const int ElbLogicalNameMaxLength = ElbNameMaxLength - AutoNameSuffixLength;

    /// <summary>Hex digits of the random suffix in an explicit target group name (a 4-byte <c>RandomId</c>).</summary>
    public const int TargetGroupSuffixLength = 8;

    /// <summary>RDS identifiers (cluster snapshots): at most 255 characters.</summary>
    public const int RdsIdentifierMaxLength = RdsNames.MaxLength;

    /// <summary>AWS Backup vault, plan and selection names: at most 50 characters.</summary>
    public const int BackupNameMaxLength = 50;

    /// <summary>Kubernetes object names used here are DNS-1123 labels: at most 63 characters.</summary>
    public const int KubernetesNameMaxLength = NameFormats.DnsLabelMaxLength;

    /// <summary>
    /// Checks an app name (<see cref="NameFormats.IsAppName"/>): it becomes Kubernetes object names, label
    /// values and the prefix of AWS names, the load balancer's included, so all of them stay valid.
    /// </summary>
    /// <exception cref="ArgumentException">The name breaks a rule; the message says which.</exception>
    public static void RequireAppName(string? appName, string paramName)
    {
        if (!NameFormats.IsAppName(appName))
        {
            throw new ArgumentException(
                $"The app name '{appName}' must be 1–{NameFormats.MaxAppNameLength} lowercase letters, digits and hyphens, " +
                "start with a letter and not end with a hyphen.",
                paramName);
        }
    }

    /// <summary>
    /// Checks that <paramref name="logicalName"/>, once Pulumi appends its 8-character suffix, fits an AWS
    /// name of at most <paramref name="awsMaxLength"/> characters.
    /// </summary>
    /// <exception cref="ArgumentException">The logical name is too long; the message gives the limit.</exception>
    public static void RequireAutoNameFits(string logicalName, int awsMaxLength, string paramName)
    {
        ArgumentNullException.ThrowIfNull(logicalName);
        var max = awsMaxLength - AutoNameSuffixLength;
        if (logicalName.Length > max)
        {
            throw new ArgumentException(
                $"The logical name '{logicalName}' has {logicalName.Length} characters; Pulumi appends {AutoNameSuffixLength} " +
                $"when it names the AWS resource, whose limit is {awsMaxLength}, so at most {max} are allowed.",
                paramName);
        }
    }

    /// <summary>
    /// The explicit name of a colour's target group: <c>{app}-{colour}-{suffix}</c>, the app part cut so
    /// the whole is at most 32 characters and never ends with a hyphen. The suffix is the hex of a
    /// <c>RandomId</c> kept per app and colour, so the name stays the same across ramp steps.
    /// </summary>
    /// <exception cref="ArgumentException">The suffix is not 8 lowercase hex digits.</exception>
    public static string TargetGroupName(string appName, Colour colour, string suffix)
    {
        ArgumentNullException.ThrowIfNull(appName);
        if (suffix is null || suffix.Length != TargetGroupSuffixLength || !LowerHex().IsMatch(suffix))
        {
            throw new ArgumentException(
                $"The target group name suffix must be {TargetGroupSuffixLength} lowercase hex digits, not '{suffix}'.",
                nameof(suffix));
        }

        var tail = $"-{colour.ConfigName()}-{suffix}";
        var room = ElbNameMaxLength - tail.Length;
        var app = appName.Length > room ? appName[..room] : appName;
        return app.TrimEnd('-') + tail;
    }

    /// <summary>
    /// The identifier of the snapshot taken before a release: <c>{prefix}-pre-{tag}</c> made an RDS
    /// identifier — lowercase letters, digits and single hyphens, starting with a letter, not ending with a
    /// hyphen, at most 255 characters. Other characters (dots, underscores, slashes, plus) become hyphens,
    /// so <c>shop-prod</c> and <c>v1.2.3</c> give <c>shop-prod-pre-v1-2-3</c>. Snapshot identifiers are
    /// unique per account and region, so the prefix names the stack too (<c>{app}-{stack}</c>): staging and
    /// prod in one account never take the same name.
    /// </summary>
    /// <exception cref="ArgumentException">The prefix does not start with a letter, or the tag has
    /// no letter or digit.</exception>
    public static string PreReleaseSnapshotIdentifier(string namePrefix, string releaseTag) =>
        RdsNames.PreReleaseSnapshotIdentifier(namePrefix, releaseTag);

    /// <summary>
    /// An AWS Backup vault, plan or selection name from <paramref name="text"/>: letters, digits, hyphens
    /// and underscores kept, anything else a hyphen, at most 50 characters.
    /// </summary>
    public static string BackupName(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var name = NotBackupNameChar().Replace(text, "-");
        return name.Length <= BackupNameMaxLength ? name : name[..BackupNameMaxLength];
    }

    /// <summary>
    /// A restore testing plan or selection name from <paramref name="text"/>: these allow only letters,
    /// digits and underscores (no hyphens), at most 50 characters and starting with a letter.
    /// </summary>
    public static string RestoreTestingName(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var name = NotWordChar().Replace(text, "_");
        if (name.Length == 0 || !char.IsAsciiLetter(name[0]))
        {
            name = "rt_" + name;
        }

        return name.Length <= BackupNameMaxLength ? name : name[..BackupNameMaxLength];
    }


    [GeneratedRegex("^[0-9a-f]+$")]
    private static partial Regex LowerHex();

    [GeneratedRegex("[^A-Za-z0-9_-]")]
    private static partial Regex NotBackupNameChar();

    [GeneratedRegex("[^A-Za-z0-9_]")]
    private static partial Regex NotWordChar();
}
