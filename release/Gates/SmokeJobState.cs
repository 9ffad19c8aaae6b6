namespace BlueGreen.Release;

/// <summary>
/// A smoke-test Job as the live state holds it, keyed on the Job: the release its own <c>release</c> label names,
/// and its <c>Complete</c> and <c>Failed</c> conditions (the ones pulumi-kubernetes v4.32.0 awaits,
/// provider/pkg/await/checker/job/check.go:50-100). The gate reads this, never the config's tag.
/// </summary>
/// <param name="Job">The Job's name.</param>
/// <param name="Release">The release its label names, or null when it has none.</param>
/// <param name="Complete">Whether <c>Complete</c> is True.</param>
/// <param name="Failed">Whether <c>Failed</c> is True.</param>
public sealed record SmokeJobState(string Job, string? Release, bool Complete, bool Failed)
{
    /// <summary>Whether the Job passed: complete and not failed.</summary>
    public bool Passed => Complete && !Failed;

    /// <summary>The release whose smoke Job passed among <paramref name="jobs"/>, when it is <paramref name="release"/>;
    /// null when that release's Job is missing, running or failed (a failed re-run counts, whatever an older run said).</summary>
    public static string? PassedRelease(IEnumerable<SmokeJobState> jobs, string? release)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        var own = jobs.Where(j => release is not null && j.Release == release).ToList();
        return own.Count > 0 && own.All(j => j.Passed) ? release : null;
    }
}
