using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace BlueGreen.Release;

/// <summary>
/// An Amazon Resource Name, <c>arn:partition:service:region:account:resource</c>.
/// Region and account may be empty (S3 buckets, for example); the resource may itself contain
/// <c>:</c> and <c>/</c>.
/// </summary>
public sealed partial record Arn(string Partition, string Service, string Region, string Account, string Resource)
{
    /// <summary>The general shape, for error messages.</summary>
    public const string Shape = "arn:partition:service:region:account:resource";

    [GeneratedRegex(@"^aws(-[a-z]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex PartitionPattern();

    [GeneratedRegex(@"^[a-z0-9][a-z0-9-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex ServicePattern();

    [GeneratedRegex(@"^[a-z]{2}(-[a-z]+)+-\d{1,2}$", RegexOptions.CultureInvariant)]
    private static partial Regex RegionPattern();

    [GeneratedRegex(@"^\d{12}$", RegexOptions.CultureInvariant)]
    private static partial Regex AccountPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,256}(\.fifo)?$", RegexOptions.CultureInvariant)]
    private static partial Regex TopicNamePattern();

    [GeneratedRegex(@"^certificate/[A-Za-z0-9-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex CertificateResourcePattern();

    /// <summary>Reads an ARN of the general shape. Wildcards (<c>*</c>) in region or account are refused here.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out Arn? arn) =>
        TryParse(text, allowWildcards: false, out arn);

    /// <summary>Why <paramref name="text"/> is not an ACM certificate ARN, or null when it is one.</summary>
    public static string? CertificateProblem(string? text)
    {
        if (!TryParse(text, out var arn))
        {
            return $"is not an ARN; expected {Shape}, e.g. arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-...";
        }

        if (arn.Service != "acm" || arn.Region.Length == 0 || arn.Account.Length == 0 ||
            !CertificateResourcePattern().IsMatch(arn.Resource))
        {
            return "is not an ACM certificate ARN; expected arn:aws:acm:<region>:<account>:certificate/<id>";
        }

        return null;
    }

    /// <summary>Why <paramref name="text"/> is not an SNS topic ARN, or null when it is one.</summary>
    public static string? SnsTopicProblem(string? text)
    {
        if (!TryParse(text, out var arn))
        {
            return $"is not an ARN; expected {Shape}, e.g. arn:aws:sns:eu-west-1:123456789012:alerts";
        }

        if (arn.Service != "sns" || arn.Region.Length == 0 || arn.Account.Length == 0 ||
            !TopicNamePattern().IsMatch(arn.Resource))
        {
            return "is not an SNS topic ARN; expected arn:aws:sns:<region>:<account>:<topic-name>";
        }

        return null;
    }

    /// <summary>
    /// Why <paramref name="text"/> cannot be a resource in an AWS Backup selection, or null when it can.
    /// AWS Backup allows <c>*</c> for region and account, e.g. <c>arn:aws:ec2:*:*:volume/*</c>.
    /// </summary>
    public static string? BackupResourceProblem(string? text) =>
        TryParse(text, allowWildcards: true, out _)
            ? null
            : $"is not an ARN; expected {Shape}, e.g. arn:aws:rds:eu-west-1:123456789012:cluster:orders";

    private static bool TryParse(string? text, bool allowWildcards, [NotNullWhen(true)] out Arn? arn)
    {
        arn = null;
        if (text is null || text.Any(char.IsWhiteSpace))
        {
            return false;
        }

        var parts = text.Split(':', 6);
        if (parts.Length != 6 || parts[0] != "arn")
        {
            return false;
        }

        var (partition, service, region, account, resource) = (parts[1], parts[2], parts[3], parts[4], parts[5]);
        var regionOk = region.Length == 0 || RegionPattern().IsMatch(region) || (allowWildcards && region == "*");
        var accountOk = account.Length == 0 || AccountPattern().IsMatch(account) || (allowWildcards && account == "*");
        if (!PartitionPattern().IsMatch(partition) || !ServicePattern().IsMatch(service) || !regionOk ||
            !accountOk || resource.Length == 0)
        {
            return false;
        }

        arn = new Arn(partition, service, region, account, resource);
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => $"arn:{Partition}:{Service}:{Region}:{Account}:{Resource}";
}
