namespace BlueGreen.Release;

/// <summary>The AWS regions a stack may name in <c>aws:region</c>, and the check of a region name.</summary>
public static class AwsRegions
{
    /// <summary>The <c>aws:region</c> key, read with the rest of the config.</summary>
    public const string ConfigKey = "aws:region";

    /// <summary>Every region of the aws, aws-cn and aws-us-gov partitions.</summary>
    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "us-east-1", "us-east-2", "us-west-1", "us-west-2",
        "af-south-1",
        "ap-east-1", "ap-east-2", "ap-south-1", "ap-south-2",
        "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7",
        "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
        "ca-central-1", "ca-west-1",
        "eu-central-1", "eu-central-2", "eu-west-1", "eu-west-2", "eu-west-3", "eu-south-1", "eu-south-2", "eu-north-1",
        "il-central-1", "me-south-1", "me-central-1", "mx-central-1", "sa-east-1",
        "us-gov-east-1", "us-gov-west-1", "cn-north-1", "cn-northwest-1",
    };

    /// <summary>Why <paramref name="region"/> is not an AWS region, with the nearest one when it looks like a typo; null when it is one.</summary>
    public static string? Problem(string region)
    {
        ArgumentNullException.ThrowIfNull(region);
        if (All.Contains(region))
        {
            return null;
        }

        var near = Suggest.Nearest(region, All);
        return near is null
            ? "is not an AWS region; use one such as eu-west-1 or us-east-1"
            : $"is not an AWS region; did you mean {near}?";
    }
}
