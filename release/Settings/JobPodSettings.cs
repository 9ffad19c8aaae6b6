using System.Text.RegularExpressions;

namespace BlueGreen.Release;

/// <summary>
/// How the release's Jobs (smoke test, migration) run, as real as the colours' pods: a service account, a Secret
/// whose keys become environment variables (database credentials), and CPU and memory requests and limits (a pod
/// without requests is best-effort: evicted first, refused by a ResourceQuota, a migration killed half-way).
/// </summary>
/// <param name="ServiceAccount">The Jobs' service account, or null for the namespace's default (its token then unmounted).</param>
/// <param name="Secret">A Secret in the stack's namespace whose keys the Jobs get as environment variables, or null.</param>
/// <param name="CpuRequest">CPU requested, a Kubernetes quantity.</param>
/// <param name="MemoryRequest">Memory requested.</param>
/// <param name="CpuLimit">CPU limit.</param>
/// <param name="MemoryLimit">Memory limit, at least the request.</param>
public sealed partial record JobPodSettings(string? ServiceAccount, string? Secret, string CpuRequest, string MemoryRequest, string CpuLimit, string MemoryLimit)
{
    /// <summary>The colours' pods' defaults: 250m CPU and 256Mi requested, 1 CPU and 512Mi at most.</summary>
    public static JobPodSettings Default { get; } = new(null, null, "250m", "256Mi", "1", "512Mi");

    /// <summary>What a quantity may be, for messages.</summary>
    public const string QuantityRule = "a Kubernetes quantity such as 250m, 1, 0.5, 256Mi or 1Gi";

    /// <summary>Whether <paramref name="text"/> is a CPU or memory quantity (decimal or binary SI suffix).</summary>
    public static bool IsQuantity(string? text) => text is not null && QuantityPattern().IsMatch(text);

    /// <summary>A quantity in base units (cores or bytes), or null when it is not one.</summary>
    public static decimal? ValueOf(string? text)
    {
        if (!IsQuantity(text))
        {
            return null;
        }

        var match = QuantityPattern().Match(text!);
        var number = decimal.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        return number * match.Groups[2].Value switch
        {
            "m" => 0.001m,
            "k" => 1e3m,
            "M" => 1e6m,
            "G" => 1e9m,
            "T" => 1e12m,
            "Ki" => 1024m,
            "Mi" => 1024m * 1024,
            "Gi" => 1024m * 1024 * 1024,
            "Ti" => 1024m * 1024 * 1024 * 1024,
            _ => 1m,
        };
    }

    [GeneratedRegex(@"^([0-9]{1,9}(?:\.[0-9]{1,3})?)(m|k|M|G|T|Ki|Mi|Gi|Ti)?$", RegexOptions.CultureInvariant)]
    private static partial Regex QuantityPattern();
}
