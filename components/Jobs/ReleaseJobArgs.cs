using BlueGreen.Release;
using Pulumi;

namespace BlueGreen.Components;

/// <summary>What a release's Job runs: the smoke test or the migration.</summary>
public enum ReleaseJobPurpose
{
    /// <summary>Checks the new colour through its in-cluster Service before it takes traffic.</summary>
    Smoke,

    /// <summary>Changes the database schema after the pre-release snapshot, before the new pods start.</summary>
    Migration,
}

/// <summary>Arguments of <see cref="ReleaseJob"/>.</summary>
public sealed class ReleaseJobArgs
{
    /// <summary>The app name (labels, the Job's name).</summary>
    public required string AppName { get; init; }

    /// <summary>What the Job is for.</summary>
    public required ReleaseJobPurpose Purpose { get; init; }

    /// <summary>The release the Job belongs to (its image tag): the Job is named after it, so each release
    /// runs its own and a traffic step never touches it.</summary>
    public required string ReleaseTag { get; init; }

    /// <summary>The colour the release runs on.</summary>
    public required Colour Colour { get; init; }

    /// <summary>The namespace the Job runs in.</summary>
    public required Input<string> Namespace { get; init; }

    /// <summary>The image, with a tag or digest.</summary>
    public required string Image { get; init; }

    /// <summary>The container's command and arguments.</summary>
    public required IReadOnlyList<string> Command { get; init; }

    /// <summary>How long the Job may run (its <c>activeDeadlineSeconds</c>), 30 s to 6 h.</summary>
    public required int TimeoutSeconds { get; init; }

    /// <summary>Environment variables the command gets (e.g. <c>TARGET_URL</c>); <c>RELEASE</c> is always set.</summary>
    public IReadOnlyDictionary<string, Input<string>> Environment { get; init; } = new Dictionary<string, Input<string>>();

    /// <summary>What must exist before the Job runs (the pre-release snapshot, the new colour's workload).</summary>
    public IReadOnlyList<Resource> RunAfter { get; init; } = [];

    /// <summary>How the pods run: service account, database secret, requests and limits.</summary>
    public JobPodSettings Pods { get; init; } = JobPodSettings.Default;

    /// <summary>
    /// Whether a plain <c>pulumi up</c> replaces the Job when it is not ready (failed or still running) instead of
    /// waiting on the failed one again: the smoke test only. A migration is never re-run by an apply: a failed one
    /// may have left the schema half-changed (docs/runbook.md, "A failed migration").
    /// </summary>
    public bool ReplaceWhenNotReady { get; init; }

    /// <summary>Validates the arguments.</summary>
    /// <exception cref="ArgumentException">An argument breaks a Kubernetes rule; the message says which.</exception>
    public string Validate()
    {
        var name = KubernetesNames.ReleaseJobName(AppName, PurposeName, ReleaseTag);
        if (!Release.Formats.ImageFormats.IsPinnedReference(Image))
        {
            throw new ArgumentException($"Image must be an image with a tag or digest, not '{Image}'.", nameof(Image));
        }

        if (Command is null || Command.Count == 0 || Command[0].Length == 0)
        {
            throw new ArgumentException("Command needs at least the program to run.", nameof(Command));
        }

        Check.Range(TimeoutSeconds, 30, 6 * 3600, nameof(TimeoutSeconds));
        if (ReplaceWhenNotReady && Purpose == ReleaseJobPurpose.Migration)
        {
            throw new ArgumentException("A migration is never replaced when it failed: it may have half-changed the schema.", nameof(ReplaceWhenNotReady));
        }

        if (Pods is null || new[] { Pods.CpuRequest, Pods.MemoryRequest, Pods.CpuLimit, Pods.MemoryLimit }.Any(q => !JobPodSettings.IsQuantity(q))
            || (Pods.ServiceAccount is { } account && !Release.Formats.NameFormats.IsDnsLabel(account))
            || (Pods.Secret is { } secret && !Release.Formats.NameFormats.IsDnsLabel(secret)))
        {
            throw new ArgumentException($"Pods needs quantities ({JobPodSettings.QuantityRule}) and object names Kubernetes accepts.", nameof(Pods));
        }

        foreach (var key in Environment.Keys)
        {
            Check.EnvironmentVariableName(key, nameof(Environment));
        }

        return name;
    }

    /// <summary>The purpose as the Job's name and labels give it: <c>smoke</c> or <c>migrate</c>.</summary>
    public string PurposeName => Purpose == ReleaseJobPurpose.Smoke ? "smoke" : "migrate";
}
