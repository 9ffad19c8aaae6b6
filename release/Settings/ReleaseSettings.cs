namespace BlueGreen.Release;

/// <summary>The application every colour runs.</summary>
/// <param name="Name">Lowercase name used in resource names, at most <see cref="Formats.NameFormats.MaxAppNameLength"/> (15) characters.</param>
/// <param name="ImageRepository">Container image repository, without a tag.</param>
/// <param name="Port">The container port the target groups send traffic to.</param>
/// <param name="HealthPath">The HTTP path of the target-group health check.</param>
public sealed record AppSettings(string Name, string ImageRepository, int Port, string HealthPath)
{
    public const int DefaultPort = 8080;
    public const string DefaultHealthPath = "/healthz";

    /// <summary>The longest app name (<see cref="Formats.NameFormats.MaxAppNameLength"/>).</summary>
    public const int MaxNameLength = Formats.NameFormats.MaxAppNameLength;
}

/// <summary>What one colour runs.</summary>
/// <param name="ImageTag">The image tag; null only for a retired colour left without one.</param>
/// <param name="Replicas">How many pods, at least 1.</param>
public sealed record ColourRelease(string? ImageTag, int Replicas)
{
    /// <summary>Replicas per colour when not set.</summary>
    public static int DefaultReplicas(StackEnvironment environment) => environment == StackEnvironment.Prod ? 3 : 2;
}

/// <summary>Which colour is live, which is retired, and the promotion.</summary>
/// <param name="Live">The live colour: during a ramp, the old colour that takes the traffic the
/// schedule does not give the new one; after promotion, the promoted colour.</param>
/// <param name="Retired">The colour torn down, if any; never the live one.</param>
/// <param name="PromotedAt">When the live colour was promoted.</param>
/// <param name="StabilizationWindow">How long after promotion the old colour is kept before it may be retired.</param>
public sealed record ReleaseState(Colour Live, Colour? Retired, DateTimeOffset? PromotedAt, TimeSpan StabilizationWindow)
{
    /// <summary>The stabilization window when not set: 72h in prod, 1h in staging.</summary>
    public static TimeSpan DefaultStabilizationWindow(StackEnvironment environment) =>
        environment == StackEnvironment.Prod ? TimeSpan.FromHours(72) : TimeSpan.FromHours(1);

    /// <summary>When the stabilization window after the promotion ends, or null before any promotion: the one
    /// place this is computed (retirement gate, start, watch and status all ask here).</summary>
    public DateTimeOffset? StableAt => PromotedAt is { } promoted ? StabilizationEnd(promoted, StabilizationWindow) : null;

    /// <summary>The end of a <paramref name="window"/> that started at <paramref name="promoted"/>.</summary>
    public static DateTimeOffset StabilizationEnd(DateTimeOffset promoted, TimeSpan window) => promoted + window;
}
