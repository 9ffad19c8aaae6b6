using System.Text.Json;
using BlueGreen.Release.Formats;

namespace BlueGreen.Release.Reading;

/// <summary>Reads <c>jobs.*</c> (how the release's Jobs run) and <c>migration.releases</c> (per-release migration choices).</summary>
internal static class JobsSectionReader
{
    private const string NameAllowed = "a Kubernetes object name: lowercase letters, digits and '-', at most 63, or leave it unset";

    /// <summary><c>jobs.*</c>: null when a key has a problem.</summary>
    public static JobPodSettings? Jobs(ConfigText config)
    {
        var d = JobPodSettings.Default;
        var serviceAccount = config.Text(ConfigKeys.JobsServiceAccount, NameFormats.IsDnsLabel, "is not a service account name", NameAllowed);
        var secret = config.Text(ConfigKeys.JobsSecret, NameFormats.IsDnsLabel, "is not a Secret name", NameAllowed);
        var quantities = new (string Key, string Default)[]
        {
            (ConfigKeys.JobsCpuRequest, d.CpuRequest), (ConfigKeys.JobsMemoryRequest, d.MemoryRequest),
            (ConfigKeys.JobsCpuLimit, d.CpuLimit), (ConfigKeys.JobsMemoryLimit, d.MemoryLimit),
        }.Select(q => config.Text(q.Key, JobPodSettings.IsQuantity, "is not a quantity", $"use {JobPodSettings.QuantityRule}", q.Default)).ToList();
        if (quantities.Any(q => q is null) || config.Failed(ConfigKeys.JobsServiceAccount) || config.Failed(ConfigKeys.JobsSecret))
        {
            return null;
        }

        var jobs = new JobPodSettings(serviceAccount, secret, quantities[0]!, quantities[1]!, quantities[2]!, quantities[3]!);
        var ok = true;
        foreach (var (limitKey, limit, request, requestKey) in new[]
        {
            (ConfigKeys.JobsCpuLimit, jobs.CpuLimit, jobs.CpuRequest, ConfigKeys.JobsCpuRequest),
            (ConfigKeys.JobsMemoryLimit, jobs.MemoryLimit, jobs.MemoryRequest, ConfigKeys.JobsMemoryRequest),
        })
        {
            if (JobPodSettings.ValueOf(limit) < JobPodSettings.ValueOf(request))
            {
                // Kubernetes refuses a container whose request exceeds its limit.
                config.Add(limitKey, limit, $"is below {ConfigKeys.Full(requestKey)} ({request}); a limit must be at least the request");
                ok = false;
            }
        }

        return ok ? jobs : null;
    }

    private const string ChoicesAllowed =
        "a map from a release's image tag to \"skip\" or a command list, e.g. {\"1.4.2\": \"skip\", \"1.6.0\": [\"/app/migrate\", \"--to\", \"7\"]}";

    /// <summary><c>migration.releases</c>: null when it has a problem.</summary>
    public static IReadOnlyDictionary<string, MigrationChoice>? MigrationChoices(ConfigText config, string? databaseClusterId)
    {
        var key = ConfigKeys.MigrationReleases;
        var raw = config.Raw(key);
        var choices = new Dictionary<string, MigrationChoice>(StringComparer.Ordinal);
        if (raw is null)
        {
            return choices;
        }

        JsonElement root;
        try
        {
            root = JsonDocument.Parse(raw).RootElement;
        }
        catch (JsonException)
        {
            config.Add(key, raw, $"is not a map; use {ChoicesAllowed}");
            return null;
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            config.Add(key, raw, $"is not a map; use {ChoicesAllowed}");
            return null;
        }

        foreach (var entry in root.EnumerateObject())
        {
            var choice = entry.Value switch
            {
                { ValueKind: JsonValueKind.String } v when v.GetString() == MigrationPlans.SkipWord => MigrationChoice.Skip,
                { ValueKind: JsonValueKind.Array } v when v.GetArrayLength() > 0 && v.EnumerateArray().All(a => a.ValueKind == JsonValueKind.String && a.GetString()!.Length > 0 && !a.GetString()!.Any(char.IsControl))
                    => new MigrationChoice([.. v.EnumerateArray().Select(a => a.GetString()!)]),
                _ => null,
            };
            if (!ImageFormats.IsTag(entry.Name) || choice is null)
            {
                config.Add(key, $"{raw} has \"{entry.Name}\" that", $"is not an image tag with \"skip\" or a command; use {ChoicesAllowed}");
                continue;
            }

            if (choice.Command is not null && databaseClusterId is null)
            {
                config.Add(key, raw, $"gives {entry.Name} a migration, but {ConfigKeys.Full(ConfigKeys.BackupDatabaseClusterId)} is not set; a migration runs only after a pre-release snapshot");
                continue;
            }

            choices[entry.Name] = choice;
        }

        return config.Failed(key) ? null : choices;
    }
}
