using System.Text.Json;

namespace BlueGreen.Release;

/// <summary>One release's migration choice in <c>migration.releases</c>: skip it, or run a command of its own.</summary>
/// <param name="Command">The command and arguments, or null to skip the migration.</param>
public sealed record MigrationChoice(IReadOnlyList<string>? Command)
{
    /// <summary>The choice that skips the migration.</summary>
    public static MigrationChoice Skip { get; } = new((IReadOnlyList<string>?)null);

    /// <summary>Whether the release runs no migration.</summary>
    public bool Skips => Command is null;
}

/// <summary>
/// Which migration a release runs. The stack-wide <c>migration.command</c> is what a new release runs; a release
/// listed in <c>migration.releases</c> skips it or runs its own command instead (expand/contract: a release
/// brought back from the archive must not run its old migration against the newer schema).
/// </summary>
public static class MigrationPlans
{
    /// <summary>The value that <c>migration.releases</c> takes for a release that skips its migration.</summary>
    public const string SkipWord = "skip";

    /// <summary>The migration <paramref name="tag"/> runs, or null for none.</summary>
    public static ReleaseJobSettings? For(StackSettings settings, string tag)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!settings.MigrationChoices.TryGetValue(tag, out var choice))
        {
            return settings.Migration;
        }

        return choice.Command is { } command
            ? new ReleaseJobSettings(settings.Migration?.Image, command, settings.Migration?.Timeout ?? ReleaseJobSettings.DefaultMigrationTimeout)
            : null;
    }

    /// <summary>
    /// The edit a <c>start</c> of <paramref name="tag"/> adds, or null: a release brought back from the archive skips
    /// the stack's migration (its own migration ran long ago; the schema is newer and expand-only, so the old code
    /// reads it), unless <c>migration.releases</c> already says what it runs.
    /// </summary>
    public static (ConfigEdit Edit, string Summary)? ForStart(StackSettings settings, string tag)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Migration is null || settings.MigrationChoices.ContainsKey(tag) || settings.Archive.Releases.All(r => r.Version != tag))
        {
            return null;
        }

        var choices = new Dictionary<string, MigrationChoice>(settings.MigrationChoices, StringComparer.Ordinal) { [tag] = MigrationChoice.Skip };
        return (ConfigEdit.Plain(ConfigKeys.MigrationReleases, Write(choices)),
            $"{tag} comes back from the archive, so it skips the migration and runs against the current schema ({ConfigKeys.Full(ConfigKeys.MigrationReleases)}; docs/runbook.md)");
    }

    /// <summary>The <c>migration.releases</c> value as YAML flow text (JSON).</summary>
    public static string Write(IReadOnlyDictionary<string, MigrationChoice> choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        return "{" + string.Join(", ", choices.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c =>
            $"{JsonSerializer.Serialize(c.Key)}: {(c.Value.Command is { } command ? "[" + string.Join(", ", command.Select(a => JsonSerializer.Serialize(a))) + "]" : JsonSerializer.Serialize(SkipWord))}")) + "}";
    }
}
