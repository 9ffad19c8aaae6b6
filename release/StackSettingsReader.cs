using System.Globalization;
using System.Text.RegularExpressions;

namespace BlueGreen.Release;

/// <summary>
/// Reads and validates the whole stack config before anything uses it. Every key is checked and every
/// problem reported at once, each naming the key, the bad value and what is allowed. Keys are passed to
/// the lookup bare (<c>app.name</c>, not <c>bluegreen:app.name</c>), as Pulumi's <c>Config("bluegreen")</c>
/// takes them; lists arrive as JSON text. See docs/config.md for every key.
/// </summary>
public static partial class StackSettingsReader
{
    /// <summary>How far in the future a timestamp may be (clock skew between the machine that wrote
    /// it and the one that runs the stack) before it is refused.</summary>
    public static TimeSpan ClockSkewTolerance { get; } = TimeSpan.FromMinutes(5);

    [GeneratedRegex(@"^[a-z]([a-z0-9-]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex AppNamePattern();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex DnsLabelPattern();

    [GeneratedRegex(@"^/[\x21-\x7E]*$", RegexOptions.CultureInvariant)]
    private static partial Regex HealthPathPattern();

    [GeneratedRegex(@"^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,40}$", RegexOptions.CultureInvariant)]
    private static partial Regex HeaderNamePattern();

    [GeneratedRegex(@"^vpc-([0-9a-f]{8}|[0-9a-f]{17})$", RegexOptions.CultureInvariant)]
    private static partial Regex VpcIdPattern();

    [GeneratedRegex(@"^subnet-([0-9a-f]{8}|[0-9a-f]{17})$", RegexOptions.CultureInvariant)]
    private static partial Regex SubnetIdPattern();

    [GeneratedRegex(@"^[A-Za-z](?!.*--)[A-Za-z0-9-]{0,62}(?<!-)$", RegexOptions.CultureInvariant)]
    private static partial Regex DatabaseClusterIdPattern();

    [GeneratedRegex(@"^cron\(([^()]+)\)$", RegexOptions.CultureInvariant)]
    private static partial Regex CronPattern();

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
        var environment = ReadEnvironment(config, stackName);
        var env = environment ?? StackEnvironment.Staging;
        var prod = environment == StackEnvironment.Prod;

        // app
        var appName = config.Text(
            ConfigKeys.AppName,
            n => n.Length <= AppSettings.MaxNameLength && AppNamePattern().IsMatch(n),
            "is not a valid app name",
            $"use 1–{AppSettings.MaxNameLength} lowercase letters, digits and '-', starting with a letter and not ending with '-' " +
            "(it prefixes AWS names limited to 32 characters)",
            required: true);
        var imageRepository = config.Text(
            ConfigKeys.AppImageRepository,
            Formats.ImageFormats.IsRepository,
            "is not an image repository",
            "use a lowercase repository without a tag or digest, e.g. 123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop " +
            "(the tag goes in blue.imageTag / green.imageTag)",
            required: true);
        var port = config.Int(ConfigKeys.AppPort, AppSettings.DefaultPort, 1, 65535, "use a TCP port from 1 to 65535");
        var healthPath = config.Text(
            ConfigKeys.AppHealthPath,
            p => p.Length <= 1024 && HealthPathPattern().IsMatch(p),
            "is not a health-check path",
            "use a path starting with '/', without spaces, at most 1024 characters, e.g. /healthz",
            AppSettings.DefaultHealthPath);

        // release
        var live = config.Colour(ConfigKeys.ReleaseLive, required: true, "name the live colour");
        var retired = ReadRetired(config);
        var promotedAt = config.Timestamp(
            ConfigKeys.ReleasePromotedAt, latest, now, "set it to when the live colour was promoted, in UTC");
        var stabilizationWindow = config.Duration(
            ConfigKeys.ReleaseStabilizationWindow,
            ReleaseState.DefaultStabilizationWindow(env),
            TimeSpan.Zero,
            TimeSpan.FromDays(90),
            TimeSpan.FromSeconds(1),
            "use a duration from 0s to 90d, e.g. 72h");

        // colours
        var blue = ReadColour(config, Colour.Blue, retired, env);
        var green = ReadColour(config, Colour.Green, retired, env);

        // ramp
        var percentages = config.IntList(
            ConfigKeys.RampSchedule,
            RampSchedule.DefaultPercentages,
            "use a list of percentages to the new colour, e.g. [0, 5, 25, 50, 100]");
        if (percentages is not null)
        {
            foreach (var problem in RampSchedule.ProblemsWith(percentages))
            {
                config.Add(ConfigKeys.RampSchedule, ConfigText.Show(percentages), problem);
            }
        }

        var schedulePercentages = config.Failed(ConfigKeys.RampSchedule) ? null : percentages;
        var bakeTimes = ReadBake(config, schedulePercentages, env);
        var step = config.Int(
            ConfigKeys.RampStep,
            0,
            0,
            int.MaxValue,
            "use the index of the current step in ramp.schedule, from 0");
        if (step is { } s && schedulePercentages is not null && s >= schedulePercentages.Count)
        {
            config.Add(
                ConfigKeys.RampStep,
                s.ToString(CultureInfo.InvariantCulture),
                $"is past the end of ramp.schedule {ConfigText.Show(schedulePercentages)}; " +
                $"use a step from 0 to {schedulePercentages.Count - 1}");
            step = null;
        }

        var stepSetAt = config.Timestamp(
            ConfigKeys.RampStepSetAt, latest, now, "set it to when the current step was applied, in UTC");
        if (step > 0 && config.Raw(ConfigKeys.RampStepSetAt) is null)
        {
            config.Missing(
                ConfigKeys.RampStepSetAt,
                $"ramp.step is {step}, so set when that step was applied ({UtcTimestamp.Expected}); the bake time counts from it");
        }

        var schedule = schedulePercentages is not null && bakeTimes is not null
            ? RampSchedule.Create(schedulePercentages, bakeTimes)
            : null;

        // stickiness and test route
        var stickinessEnabled = config.Bool(ConfigKeys.StickinessEnabled, StickinessSettings.Default.Enabled);
        var stickinessDuration = config.Duration(
            ConfigKeys.StickinessDuration,
            StickinessSettings.Default.Duration,
            StickinessSettings.MinDuration,
            StickinessSettings.MaxDuration,
            TimeSpan.FromSeconds(1),
            "use whole seconds from 1s to 7d (604800 s), e.g. 1h");
        var testRouteEnabled = config.Bool(ConfigKeys.TestRouteEnabled, true);
        var testRouteHeader = config.Text(
            ConfigKeys.TestRouteHeader,
            h => HeaderNamePattern().IsMatch(h),
            "is not an HTTP header name",
            "use 1–40 letters, digits or !#$%&'*+-.^_`|~, e.g. X-Colour",
            TestRouteSettings.DefaultHeader);
        var testRouteSources = ReadTestRouteSources(config);
        var forceReason = config.Text(
            ConfigKeys.RampForceReason,
            r => r.Length <= 300 && !r.Any(char.IsControl),
            "is not a reason",
            "use one line of at most 300 characters saying why the step passed a gate (written by 'ramp next --force --reason'), or leave it empty");
        var automaticRollback = config.Bool(ConfigKeys.RollbackAutomatic, true);
        var acknowledged = config.Raw(ConfigKeys.RollbackAcknowledged);

        var alarms = ReadAlarms(config);
        var notifications = ReadNotifications(config, prod);
        var backup = ReadBackup(config, env, prod);
        var region = ReadRegion(config);
        var network = ReadNetwork(config, region);

        // kubernetes
        var kubernetesNamespace = config.Text(
            ConfigKeys.KubernetesNamespace,
            n => n.Length <= 63 && DnsLabelPattern().IsMatch(n),
            "is not a Kubernetes namespace name",
            "use 1–63 lowercase letters, digits and '-', starting and ending with a letter or digit; defaults to app.name",
            appName);
        var kubernetesContext = config.Text(
            ConfigKeys.KubernetesContext,
            c => !c.Any(char.IsWhiteSpace),
            "is not a kubeconfig context name",
            "use the context name without spaces, or leave it unset for the kubeconfig's current context");
        var kubeconfig = config.Raw(ConfigKeys.KubernetesKubeconfig);

        // the release steps around the traffic switch
        var (smokeOk, smoke) = Reading.ReleaseStepsReader.Smoke(config);
        var (migrationOk, migration) = Reading.ReleaseStepsReader.Migration(config, config.Raw(ConfigKeys.BackupDatabaseClusterId));
        var maintenance = Reading.ReleaseStepsReader.Maintenance(config);
        var archive = Reading.ReleaseStepsReader.Archive(config, env, latest);

        // rules across keys
        if (live is { } l && retired is { } r && !config.Failed(ConfigKeys.ReleaseRetired))
        {
            CheckRetirement(config, l, r, schedule, step, promotedAt, stabilizationWindow, now);
        }

        if (live is { } liveColour && retired is null && !config.Failed(ConfigKeys.ReleaseRetired) &&
            blue?.ImageTag is { } blueTag && green?.ImageTag is { } greenTag && blueTag == greenTag)
        {
            var newColour = liveColour.Other();
            config.Add(
                ConfigKeys.ImageTag(newColour),
                greenTag,
                $"is also {ConfigKeys.Full(ConfigKeys.ImageTag(liveColour))} (the live colour's tag); while both colours " +
                $"are deployed (a ramp) the new colour {newColour.ConfigName()} must run a different image tag, " +
                $"or set {ConfigKeys.Full(ConfigKeys.ReleaseRetired)} to retire one colour");
        }

        if (promotedAt is { } promoted && stepSetAt is { } setAt && promoted > setAt && step > 0)
        {
            config.Add(
                ConfigKeys.RampStep,
                step.Value.ToString(CultureInfo.InvariantCulture),
                $"was set at {UtcTimestamp.Format(setAt)}, before the promotion at {UtcTimestamp.Format(promoted)}; " +
                "after a promotion (release.live switched to the promoted colour) the step must go back to 0 so the " +
                "promoted colour keeps all traffic — set ramp.step to 0, or give ramp.stepSetAt the time of a new step");
        }

        if (config.Problems.Count > 0 || environment is null || appName is null || imageRepository is null ||
            port is null || healthPath is null || live is null || blue is null || green is null ||
            stabilizationWindow is null || schedule is null || step is null || stickinessEnabled is null ||
            stickinessDuration is null || testRouteEnabled is null || testRouteHeader is null || automaticRollback is null || alarms is null ||
            notifications is null || backup is null || network is null || kubernetesNamespace is null ||
            !smokeOk || !migrationOk || maintenance is null || archive is null)
        {
            return StackSettingsResult.Invalid(config.Problems);
        }

        return StackSettingsResult.Valid(new StackSettings(
            stackName,
            environment.Value,
            new AppSettings(appName, imageRepository, port.Value, healthPath),
            blue,
            green,
            new ReleaseState(live.Value, retired, promotedAt, stabilizationWindow.Value),
            new RampSettings(schedule, step.Value, stepSetAt) { ForceReason = forceReason },
            new StickinessSettings(stickinessEnabled.Value, stickinessDuration.Value),
            new TestRouteSettings(testRouteEnabled.Value, testRouteHeader, testRouteSources),
            alarms,
            notifications,
            backup,
            network,
            new KubernetesSettings(kubernetesNamespace, kubernetesContext, kubeconfig))
        {
            Rollback = new RollbackSettings(automaticRollback.Value, acknowledged),
            Smoke = smoke,
            Migration = migration,
            Maintenance = maintenance,
            Archive = archive,
            ReadAt = now,
        });
    }

    private static StackEnvironment? ReadEnvironment(ConfigText config, string stackName)
    {
        const string allowed = "use prod or staging (prod turns on the prod-only rules and deletion protection)";
        var raw = config.Raw(ConfigKeys.Environment);
        if (raw is null)
        {
            config.Missing(ConfigKeys.Environment, allowed);
            return null;
        }

        StackEnvironment? environment = raw switch
        {
            "prod" => StackEnvironment.Prod,
            "staging" => StackEnvironment.Staging,
            _ => null,
        };
        if (environment is null)
        {
            config.Add(ConfigKeys.Environment, raw, $"is not a known stack kind; {allowed}");
            return null;
        }

        var nameParts = stackName.ToLowerInvariant().Split(['-', '_', '.', '/'], StringSplitOptions.RemoveEmptyEntries);
        if (environment == StackEnvironment.Staging && nameParts.Any(p => p is "prod" or "production"))
        {
            config.Add(
                ConfigKeys.Environment,
                raw,
                $"contradicts the stack name '{stackName}'; a stack whose name has a 'prod' part must say prod " +
                "(the environment comes from this key; the name is only a cross-check)");
            return null;
        }

        return environment;
    }

    private static Colour? ReadRetired(ConfigText config)
    {
        var raw = config.Raw(ConfigKeys.ReleaseRetired);
        if (raw is null || raw.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (Colours.TryParse(raw, out var colour))
        {
            return colour;
        }

        config.Add(ConfigKeys.ReleaseRetired, raw, "is not a colour; use none, blue or green");
        return null;
    }

    private static ColourRelease? ReadColour(ConfigText config, Colour colour, Colour? retired, StackEnvironment env)
    {
        var key = ConfigKeys.ImageTag(colour);
        var isRetired = retired == colour;
        var tag = config.Text(
            key,
            Formats.ImageFormats.IsTag,
            "is not an image tag",
            $"use the tag {colour.ConfigName()} runs: {Formats.ImageFormats.TagRule}, e.g. 1.4.2",
            required: !isRetired);
        var replicas = config.Int(
            ConfigKeys.Replicas(colour),
            ColourRelease.DefaultReplicas(env),
            1,
            1000,
            $"use how many pods {colour.ConfigName()} runs, from 1 to 1000");
        if (replicas is null || (tag is null && (!isRetired || config.Failed(key))))
        {
            return null;
        }

        return new ColourRelease(tag, replicas.Value);
    }

    private static IReadOnlyList<TimeSpan>? ReadBake(ConfigText config, IReadOnlyList<int>? percentages, StackEnvironment env)
    {
        const string allowed = "use one duration for every step (e.g. 1h) or a list with one per ramp.schedule step " +
                               "(e.g. [\"30m\", \"1h\", \"2h\", \"4h\", \"1h\"]), each from 0s to 7d";
        var raw = config.Raw(ConfigKeys.RampBake);
        var count = percentages?.Count ?? RampSchedule.DefaultPercentages.Count;
        if (raw is null)
        {
            return [.. Enumerable.Repeat(RampSettings.DefaultBake(env), count)];
        }

        if (!raw.StartsWith('['))
        {
            var single = config.CheckDuration(
                ConfigKeys.RampBake, raw, raw, TimeSpan.Zero, TimeSpan.FromDays(7), TimeSpan.FromSeconds(1), allowed);
            return single is { } bake ? [.. Enumerable.Repeat(bake, count)] : null;
        }

        var texts = config.StringList(ConfigKeys.RampBake, null, allowed);
        if (texts is null)
        {
            return null;
        }

        var bakes = texts
            .Select(t => config.CheckDuration(
                ConfigKeys.RampBake, t, $"{ConfigText.Show(texts)} has \"{t}\" that", TimeSpan.Zero, TimeSpan.FromDays(7), TimeSpan.FromSeconds(1), allowed))
            .ToList();
        if (percentages is not null && texts.Count != percentages.Count)
        {
            config.Add(
                ConfigKeys.RampBake,
                ConfigText.Show(texts),
                $"has {texts.Count} bake times but ramp.schedule {ConfigText.Show(percentages)} has {percentages.Count} steps; " +
                "give one bake time per step, or a single duration for all");
            return null;
        }

        return bakes.Any(b => b is null) ? null : [.. bakes.Select(b => b!.Value)];
    }

    private static AlarmSettings? ReadAlarms(ConfigText config)
    {
        var d = AlarmSettings.Default;
        const string percent = "use a percentage above 0 and at most 100, e.g. 0.5";
        const string window = "use whole minutes from 1m to 1d, e.g. 5m (CloudWatch evaluates load balancer metrics per minute)";
        var oneMinute = TimeSpan.FromMinutes(1);

        var errorWarning = config.Number(ConfigKeys.AlarmsErrorRateWarning, d.ErrorRate.WarningPercent, v => v is > 0 and <= 100, percent);
        var errorCritical = config.Number(ConfigKeys.AlarmsErrorRateCritical, d.ErrorRate.CriticalPercent, v => v is > 0 and <= 100, percent);
        var errorWindow = config.Duration(ConfigKeys.AlarmsErrorRateWindow, d.ErrorRate.Window, oneMinute, TimeSpan.FromDays(1), oneMinute, window);
        if (errorWarning is { } ew && errorCritical is { } ec && ew > ec)
        {
            config.Add(
                ConfigKeys.AlarmsErrorRateWarning,
                ew.ToString(CultureInfo.InvariantCulture),
                $"is above {ConfigKeys.Full(ConfigKeys.AlarmsErrorRateCritical)} {ec.ToString(CultureInfo.InvariantCulture)}; " +
                "the warning threshold must not exceed the critical one");
        }

        const string latency = "use a duration above 0 and at most 1h, e.g. 1s or 800ms";
        var latencyWarning = config.Duration(ConfigKeys.AlarmsLatencyP95Warning, d.LatencyP95.Warning, TimeSpan.FromMilliseconds(1), TimeSpan.FromHours(1), TimeSpan.FromMilliseconds(1), latency);
        var latencyCritical = config.Duration(ConfigKeys.AlarmsLatencyP95Critical, d.LatencyP95.Critical, TimeSpan.FromMilliseconds(1), TimeSpan.FromHours(1), TimeSpan.FromMilliseconds(1), latency);
        var latencyWindow = config.Duration(ConfigKeys.AlarmsLatencyP95Window, d.LatencyP95.Window, oneMinute, TimeSpan.FromDays(1), oneMinute, window);
        if (latencyWarning is { } lw && latencyCritical is { } lc && lw > lc)
        {
            config.Add(
                ConfigKeys.AlarmsLatencyP95Warning,
                config.Raw(ConfigKeys.AlarmsLatencyP95Warning) ?? DurationText.Format(lw),
                $"is above {ConfigKeys.Full(ConfigKeys.AlarmsLatencyP95Critical)} {DurationText.Format(lc)}; " +
                "the warning threshold must not exceed the critical one");
        }

        var unhealthyCount = config.Int(ConfigKeys.AlarmsUnhealthyHostsCount, d.UnhealthyHosts.Count, 1, 1000, "use how many unhealthy targets raise the alarm, from 1 to 1000");
        var unhealthyWindow = config.Duration(ConfigKeys.AlarmsUnhealthyHostsWindow, d.UnhealthyHosts.Window, oneMinute, TimeSpan.FromDays(1), oneMinute, window);
        var delta = config.Number(
            ConfigKeys.AlarmsRelativeErrorRateDelta,
            d.Relative.ErrorRateDeltaPoints,
            v => v is > 0 and <= 100,
            "use percentage points above 0 and at most 100 by which the new colour's error rate may exceed the live colour's, e.g. 0.5");
        var ratio = config.Number(
            ConfigKeys.AlarmsRelativeLatencyP95Ratio,
            d.Relative.LatencyP95Ratio,
            v => v is > 1 and <= 100,
            "use a factor above 1 and at most 100 by which the new colour's p95 may exceed the live colour's, e.g. 1.5");

        if (config.Failed(ConfigKeys.AlarmsErrorRateWarning) || config.Failed(ConfigKeys.AlarmsLatencyP95Warning) ||
            errorWarning is null || errorCritical is null || errorWindow is null || latencyWarning is null ||
            latencyCritical is null || latencyWindow is null || unhealthyCount is null || unhealthyWindow is null ||
            delta is null || ratio is null)
        {
            return null;
        }

        return new AlarmSettings(
            new ErrorRateAlarm(errorWarning.Value, errorCritical.Value, errorWindow.Value),
            new LatencyAlarm(latencyWarning.Value, latencyCritical.Value, latencyWindow.Value),
            new UnhealthyHostsAlarm(unhealthyCount.Value, unhealthyWindow.Value),
            new RelativeAlarm(delta.Value, ratio.Value));
    }

    private static NotificationSettings? ReadNotifications(ConfigText config, bool prod)
    {
        var warning = ReadEndpoints(config, ConfigKeys.NotificationsWarning);
        var critical = ReadEndpoints(config, ConfigKeys.NotificationsCritical);
        if (prod && critical is { Count: 0 })
        {
            config.Add(
                ConfigKeys.NotificationsCritical,
                "[]",
                "is empty in prod; list at least one email address, https URL or SNS topic ARN to page on critical alarms");
            return null;
        }

        return warning is null || critical is null ? null : new NotificationSettings(warning, critical);
    }

    private static List<NotificationEndpoint>? ReadEndpoints(ConfigText config, string key)
    {
        var texts = config.StringList(key, [], NotificationEndpoint.Allowed);
        if (texts is null)
        {
            return null;
        }

        var endpoints = new List<NotificationEndpoint>();
        foreach (var text in texts)
        {
            if (NotificationEndpoint.Parse(text, out var problem) is { } endpoint)
            {
                endpoints.Add(endpoint);
            }
            else
            {
                config.Add(key, $"{ConfigText.Show(texts)} has \"{text}\" that", problem!);
            }
        }

        return config.Failed(key) ? null : endpoints;
    }

    private static BackupSettings? ReadBackup(ConfigText config, StackEnvironment env, bool prod)
    {
        const string cron = "use an AWS cron expression with 6 fields and '?' in exactly one of day-of-month and day-of-week, e.g. cron(0 3 * * ? *)";
        var minRetention = prod ? BackupSettings.MinProdRetentionDays : 1;
        var retention = config.Int(
            ConfigKeys.BackupRetentionDays,
            BackupSettings.DefaultRetentionDays(env),
            int.MinValue,
            int.MaxValue,
            $"use days from {minRetention} to 36500");
        if (retention is { } days && (days < minRetention || days > 36500))
        {
            config.Add(
                ConfigKeys.BackupRetentionDays,
                days.ToString(CultureInfo.InvariantCulture),
                prod
                    ? $"is under the prod minimum; prod keeps backups at least {BackupSettings.MinProdRetentionDays} days (up to 36500)"
                    : "is out of range; use days from 1 to 36500");
            retention = null;
        }

        var schedule = config.Text(ConfigKeys.BackupSchedule, IsAwsCron, "is not an AWS cron expression", cron, BackupSettings.DefaultSchedule);

        var weeklyEnabled = config.Bool(ConfigKeys.BackupWeeklyEnabled, false);
        var weeklySchedule = config.Text(ConfigKeys.BackupWeeklySchedule, IsAwsCron, "is not an AWS cron expression", cron, BackupSettings.DefaultWeeklySchedule);
        var weeklyRetention = config.Int(
            ConfigKeys.BackupWeeklyRetentionDays, BackupSettings.DefaultWeeklyRetentionDays, 1, 36500, "use days from 1 to 36500");
        var coldAfter = config.Int(
            ConfigKeys.BackupWeeklyColdStorageAfterDays, null, 1, 36500, "use days from 1 to 36500 before moving to cold storage, or leave it unset");
        if (weeklyRetention is { } wr && coldAfter is { } cold && wr < cold + BackupSettings.MinDaysInColdStorage)
        {
            config.Add(
                ConfigKeys.BackupWeeklyRetentionDays,
                wr.ToString(CultureInfo.InvariantCulture),
                $"is less than backup.weekly.coldStorageAfterDays {cold} + {BackupSettings.MinDaysInColdStorage}; AWS keeps " +
                $"a recovery point at least {BackupSettings.MinDaysInColdStorage} days in cold storage, so retention must be " +
                $"at least {cold + BackupSettings.MinDaysInColdStorage} days");
        }

        var (tagKey, tagValue, tagOk) = ReadSelectionTag(config);
        var resources = config.StringList(
            ConfigKeys.BackupSelectionResources,
            [],
            "use a list of resource ARNs, e.g. [\"arn:aws:rds:eu-west-1:123456789012:cluster:orders\"]");
        if (resources is not null)
        {
            foreach (var arn in resources)
            {
                if (Arn.BackupResourceProblem(arn) is { } problem)
                {
                    config.Add(ConfigKeys.BackupSelectionResources, $"{ConfigText.Show(resources)} has \"{arn}\" that", problem);
                }
            }
        }

        if (tagOk && tagKey is null && resources is { Count: 0 })
        {
            config.Add(
                ConfigKeys.BackupSelectionTag,
                "none",
                "leaves nothing to back up, as backup.selection.resources is empty too; set a tag (key=value) or list resource ARNs");
        }

        var restoreTestingEnabled = config.Bool(ConfigKeys.BackupRestoreTestingEnabled, prod);
        var restoreTestingSchedule = config.Text(
            ConfigKeys.BackupRestoreTestingSchedule, IsAwsCron, "is not an AWS cron expression", cron, BackupSettings.DefaultRestoreTestingSchedule);
        var databaseClusterId = config.Text(
            ConfigKeys.BackupDatabaseClusterId,
            id => DatabaseClusterIdPattern().IsMatch(id),
            "is not a database cluster identifier",
            "use 1–63 letters, digits and '-', starting with a letter, without '--' or a trailing '-', or leave it unset");

        var failed = new[]
        {
            ConfigKeys.BackupWeeklyRetentionDays, ConfigKeys.BackupSelectionTag, ConfigKeys.BackupSelectionResources,
            ConfigKeys.BackupDatabaseClusterId,
        }.Any(config.Failed);
        if (failed || retention is null || schedule is null || weeklyEnabled is null || weeklySchedule is null ||
            weeklyRetention is null || restoreTestingEnabled is null || restoreTestingSchedule is null ||
            resources is null || config.Failed(ConfigKeys.BackupWeeklyColdStorageAfterDays))
        {
            return null;
        }

        return new BackupSettings(
            retention.Value,
            schedule,
            weeklyEnabled.Value ? new WeeklyBackup(weeklySchedule, weeklyRetention.Value, coldAfter) : null,
            new BackupSelection(tagKey, tagValue, resources),
            new RestoreTestingSettings(restoreTestingEnabled.Value, restoreTestingSchedule),
            databaseClusterId);
    }

    private static (string? Key, string? Value, bool Ok) ReadSelectionTag(ConfigText config)
    {
        var raw = config.Raw(ConfigKeys.BackupSelectionTag) ?? BackupSelection.DefaultTag;
        if (raw.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return (null, null, true);
        }

        var parts = raw.Split('=', 2);
        if (parts.Length == 2 && parts[0].Trim().Length is > 0 and <= 128 && parts[1].Trim().Length <= 256 &&
            !parts[0].StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
        {
            return (parts[0].Trim(), parts[1].Trim(), true);
        }

        config.Add(
            ConfigKeys.BackupSelectionTag,
            raw,
            "is not a tag; use key=value (key 1–128 characters, not starting with aws:, value up to 256), or none to select by ARN only");
        return (null, null, false);
    }

    /// <summary><c>testRoute.sourceCidrs</c>: the networks allowed to use the test route (IPv4 or IPv6 CIDRs).</summary>
    private static IReadOnlyList<string>? ReadTestRouteSources(ConfigText config)
    {
        const string allowed = "use a list of at most 3 CIDR blocks, e.g. [\"203.0.113.0/24\"], or leave it unset for any source";
        var cidrs = config.StringList(ConfigKeys.TestRouteSourceCidrs, [], allowed);
        if (cidrs is null)
        {
            return null;
        }

        var shown = ConfigText.Show(cidrs);
        foreach (var bad in cidrs.Where(c => !c.Contains('/', StringComparison.Ordinal) || !System.Net.IPNetwork.TryParse(c, out _)))
        {
            config.Add(ConfigKeys.TestRouteSourceCidrs, $"{shown} has \"{bad}\" that", $"is not a CIDR block; {allowed}");
        }

        if (cidrs.Count > TestRouteSettings.MaxSourceCidrs)
        {
            config.Add(ConfigKeys.TestRouteSourceCidrs, shown, $"has {cidrs.Count} blocks; an ALB rule matches at most 5 values and the test route's headers take 2, so {allowed}");
        }

        return config.Failed(ConfigKeys.TestRouteSourceCidrs) || cidrs.Count == 0 ? null : cidrs;
    }

    /// <summary><c>aws:region</c>, read with the rest so a typo is reported before anything is written.</summary>
    private static string? ReadRegion(ConfigText config)
    {
        var region = config.Raw(AwsRegions.ConfigKey);
        if (region is null)
        {
            config.Missing(AwsRegions.ConfigKey, "name the stack's AWS region, e.g. aws:region: eu-west-1");
            return null;
        }

        if (AwsRegions.Problem(region) is { } problem)
        {
            config.Add(AwsRegions.ConfigKey, region, problem);
            return null;
        }

        return region;
    }

    private static NetworkSettings? ReadNetwork(ConfigText config, string? region)
    {
        var vpcId = config.Text(
            ConfigKeys.NetworkVpcId,
            v => VpcIdPattern().IsMatch(v),
            "is not a VPC id",
            "use vpc- followed by 8 or 17 hexadecimal digits, e.g. vpc-0a1b2c3d4e5f60718",
            required: true);

        const string subnetsAllowed = "use a list of at least two subnet ids in different availability zones, " +
                                      "e.g. [\"subnet-0a1b2c3d4e5f60718\", \"subnet-1a2b3c4d5e6f70819\"]";
        var subnets = config.StringList(ConfigKeys.NetworkSubnetIds, null, subnetsAllowed);
        if (config.Raw(ConfigKeys.NetworkSubnetIds) is null)
        {
            config.Missing(ConfigKeys.NetworkSubnetIds, subnetsAllowed);
        }
        else if (subnets is not null)
        {
            var shown = ConfigText.Show(subnets);
            foreach (var bad in subnets.Where(id => !SubnetIdPattern().IsMatch(id)))
            {
                config.Add(ConfigKeys.NetworkSubnetIds, $"{shown} has \"{bad}\" that", "is not a subnet id; use subnet- followed by 8 or 17 hexadecimal digits");
            }

            if (subnets.Distinct().Count() != subnets.Count)
            {
                config.Add(ConfigKeys.NetworkSubnetIds, shown, "repeats a subnet; list each subnet once");
            }
            else if (subnets.Count < 2)
            {
                config.Add(ConfigKeys.NetworkSubnetIds, shown, $"has fewer than two subnets; {subnetsAllowed}");
            }
        }

        // Every stack serves HTTPS (the listener the ramp moves is the HTTPS one), so every stack needs a
        // certificate: AWS refuses an HTTPS listener without one, and an empty ARN is never sent.
        var certificateArn = config.Raw(ConfigKeys.NetworkCertificateArn);
        if (string.IsNullOrWhiteSpace(certificateArn))
        {
            config.Missing(
                ConfigKeys.NetworkCertificateArn,
                "every stack serves HTTPS, so give the ACM certificate ARN of the listener (in the stack's aws:region), e.g. arn:aws:acm:eu-west-1:123456789012:certificate/<id>");
        }
        else if (Arn.CertificateProblem(certificateArn) is { } problem)
        {
            config.Add(ConfigKeys.NetworkCertificateArn, certificateArn, problem);
        }
        else if (region is not null && Arn.TryParse(certificateArn, out var certificate) && certificate.Region != region)
        {
            config.Add(
                ConfigKeys.NetworkCertificateArn,
                certificateArn,
                $"is in {certificate.Region}, but a load balancer can only use an ACM certificate of its own region ({AwsRegions.ConfigKey} {region}); request or import the certificate in {region}");
        }

        return vpcId is null || subnets is null || certificateArn is null || config.Failed(ConfigKeys.NetworkSubnetIds) ||
               config.Failed(ConfigKeys.NetworkCertificateArn)
            ? null
            : new NetworkSettings(vpcId, subnets, certificateArn);
    }

    private static void CheckRetirement(
        ConfigText config,
        Colour live,
        Colour retired,
        RampSchedule? schedule,
        int? step,
        DateTimeOffset? promotedAt,
        TimeSpan? stabilizationWindow,
        DateTimeOffset now)
    {
        var key = ConfigKeys.ReleaseRetired;
        var shown = retired.ConfigName();
        if (retired == live)
        {
            config.Add(
                key,
                shown,
                $"is the live colour ({ConfigKeys.Full(ConfigKeys.ReleaseLive)}); only the colour that is not live can be retired");
            return;
        }

        if (schedule is null || step is not { } s)
        {
            return; // the schedule or step has its own problem already
        }

        var split = TrafficSplit.For(live, schedule, s);
        if (split.WeightOf(retired) > 0)
        {
            config.Add(
                key,
                shown,
                $"still receives {split.WeightOf(retired)} % of traffic at ramp.step {s}; set ramp.step to 0 " +
                "(all traffic on the live colour) before retiring it");
            return;
        }

        if (config.Failed(ConfigKeys.ReleasePromotedAt) || stabilizationWindow is not { } window)
        {
            return;
        }

        var gate = RetirementGate.Evaluate(live, split, promotedAt, window, now);
        if (!gate.Passed)
        {
            config.Add(key, shown, $"cannot be retired yet: {gate.Reason}");
        }
    }

    private static bool IsAwsCron(string text)
    {
        var match = CronPattern().Match(text);
        if (!match.Success)
        {
            return false;
        }

        var fields = match.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length == 6 && (fields[2] == "?") != (fields[4] == "?");
    }
}
