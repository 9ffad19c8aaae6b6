using BlueGreen.Release.Reading;

namespace BlueGreen.Release;

/// <summary>
/// Reads and validates the whole stack config before anything uses it. Every key is checked and every
/// problem reported at once, each naming the key, the bad value and what is allowed. Keys are passed to
/// the lookup bare (<c>app.name</c>, not <c>bluegreen:app.name</c>), as Pulumi's <c>Config("bluegreen")</c>
/// takes them; lists arrive as JSON text. See docs/config.md for every key.
/// </summary>
public static class StackSettingsReader
{
    /// <summary>How far in the future a timestamp may be (clock skew between the machine that wrote
    /// it and the one that runs the stack) before it is refused.</summary>
    public static TimeSpan ClockSkewTolerance { get; } = TimeSpan.FromMinutes(5);

    /// <summary>Reads the config as of the current UTC time. This overload is the one place the clock is
    /// read; decisions take <c>now</c> from their caller.</summary>
    public static StackSettingsResult Read(Func<string, string?> lookup, string stackName) =>
        Read(lookup, stackName, TimeProvider.System.GetUtcNow());

    /// <summary>Reads the config as of <paramref name="now"/> (which time-based rules such as the
    /// stabilization window are judged against).</summary>
    /// <param name="lookup">Returns a key's text, or null when it is not set.</param>
    /// <param name="stackName">The Pulumi stack name, used only as a cross-check of <c>environment</c>.</param>
    /// <param name="now">The time of reading.</param>
    public static StackSettingsResult Read(Func<string, string?> lookup, string stackName, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        ArgumentNullException.ThrowIfNull(stackName);
        var config = new ConfigText(lookup);
        var latest = now + ClockSkewTolerance;

        // environment: decides defaults; unknown or missing falls back to staging defaults so that the
        // other keys are still checked, but the settings are not returned.
        var environment = AppSectionReader.Environment(config, stackName);
        var env = environment ?? StackEnvironment.Staging;

        var (app, appName) = AppSectionReader.App(config);
        var release = ReleaseSectionReader.Release(config, env, latest, now);
        var blue = ReleaseSectionReader.Colour(config, Colour.Blue, release, env);
        var green = ReleaseSectionReader.Colour(config, Colour.Green, release, env);
        var ramp = RampSectionReader.Ramp(config, env, latest, now);
        var stickiness = TrafficSectionReader.Stickiness(config);
        var testRoute = TrafficSectionReader.TestRoute(config);
        var rollback = TrafficSectionReader.Rollback(config);
        var alarms = AlarmSectionReader.Alarms(config);
        var notifications = AlarmSectionReader.Notifications(config, environment == StackEnvironment.Prod);
        var backup = BackupSectionReader.Backup(config, env, environment == StackEnvironment.Prod);
        var region = NetworkSectionReader.Region(config);
        var network = NetworkSectionReader.Network(config, region);
        var kubernetes = AppSectionReader.Kubernetes(config, appName);

        // the release steps around the traffic switch
        var (smokeOk, smoke) = ReleaseStepsReader.Smoke(config);
        var (migrationOk, migration) = ReleaseStepsReader.Migration(config, config.Raw(ConfigKeys.BackupDatabaseClusterId));
        var maintenance = ReleaseStepsReader.Maintenance(config);
        var jobs = JobsSectionReader.Jobs(config);
        var migrationChoices = JobsSectionReader.MigrationChoices(config, config.Raw(ConfigKeys.BackupDatabaseClusterId));
        var archive = ReleaseStepsReader.Archive(config, env, latest);

        ReleaseSectionReader.CheckAcrossKeys(config, release, blue, green, ramp, now);

        if (config.Problems.Count > 0 || environment is null || app is null || release.State is not { } state || blue is null || green is null ||
            ramp is null || stickiness is null || testRoute is null || rollback is null || alarms is null || notifications is null ||
            backup is null || network is null || kubernetes is null || !smokeOk || !migrationOk || maintenance is null || archive is null
            || jobs is null || migrationChoices is null)
        {
            return StackSettingsResult.Invalid(config.Problems);
        }

        var settings = new StackSettings(
            stackName, environment.Value, app, blue, green, state, ramp, stickiness, testRoute, alarms, notifications, backup, network, kubernetes)
        {
            Rollback = rollback,
            Smoke = smoke,
            Migration = migration,
            Maintenance = maintenance,
            Archive = archive,
            ReadAt = now,
            Jobs = jobs,
            MigrationChoices = migrationChoices,
        };

        // The rules that need the whole settings (maintenance during a release, release tags whose names collide).
        var across = ReleaseStepRules.Problems(settings);
        return across.Count > 0 ? StackSettingsResult.Invalid([.. config.Problems, .. across]) : StackSettingsResult.Valid(settings);
    }
}
