using System.Text.Json;
using BlueGreen.Release.Formats;

namespace BlueGreen.Release.Reading;

/// <summary>
/// Reads the release steps around a traffic switch: <c>smoke.*</c>, <c>migration.*</c>,
/// <c>maintenance.*</c> and <c>archive.*</c>. Each method returns its section, or null with its problems
/// recorded.
/// </summary>
internal static class ReleaseStepsReader
{
    private const string CommandAllowed =
        "use a list of the command and its arguments (run as the container's command, not by a shell), e.g. [\"/app/smoke\", \"--url\", \"$(TARGET_URL)\"], or leave it unset";

    private const string ImageAllowed =
        "use an image with a tag or digest, e.g. 123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop-smoke:1.2.0, or leave it unset for the release's own image";

    /// <summary><c>smoke.*</c>: null when the section has a problem; a section without a command is off.</summary>
    public static (bool Ok, ReleaseJobSettings? Job) Smoke(ConfigText config) => Job(
        config, ConfigKeys.SmokeCommand, ConfigKeys.SmokeImage, ConfigKeys.SmokeTimeout,
        ReleaseJobSettings.DefaultSmokeTimeout, TimeSpan.FromSeconds(30), TimeSpan.FromHours(1), "from 30s to 1h");

    /// <summary><c>migration.*</c>: a migration needs a pre-release snapshot of the database it changes.</summary>
    public static (bool Ok, ReleaseJobSettings? Job) Migration(ConfigText config, string? databaseClusterId)
    {
        var (ok, job) = Job(
            config, ConfigKeys.MigrationCommand, ConfigKeys.MigrationImage, ConfigKeys.MigrationTimeout,
            ReleaseJobSettings.DefaultMigrationTimeout, TimeSpan.FromMinutes(1), TimeSpan.FromHours(6), "from 1m to 6h");
        if (job is not null && databaseClusterId is null && !config.Failed(ConfigKeys.BackupDatabaseClusterId))
        {
            config.Add(
                ConfigKeys.MigrationCommand,
                ConfigText.Show(job.Command),
                $"needs a backup first, but {ConfigKeys.Full(ConfigKeys.BackupDatabaseClusterId)} is not set; name the database cluster " +
                "so a pre-release snapshot is taken before the migration runs, or leave migration.command unset");
            return (false, null);
        }

        return (ok, job);
    }

    private static (bool Ok, ReleaseJobSettings? Job) Job(
        ConfigText config, string commandKey, string imageKey, string timeoutKey, TimeSpan defaultTimeout, TimeSpan min, TimeSpan max, string range)
    {
        var command = config.StringList(commandKey, [], CommandAllowed);
        if (command is { Count: > 0 } && (command[0].Length == 0 || command.Any(a => a.Any(char.IsControl))))
        {
            config.Add(commandKey, ConfigText.Show(command), $"has an empty program or a control character; {CommandAllowed}");
        }

        var image = config.Text(imageKey, ImageFormats.IsPinnedReference, "is not a pinned image reference", ImageAllowed);
        var timeout = config.Duration(timeoutKey, defaultTimeout, min, max, TimeSpan.FromSeconds(1), $"use whole seconds {range}, e.g. {DurationText.Format(defaultTimeout)}");
        if (command is { Count: 0 } && config.Raw(imageKey) is not null)
        {
            config.Add(imageKey, config.Raw(imageKey), $"is set but {ConfigKeys.Full(commandKey)} is not; give the command to run, or remove the image");
        }

        var ok = command is not null && timeout is not null && !config.Failed(commandKey) && !config.Failed(imageKey);
        return ok && command!.Count > 0 ? (true, new ReleaseJobSettings(image, command, timeout!.Value)) : (ok, null);
    }

    /// <summary><c>maintenance.*</c>.</summary>
    public static MaintenanceSettings? Maintenance(ConfigText config)
    {
        var d = MaintenanceSettings.Default;
        var enabled = config.Bool(ConfigKeys.MaintenanceEnabled, d.Enabled);
        var body = config.Text(
            ConfigKeys.MaintenanceBody,
            MaintenanceSettings.IsBody,
            $"is {MaintenanceSettings.BodyBytes(config.Raw(ConfigKeys.MaintenanceBody) ?? "")} bytes of UTF-8",
            $"use a page of at most {MaintenanceSettings.MaxBodyLength} bytes of UTF-8 (the load balancer's limit for a fixed response; a non-ASCII character takes 2 to 4)",
            d.Body);
        var contentType = config.Text(
            ConfigKeys.MaintenanceContentType,
            MaintenanceSettings.IsContentType,
            "is not a content type the load balancer can answer with",
            $"use one of {string.Join(", ", MaintenanceSettings.ContentTypes)}",
            d.ContentType);
        return enabled is null || body is null || contentType is null ? null : new MaintenanceSettings(enabled.Value, body, contentType);
    }

    /// <summary><c>archive.*</c>: the retention and the releases <c>ramp retire</c> recorded.</summary>
    public static ArchiveSettings? Archive(ConfigText config, StackEnvironment environment, DateTimeOffset latest)
    {
        var retention = config.Duration(
            ConfigKeys.ArchiveRetention,
            ArchiveSettings.DefaultRetention(environment),
            TimeSpan.Zero,
            TimeSpan.FromDays(365),
            TimeSpan.FromHours(1),
            "use whole hours from 0h to 365d, e.g. 30d (0h keeps nothing after a retirement)");
        var releases = ArchivedReleases(config, latest);
        return retention is null || releases is null ? null : new ArchiveSettings(retention.Value, releases);
    }

    private const string ArchiveAllowed =
        "it is written by 'ramp retire': a list of {\"version\": TAG, \"snapshotOf\": TAG or null, \"retiredAt\": \"YYYY-MM-DDTHH:MM:SSZ\"}; " +
        "remove an entry to stop keeping that release";

    private static List<ArchivedRelease>? ArchivedReleases(ConfigText config, DateTimeOffset latest)
    {
        var key = ConfigKeys.ArchiveReleases;
        var raw = config.Raw(key);
        if (raw is null)
        {
            return [];
        }

        JsonElement root;
        try
        {
            root = JsonDocument.Parse(raw).RootElement;
        }
        catch (JsonException)
        {
            config.Add(key, raw, $"is not a list; {ArchiveAllowed}");
            return null;
        }

        if (root.ValueKind != JsonValueKind.Array)
        {
            config.Add(key, raw, $"is not a list; {ArchiveAllowed}");
            return null;
        }

        var releases = new List<ArchivedRelease>();
        foreach (var entry in root.EnumerateArray())
        {
            if (ArchivedRelease(entry, latest) is { } release)
            {
                releases.Add(release);
            }
            else
            {
                config.Add(key, $"{raw} has {entry.GetRawText()} that", $"is not an archived release; {ArchiveAllowed}");
            }
        }

        var repeated = releases.GroupBy(r => r.Version, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
        {
            config.Add(key, raw, $"lists {repeated.Key} twice; keep one entry per release");
        }

        return config.Failed(key) ? null : releases;
    }

    private static ArchivedRelease? ArchivedRelease(JsonElement entry, DateTimeOffset latest)
    {
        if (entry.ValueKind != JsonValueKind.Object
            || entry.EnumerateObject().Any(p => p.Name is not ("version" or "snapshotOf" or "retiredAt"))
            || !entry.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.String
            || !ImageFormats.IsTag(version.GetString())
            || !entry.TryGetProperty("retiredAt", out var retiredAt) || retiredAt.ValueKind != JsonValueKind.String
            || !UtcTimestamp.TryParse(retiredAt.GetString()!, out var at) || at > latest)
        {
            return null;
        }

        string? snapshotOf = null;
        if (entry.TryGetProperty("snapshotOf", out var snapshot) && snapshot.ValueKind != JsonValueKind.Null)
        {
            if (snapshot.ValueKind != JsonValueKind.String || !ImageFormats.IsTag(snapshot.GetString()))
            {
                return null;
            }

            snapshotOf = snapshot.GetString();
        }

        return new ArchivedRelease(version.GetString()!, snapshotOf, at);
    }
}
