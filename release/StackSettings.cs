namespace BlueGreen.Release;

/// <summary>
/// Which kind of stack this is, from <c>bluegreen:environment</c>. It decides the defaults and the
/// prod-only rules (certificate required, backups kept 30 days or more, a critical notification
/// endpoint, deletion protection). It comes from config, never from the stack name alone: a stack
/// called <c>eu-prod</c> is prod because it says <c>environment: prod</c>; the name only serves as a
/// cross-check (a stack whose name has a <c>prod</c> part cannot say <c>staging</c>).
/// </summary>
public enum StackEnvironment
{
    Staging,
    Prod,
}

/// <summary>The whole stack config, read and validated by <see cref="StackSettingsReader"/>.</summary>
public sealed record StackSettings(
    string StackName,
    StackEnvironment Environment,
    AppSettings App,
    ColourRelease Blue,
    ColourRelease Green,
    ReleaseState Release,
    RampSettings Ramp,
    StickinessSettings Stickiness,
    TestRouteSettings TestRoute,
    AlarmSettings Alarms,
    NotificationSettings Notifications,
    BackupSettings Backup,
    NetworkSettings Network,
    KubernetesSettings Kubernetes)
{
    /// <summary>The automatic rollback AWS runs, and the last one the stack file acknowledges.</summary>
    public RollbackSettings Rollback { get; init; } = RollbackSettings.Default;

    /// <summary>The smoke test each release runs before it takes traffic, or null for none.</summary>
    public ReleaseJobSettings? Smoke { get; init; }

    /// <summary>The database migration each release runs after the pre-release snapshot, or null for none.</summary>
    public ReleaseJobSettings? Migration { get; init; }

    /// <summary>Maintenance mode.</summary>
    public MaintenanceSettings Maintenance { get; init; } = MaintenanceSettings.Default;

    /// <summary>The retired releases kept restorable.</summary>
    public ArchiveSettings Archive { get; init; } = ArchiveSettings.Default;

    /// <summary>When the config was read: the time the archive's retention is judged against.</summary>
    public DateTimeOffset ReadAt { get; init; }

    /// <summary>The image tag of the release under way (<see cref="ReleasePhase.ReleaseUnderWay"/>), or null when
    /// none is: what its snapshot, smoke test and migration are named after.</summary>
    public string? ReleaseUnderWayTag => Phase.ReleaseUnderWay is { } colour ? ReleaseOf(colour).ImageTag : null;

    /// <summary>The pre-release snapshots the stack keeps: the release under way's, and each archived
    /// release's as <c>archive.releases</c> lists it (named by the release they were taken before). The time
    /// plays no part: an entry leaves only through a committed prune.</summary>
    public IReadOnlyList<string> SnapshotReleases =>
        [.. (ReleaseUnderWayTag is { } tag ? [tag] : Array.Empty<string>())
            .Concat(Archive.SnapshotTags)
            .Distinct(StringComparer.Ordinal)];

    /// <summary>How the release's Jobs run: service account, database secret, requests and limits.</summary>
    public JobPodSettings Jobs { get; init; } = JobPodSettings.Default;

    /// <summary>Per-release migration choices (<c>migration.releases</c>): skip, or a command of its own.</summary>
    public IReadOnlyDictionary<string, MigrationChoice> MigrationChoices { get; init; } = new Dictionary<string, MigrationChoice>();

    /// <summary>The migration release <paramref name="tag"/> runs: its own choice, else the stack's; null for none.</summary>
    public ReleaseJobSettings? MigrationFor(string tag) => MigrationPlans.For(this, tag);

    /// <summary>Whether this is a prod stack.</summary>
    public bool IsProd => Environment == StackEnvironment.Prod;

    /// <summary>Deletion protection (load balancer, backup vault lock, database snapshot keeping):
    /// on exactly in prod. Derived, not configurable.</summary>
    public bool DeletionProtection => IsProd;

    /// <summary>The colour that is not live: the one a release ramps up, or after a promotion the previous one.
    /// Which of the two it is, is <see cref="Phase"/>'s to say.</summary>
    public Colour NewColour => Release.Live.Other();

    /// <summary>The stack's release phase: the one owner of "is a release in progress?".</summary>
    public ReleasePhase Phase => ReleasePhase.Of(this);

    /// <summary>The colours that are deployed (not retired), blue first.</summary>
    public IReadOnlyList<Colour> DeployedColours => [.. Colours.All.Where(c => c != Release.Retired)];

    /// <summary>The traffic split this config asks for.</summary>
    public TrafficSplit Split => TrafficSplit.For(Release.Live, Ramp.Schedule, Ramp.Step, Release.Retired);

    /// <summary>The listener's default forward action this config asks for.</summary>
    public ForwardAction ForwardAction => Split.ForwardAction(Stickiness);

    /// <summary>The header routes to each deployed colour, when the test route is on.</summary>
    public IReadOnlyList<TestRoute> TestRoutes => TestRoute.RoutesFor(DeployedColours);

    /// <summary>The release settings of <paramref name="colour"/>.</summary>
    public ColourRelease ReleaseOf(Colour colour) => colour == Colour.Blue ? Blue : Green;
}

/// <summary>The application every colour runs.</summary>
/// <param name="Name">Lowercase name used in resource names, 1–18 characters.</param>
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

/// <summary>The ramp: schedule, current step and when it was set.</summary>
/// <param name="Schedule">The percentages to the new colour and bake times.</param>
/// <param name="Step">The current step's index in the schedule.</param>
/// <param name="StepSetAt">When the current step was applied; required once the step is above 0.</param>
public sealed record RampSettings(RampSchedule Schedule, int Step, DateTimeOffset? StepSetAt)
{
    /// <summary>Why the current step was taken past a gate (<c>ramp --force --reason</c>), or null: it is in
    /// the commit and the PR, <c>status</c> shows it, and the apply-time check honours it for this step only.</summary>
    public string? ForceReason { get; init; }

    /// <summary>The current step.</summary>
    public RampStep CurrentStep => Schedule[Step];

    /// <summary>Bake time per step when not set: 1h in prod, 10m in staging.</summary>
    public static TimeSpan DefaultBake(StackEnvironment environment) =>
        environment == StackEnvironment.Prod ? TimeSpan.FromHours(1) : TimeSpan.FromMinutes(10);
}

/// <summary>Forward-action stickiness as configured; <see cref="TrafficSplit.StickinessAllowed"/>
/// decides when it is actually on.</summary>
/// <param name="Enabled">Whether clients are kept on the colour they first reached.</param>
/// <param name="Duration">How long, 1 s to 7 days (604800 s), whole seconds.</param>
public sealed record StickinessSettings(bool Enabled, TimeSpan Duration)
{
    public static StickinessSettings Default { get; } = new(true, TimeSpan.FromHours(1));

    public static TimeSpan MinDuration { get; } = TimeSpan.FromSeconds(Formats.AwsFormats.MinStickinessSeconds);

    public static TimeSpan MaxDuration { get; } = TimeSpan.FromSeconds(Formats.AwsFormats.MaxStickinessSeconds);
}

/// <summary>A listener rule reaching one colour directly: requests whose header
/// <paramref name="Header"/> equals <paramref name="Value"/> (and that carry the stack's test-route key,
/// from the allowed sources) go to <paramref name="Colour"/>.</summary>
public sealed record TestRoute(Colour Colour, string Header, string Value, IReadOnlyList<string> SourceCidrs);

/// <summary>
/// The test route: a header that picks a colour regardless of the weights, so a new colour can be tried at
/// 0 %, e.g. <c>X-Colour: green</c>. It also needs the stack's secret key in <see cref="KeyHeader"/> (the
/// stack output <c>testRouteKey</c>), so nobody on the internet reaches an unreleased colour by guessing a
/// header; <paramref name="SourceCidrs"/> narrows it further to known networks.
/// </summary>
/// <param name="Enabled">Whether the header rules exist.</param>
/// <param name="Header">The header name, an HTTP token of at most 40 characters.</param>
/// <param name="SourceCidrs">Client CIDRs allowed to use the route (at most <see cref="MaxSourceCidrs"/>); null or empty for any.</param>
public sealed record TestRouteSettings(bool Enabled, string Header, IReadOnlyList<string>? SourceCidrs = null)
{
    public const string DefaultHeader = "X-Colour";

    /// <summary>The header that carries the stack's test-route key.</summary>
    public const string KeyHeader = "X-Test-Route-Key";

    /// <summary>An ALB rule matches at most 5 values in all: the colour header and the key take 2.</summary>
    public const int MaxSourceCidrs = 3;

    /// <summary>One route per deployed colour, or none when the test route is off.</summary>
    public IReadOnlyList<TestRoute> RoutesFor(IEnumerable<Colour> deployed) =>
        Enabled ? [.. deployed.Select(c => new TestRoute(c, Header, c.ConfigName(), SourceCidrs ?? []))] : [];
}

/// <summary>The thresholds of the alarms that gate each ramp step.</summary>
public sealed record AlarmSettings(
    ErrorRateAlarm ErrorRate,
    LatencyAlarm LatencyP95,
    UnhealthyHostsAlarm UnhealthyHosts,
    RelativeAlarm Relative)
{
    public static AlarmSettings Default { get; } = new(
        new ErrorRateAlarm(0.5, 1.0, TimeSpan.FromMinutes(5)),
        new LatencyAlarm(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10)),
        new UnhealthyHostsAlarm(1, TimeSpan.FromMinutes(2)),
        new RelativeAlarm(0.5, 1.5));
}

/// <summary>5xx responses as a percentage of requests, per colour, over <paramref name="Window"/>.</summary>
public sealed record ErrorRateAlarm(double WarningPercent, double CriticalPercent, TimeSpan Window);

/// <summary>p95 target response time per colour, sustained over <paramref name="Window"/>.</summary>
public sealed record LatencyAlarm(TimeSpan Warning, TimeSpan Critical, TimeSpan Window);

/// <summary>At least <paramref name="Count"/> unhealthy targets in a colour for <paramref name="Window"/>.</summary>
public sealed record UnhealthyHostsAlarm(int Count, TimeSpan Window);

/// <summary>The new colour compared with the live one: error rate higher by more than
/// <paramref name="ErrorRateDeltaPoints"/> percentage points, or p95 more than
/// <paramref name="LatencyP95Ratio"/> times the live colour's.</summary>
public sealed record RelativeAlarm(double ErrorRateDeltaPoints, double LatencyP95Ratio);

/// <summary>Where a notification goes.</summary>
public enum NotificationKind
{
    Email,
    Https,
    SnsTopic,
}

/// <summary>One notification endpoint: an email address, an https URL or an existing SNS topic ARN.</summary>
public sealed partial record NotificationEndpoint(NotificationKind Kind, string Address)
{
    /// <summary>What an endpoint may be, for messages.</summary>
    public const string Allowed = "use a list of email addresses, https URLs or SNS topic ARNs, e.g. [\"oncall@example.com\"]";

    /// <summary>Reads an endpoint: the one place that decides what kind it is.</summary>
    /// <returns>The endpoint, or null with <paramref name="problem"/> saying why it is none (after the value).</returns>
    public static NotificationEndpoint? Parse(string text, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        problem = null;
        if (text.StartsWith("arn:", StringComparison.Ordinal))
        {
            problem = Arn.SnsTopicProblem(text);
            return problem is null ? new NotificationEndpoint(NotificationKind.SnsTopic, text) : null;
        }

        if (text.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
        {
            problem = $"is a mailto: link; write the address alone, e.g. \"{text["mailto:".Length..]}\"";
            return null;
        }

        if (text.Contains("://", StringComparison.Ordinal))
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || uri.Host.Length == 0)
            {
                problem = "is not an https URL; notification URLs must use https";
                return null;
            }

            return new NotificationEndpoint(NotificationKind.Https, text);
        }

        if (EmailPattern().IsMatch(text))
        {
            return new NotificationEndpoint(NotificationKind.Email, text);
        }

        problem = $"is not an endpoint; {Allowed}";
        return null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^[^@\s:/]+@[^@\s:/]+\.[^@\s:/]+$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex EmailPattern();
}

/// <summary>Who hears about warning and critical alarms.</summary>
public sealed record NotificationSettings(
    IReadOnlyList<NotificationEndpoint> Warning,
    IReadOnlyList<NotificationEndpoint> Critical);

/// <summary>AWS Backup of the stack's data.</summary>
/// <param name="RetentionDays">Days the daily recovery points are kept (prod at least 30).</param>
/// <param name="Schedule">AWS cron expression of the daily rule.</param>
/// <param name="Weekly">The optional weekly rule.</param>
/// <param name="Selection">What is backed up.</param>
/// <param name="RestoreTesting">AWS Backup restore testing.</param>
/// <param name="DatabaseClusterId">The RDS/Aurora cluster snapshotted before each release, if any.</param>
public sealed record BackupSettings(
    int RetentionDays,
    string Schedule,
    WeeklyBackup? Weekly,
    BackupSelection Selection,
    RestoreTestingSettings RestoreTesting,
    string? DatabaseClusterId)
{
    public const int MinProdRetentionDays = 30;

    /// <summary>How long <c>pulumi up</c> waits for a pre-release snapshot when not set.</summary>
    public static TimeSpan DefaultSnapshotTimeout { get; } = TimeSpan.FromHours(2);

    /// <summary>How long <c>pulumi up</c> waits for a pre-release snapshot to be created (or deleted).</summary>
    public TimeSpan SnapshotTimeout { get; init; } = DefaultSnapshotTimeout;
    public const string DefaultSchedule = "cron(0 3 * * ? *)";
    public const string DefaultWeeklySchedule = "cron(0 4 ? * SUN *)";
    public const int DefaultWeeklyRetentionDays = 365;
    public const string DefaultRestoreTestingSchedule = "cron(0 6 ? * MON *)";

    /// <summary>AWS keeps a recovery point in cold storage at least 90 days.</summary>
    public const int MinDaysInColdStorage = Formats.AwsFormats.MinDaysInColdStorage;

    /// <summary>Daily retention when not set: 30 days in prod, 7 in staging.</summary>
    public static int DefaultRetentionDays(StackEnvironment environment) =>
        environment == StackEnvironment.Prod ? 30 : 7;
}

/// <summary>The weekly backup rule.</summary>
/// <param name="Schedule">AWS cron expression.</param>
/// <param name="RetentionDays">Days kept; with cold storage, at least cold + 90.</param>
/// <param name="ColdStorageAfterDays">Days before moving to cold storage, if ever.</param>
public sealed record WeeklyBackup(string Schedule, int RetentionDays, int? ColdStorageAfterDays);

/// <summary>What AWS Backup selects: resources with a tag, listed ARNs, or both (at least one).</summary>
public sealed record BackupSelection(string? TagKey, string? TagValue, IReadOnlyList<string> ResourceArns)
{
    public const string DefaultTag = "backup=true";
}

/// <summary>AWS Backup restore testing: on by default in prod.</summary>
public sealed record RestoreTestingSettings(bool Enabled, string Schedule);

/// <summary>The automatic rollback: whether AWS rolls back on its own when the rollback alarm fires, and
/// the time of the last automatic rollback the stack file acknowledges (so applying may go on).</summary>
/// <param name="Automatic">Whether the stack declares the EventBridge rule and runbook (on by default).</param>
/// <param name="Acknowledged">The <c>at</c> of the automatic rollback record that <c>ramp rollback</c> wrote into
/// the file; null when none was.</param>
public sealed record RollbackSettings(bool Automatic, string? Acknowledged)
{
    public static RollbackSettings Default { get; } = new(true, null);
}
