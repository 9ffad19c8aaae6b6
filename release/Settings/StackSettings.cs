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

    /// <summary>The colour that is not live: the one being ramped while ramping, the previous one (the rollback
    /// target) while stabilizing, the retired one when idle. Which role it has is <see cref="ReleasePhase"/>'s answer.</summary>
    public Colour OtherColour => Release.Live.Other();

    /// <summary>The stack's release phase: the one owner of "is a release in progress?".</summary>
    public ReleasePhase Phase => ReleasePhase.Of(this);

    /// <summary>Whether a ramp is in progress: a colour is being ramped and takes weighted traffic (past step 0).
    /// The one answer for <c>start</c> (which refuses then) and <c>watch</c> (which has nothing to watch before).</summary>
    public bool RampInProgress => Phase.Kind == ReleasePhaseKind.Ramping && Ramp.Step > 0;

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
