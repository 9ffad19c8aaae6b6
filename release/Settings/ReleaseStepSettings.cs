using System.Text.Json;
using BlueGreen.Release.Formats;

namespace BlueGreen.Release;

/// <summary>
/// A Kubernetes Job a release runs once: the smoke test before the new colour takes traffic, or the
/// database migration before the new colour's pods start.
/// </summary>
/// <param name="Image">The image to run, or null for the release's own image.</param>
/// <param name="Command">The command and its arguments (the container's command, not run by a shell).</param>
/// <param name="Timeout">How long the Job may run before Kubernetes stops it and it counts as failed.</param>
public sealed record ReleaseJobSettings(string? Image, IReadOnlyList<string> Command, TimeSpan Timeout)
{
    /// <summary>The default smoke-test timeout.</summary>
    public static TimeSpan DefaultSmokeTimeout { get; } = TimeSpan.FromMinutes(5);

    /// <summary>The default migration timeout.</summary>
    public static TimeSpan DefaultMigrationTimeout { get; } = TimeSpan.FromMinutes(30);

    /// <summary>The image the Job runs for the release <paramref name="releaseTag"/>.</summary>
    public string ImageFor(AppSettings app, string releaseTag)
    {
        ArgumentNullException.ThrowIfNull(app);
        return Image ?? ImageFormats.Reference(app.ImageRepository, releaseTag);
    }
}

/// <summary>Maintenance mode: a listener rule in front of the colours answers every request with a
/// fixed 503 page; the test route still reaches the colours.</summary>
/// <param name="Enabled">Whether the rule is there.</param>
/// <param name="Body">The page, at most 1024 bytes of UTF-8 (the ALB's limit for a fixed response).</param>
/// <param name="ContentType">Its content type, one of the five the ALB takes.</param>
public sealed record MaintenanceSettings(bool Enabled, string Body, string ContentType)
{
    /// <summary>The longest fixed-response body the ALB takes: the ELB API model (botocore elbv2 2015-12-01
    /// service-2.json, shape <c>FixedResponseActionMessage</c>: string, max 1024). The model does not say in which
    /// unit; counted in bytes of UTF-8 (what goes on the wire) it is the strictest reading, so a body that passes
    /// here passes whichever unit AWS counts in, while 1024 UTF-16 characters of non-ASCII text may not.</summary>
    public const int MaxBodyLength = 1024;

    /// <summary>The content types an ALB fixed response takes.</summary>
    public static IReadOnlyList<string> ContentTypes { get; } =
        ["text/plain", "text/css", "text/html", "application/javascript", "application/json"];

    /// <summary>The page shown when none is configured.</summary>
    public const string DefaultBody =
        "<!doctype html><title>Down for maintenance</title><h1>Down for maintenance</h1><p>We will be back shortly.</p>";

    public static MaintenanceSettings Default { get; } = new(false, DefaultBody, "text/html");

    /// <summary>Whether the load balancer takes <paramref name="body"/> as a fixed response.</summary>
    public static bool IsBody(string? body) => body is not null && BodyBytes(body) <= MaxBodyLength;

    /// <summary>The body's size as the load balancer counts it: bytes of UTF-8.</summary>
    public static int BodyBytes(string body) => System.Text.Encoding.UTF8.GetByteCount(body ?? "");

    /// <summary>Whether a fixed response may have <paramref name="contentType"/>.</summary>
    public static bool IsContentType(string? contentType) => contentType is not null && ContentTypes.Contains(contentType, StringComparer.Ordinal);
}

/// <summary>A retired release kept restorable: its image tag, and the database snapshot that holds its
/// data (taken before the release that replaced it started).</summary>
/// <param name="Version">The retired release's image tag; <c>ramp start --version</c> brings it back.</param>
/// <param name="SnapshotOf">The release whose pre-release snapshot holds this release's data, or null when
/// the stack snapshots no database.</param>
/// <param name="RetiredAt">When it was retired.</param>
public sealed record ArchivedRelease(string Version, string? SnapshotOf, DateTimeOffset RetiredAt);

/// <summary>
/// The archive: retired (and replaced) releases stay restorable. The stack declares the pre-release snapshot of
/// every listed release, whatever the time; <paramref name="Retention"/> says when <c>ramp prune</c> may remove an
/// entry, in a committed, previewed change.
/// </summary>
/// <param name="Retention">How long a retired release is kept.</param>
/// <param name="Releases">The retired releases, as <c>ramp retire</c> recorded them.</param>
public sealed record ArchiveSettings(TimeSpan Retention, IReadOnlyList<ArchivedRelease> Releases)
{
    /// <summary>The default retention: 30 days in prod, 7 in staging.</summary>
    public static TimeSpan DefaultRetention(StackEnvironment environment) =>
        TimeSpan.FromDays(environment == StackEnvironment.Prod ? 30 : 7);

    public static ArchiveSettings Default { get; } = new(TimeSpan.FromDays(7), []);

    /// <summary>Until when <paramref name="release"/> is kept.</summary>
    public DateTimeOffset KeptUntil(ArchivedRelease release)
    {
        ArgumentNullException.ThrowIfNull(release);
        return release.RetiredAt + Retention;
    }

    /// <summary>The releases still kept at <paramref name="now"/>, oldest first.</summary>
    public IReadOnlyList<ArchivedRelease> KeptAt(DateTimeOffset now) =>
        [.. Releases.Where(r => KeptUntil(r) > now).OrderBy(r => r.RetiredAt)];

    /// <summary>The releases whose pre-release snapshot the stack declares: exactly the list's, whatever the time.
    /// Expiry is a committed change ('ramp prune' removes the entries whose retention is over), never the clock.</summary>
    public IReadOnlyList<string> SnapshotTags =>
        [.. Releases.Select(r => r.SnapshotOf).OfType<string>().Distinct(StringComparer.Ordinal)];

    /// <summary>The releases whose retention is over at <paramref name="now"/>: what 'ramp prune' removes.</summary>
    public IReadOnlyList<ArchivedRelease> ExpiredAt(DateTimeOffset now) =>
        [.. Releases.Where(r => KeptUntil(r) <= now).OrderBy(r => r.RetiredAt)];

    /// <summary>The <c>archive.releases</c> value for <paramref name="releases"/>, as YAML flow text.</summary>
    public static string Write(IEnumerable<ArchivedRelease> releases) =>
        "[" + string.Join(", ", releases.Select(r =>
            $"{{\"version\": {JsonSerializer.Serialize(r.Version)}, \"snapshotOf\": {(r.SnapshotOf is null ? "null" : JsonSerializer.Serialize(r.SnapshotOf))}, " +
            $"\"retiredAt\": \"{UtcTimestamp.Format(r.RetiredAt)}\"}}")) + "]";
}
