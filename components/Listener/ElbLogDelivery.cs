namespace BlueGreen.Components;

/// <summary>
/// Who writes ALB access logs into the bucket, and the bucket policy that lets them — without Pulumi.
/// </summary>
public static class ElbLogDelivery
{
    /// <summary>The log-delivery service principal of regions opened from August 2022 on.</summary>
    public const string ServicePrincipal = "logdelivery.elasticloadbalancing.amazonaws.com";

    /// <summary>
    /// The Elastic Load Balancing account of each region opened before August 2022: there, log files are
    /// written by that account rather than by the service principal.
    /// </summary>
    public static IReadOnlyDictionary<string, string> LegacyRegionAccounts { get; } = new Dictionary<string, string>
    {
        ["us-east-1"] = "127311923021",
        ["us-east-2"] = "033677994240",
        ["us-west-1"] = "027434742980",
        ["us-west-2"] = "797873946194",
        ["ca-central-1"] = "985666609251",
        ["sa-east-1"] = "507241528517",
        ["eu-west-1"] = "156460612806",
        ["eu-west-2"] = "652711504416",
        ["eu-west-3"] = "009996457667",
        ["eu-central-1"] = "054676820928",
        ["eu-north-1"] = "897822967062",
        ["ap-northeast-1"] = "582318560864",
        ["ap-northeast-2"] = "600734575887",
        ["ap-southeast-1"] = "114774131450",
        ["ap-southeast-2"] = "783225319266",
        ["ap-southeast-3"] = "589379963580", // Jakarta, opened December 2021
        ["ap-south-1"] = "718504428378",
        ["ap-northeast-3"] = "383597477331",
        ["ap-east-1"] = "754344448648",
        ["af-south-1"] = "098369216593",
        ["eu-south-1"] = "635631232127",
        ["me-south-1"] = "076674570225",
    };

    /// <summary>The principal that delivers the logs in <paramref name="region"/>.</summary>
    public static PolicyPrincipal PrincipalFor(string region)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(region);
        return LegacyRegionAccounts.TryGetValue(region, out var account)
            ? new PolicyPrincipal(Aws: [$"arn:aws:iam::{account}:root"])
            : PolicyPrincipal.ForService(ServicePrincipal);
    }

    /// <summary>
    /// The bucket policy: log delivery may put objects under <c>{prefix}/AWSLogs/{account}/</c> only, and
    /// any request without TLS is denied.
    /// </summary>
    public static PolicyDocument BucketPolicy(string bucketArn, string prefix, string accountId, string region)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bucketArn);
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);
        return new PolicyDocument(
        [
            PolicyStatement.Allow(
                "AllowElbLogDelivery",
                PrincipalFor(region),
                ["s3:PutObject"],
                [$"{bucketArn}/{prefix}/AWSLogs/{accountId}/*"]),
            new PolicyStatement(
                "DenyInsecureTransport",
                "Deny",
                new PolicyPrincipal(Aws: ["*"]),
                ["s3:*"],
                [bucketArn, $"{bucketArn}/*"],
                new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>>
                {
                    ["Bool"] = new Dictionary<string, IReadOnlyList<string>> { ["aws:SecureTransport"] = ["false"] },
                }),
        ]);
    }
}
