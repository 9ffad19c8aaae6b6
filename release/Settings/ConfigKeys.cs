namespace BlueGreen.Release;

/// <summary>
/// The stack config keys, without the <c>bluegreen:</c> namespace (Pulumi's <c>Config("bluegreen")</c>
/// takes them bare). docs/config.md describes each one.
/// </summary>
public static class ConfigKeys
{
    /// <summary>The Pulumi config namespace of every key.</summary>
    public const string Namespace = "bluegreen";

    public const string Environment = "environment";

    public const string AppName = "app.name";
    public const string AppImageRepository = "app.imageRepository";
    public const string AppPort = "app.port";
    public const string AppHealthPath = "app.healthPath";

    public const string BlueImageTag = "blue.imageTag";
    public const string BlueReplicas = "blue.replicas";
    public const string GreenImageTag = "green.imageTag";
    public const string GreenReplicas = "green.replicas";

    public const string ReleaseLive = "release.live";
    public const string ReleaseRetired = "release.retired";
    public const string ReleasePromotedAt = "release.promotedAt";
    public const string ReleaseStabilizationWindow = "release.stabilizationWindow";

    public const string RampSchedule = "ramp.schedule";
    public const string RampBake = "ramp.bake";
    public const string RampStep = "ramp.step";
    public const string RampStepSetAt = "ramp.stepSetAt";
    public const string RampForceReason = "ramp.forceReason";
    public const string RampAutoProgress = "ramp.autoProgress";

    public const string StickinessEnabled = "stickiness.enabled";
    public const string StickinessDuration = "stickiness.duration";

    public const string TestRouteEnabled = "testRoute.enabled";
    public const string TestRouteHeader = "testRoute.header";
    public const string TestRouteSourceCidrs = "testRoute.sourceCidrs";
    public const string RollbackAutomatic = "rollback.automatic";
    public const string RollbackAcknowledged = "rollback.acknowledged";
    public const string RollbackAutomaticAfterPromotion = "rollback.automaticAfterPromotion";

    public const string AlarmsErrorRateWarning = "alarms.errorRate.warning";
    public const string AlarmsErrorRateCritical = "alarms.errorRate.critical";
    public const string AlarmsErrorRateWindow = "alarms.errorRate.window";
    public const string AlarmsLatencyP95Warning = "alarms.latencyP95.warning";
    public const string AlarmsLatencyP95Critical = "alarms.latencyP95.critical";
    public const string AlarmsLatencyP95Window = "alarms.latencyP95.window";
    public const string AlarmsUnhealthyHostsCount = "alarms.unhealthyHosts.count";
    public const string AlarmsUnhealthyHostsWindow = "alarms.unhealthyHosts.window";
    public const string AlarmsRelativeErrorRateDelta = "alarms.relative.errorRateDelta";
    public const string AlarmsRelativeLatencyP95Ratio = "alarms.relative.latencyP95Ratio";

    public const string NotificationsWarning = "notifications.warning";
    public const string NotificationsCritical = "notifications.critical";

    public const string BackupRetentionDays = "backup.retentionDays";
    public const string BackupSchedule = "backup.schedule";
    public const string BackupWeeklyEnabled = "backup.weekly.enabled";
    public const string BackupWeeklySchedule = "backup.weekly.schedule";
    public const string BackupWeeklyRetentionDays = "backup.weekly.retentionDays";
    public const string BackupWeeklyColdStorageAfterDays = "backup.weekly.coldStorageAfterDays";
    public const string BackupSelectionTag = "backup.selection.tag";
    public const string BackupSelectionResources = "backup.selection.resources";
    public const string BackupRestoreTestingEnabled = "backup.restoreTesting.enabled";
    public const string BackupRestoreTestingSchedule = "backup.restoreTesting.schedule";
    public const string BackupDatabaseClusterId = "backup.databaseClusterId";
    public const string BackupSnapshotTimeout = "backup.snapshotTimeout";

    public const string NetworkVpcId = "network.vpcId";
    public const string NetworkSubnetIds = "network.subnetIds";
    public const string NetworkCertificateArn = "network.certificateArn";

    public const string KubernetesNamespace = "kubernetes.namespace";
    public const string KubernetesContext = "kubernetes.context";
    public const string KubernetesKubeconfig = "kubernetes.kubeconfig";

    public const string SmokeCommand = "smoke.command";
    public const string SmokeImage = "smoke.image";
    public const string SmokeTimeout = "smoke.timeout";
    public const string MigrationCommand = "migration.command";
    public const string MigrationImage = "migration.image";
    public const string MigrationTimeout = "migration.timeout";
    public const string MigrationReleases = "migration.releases";
    public const string JobsServiceAccount = "jobs.serviceAccount";
    public const string JobsSecret = "jobs.secret";
    public const string JobsCpuRequest = "jobs.cpuRequest";
    public const string JobsMemoryRequest = "jobs.memoryRequest";
    public const string JobsCpuLimit = "jobs.cpuLimit";
    public const string JobsMemoryLimit = "jobs.memoryLimit";
    public const string MaintenanceEnabled = "maintenance.enabled";
    public const string MaintenanceBody = "maintenance.body";
    public const string MaintenanceContentType = "maintenance.contentType";
    public const string ArchiveRetention = "archive.retention";
    public const string ArchiveReleases = "archive.releases";

    /// <summary>Every key the reader knows, in the order of docs/config.md. A <c>bluegreen:</c> key in a
    /// stack file that is not here is an error (<see cref="StackFiles.KnownKeys"/>).</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Environment,
        AppName, AppImageRepository, AppPort, AppHealthPath,
        BlueImageTag, BlueReplicas, GreenImageTag, GreenReplicas,
        ReleaseLive, ReleaseRetired, ReleasePromotedAt, ReleaseStabilizationWindow,
        RampSchedule, RampBake, RampStep, RampStepSetAt, RampForceReason, RampAutoProgress,
        StickinessEnabled, StickinessDuration,
        TestRouteEnabled, TestRouteHeader, TestRouteSourceCidrs,
        RollbackAutomatic, RollbackAutomaticAfterPromotion, RollbackAcknowledged,
        AlarmsErrorRateWarning, AlarmsErrorRateCritical, AlarmsErrorRateWindow,
        AlarmsLatencyP95Warning, AlarmsLatencyP95Critical, AlarmsLatencyP95Window,
        AlarmsUnhealthyHostsCount, AlarmsUnhealthyHostsWindow,
        AlarmsRelativeErrorRateDelta, AlarmsRelativeLatencyP95Ratio,
        NotificationsWarning, NotificationsCritical,
        BackupRetentionDays, BackupSchedule,
        BackupWeeklyEnabled, BackupWeeklySchedule, BackupWeeklyRetentionDays, BackupWeeklyColdStorageAfterDays,
        BackupSelectionTag, BackupSelectionResources,
        BackupRestoreTestingEnabled, BackupRestoreTestingSchedule, BackupDatabaseClusterId, BackupSnapshotTimeout,
        NetworkVpcId, NetworkSubnetIds, NetworkCertificateArn,
        KubernetesNamespace, KubernetesContext, KubernetesKubeconfig,
        SmokeCommand, SmokeImage, SmokeTimeout,
        MigrationCommand, MigrationImage, MigrationTimeout, MigrationReleases,
        JobsServiceAccount, JobsSecret, JobsCpuRequest, JobsMemoryRequest, JobsCpuLimit, JobsMemoryLimit,
        MaintenanceEnabled, MaintenanceBody, MaintenanceContentType,
        ArchiveRetention, ArchiveReleases,
    ];

    /// <summary>The key as it appears in <c>Pulumi.&lt;stack&gt;.yaml</c>: <c>bluegreen:</c> + key.</summary>
    public static string Full(string key) => key.Contains(':', StringComparison.Ordinal) ? key : $"{Namespace}:{key}";

    /// <summary>The image-tag key of <paramref name="colour"/>.</summary>
    public static string ImageTag(Colour colour) => colour == Colour.Blue ? BlueImageTag : GreenImageTag;

    /// <summary>The replicas key of <paramref name="colour"/>.</summary>
    public static string Replicas(Colour colour) => colour == Colour.Blue ? BlueReplicas : GreenReplicas;
}
