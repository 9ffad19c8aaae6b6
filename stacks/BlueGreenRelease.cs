using System.Collections.Immutable;
using BlueGreen.Components;
using BlueGreen.Release;
using Pulumi;
using Pulumi.Random;
using CoreV1 = Pulumi.Kubernetes.Core.V1;
using K8s = Pulumi.Kubernetes;
using K8sInputs = Pulumi.Kubernetes.Types.Inputs;

namespace BlueGreen.Stacks;

/// <summary>
/// Declares the release a valid <see cref="StackSettings"/> asks for: the Kubernetes namespace and
/// provider, one <see cref="ColourEnvironment"/> per deployed colour, the weighted listener, the
/// release alarms and the backups. Holds no decisions of its own: weights, stickiness and
/// retirement come from the settings' pure functions.
/// </summary>
public sealed partial class BlueGreenRelease
{
    private readonly StackSettings _settings;
    private readonly Dictionary<Colour, ColourEnvironment> _environments = [];

    public BlueGreenRelease(StackSettings settings, string region)
    {
        _settings = settings;
        var kubernetes = DeclareKubernetes();

        // The backups first: the release's migration waits for the pre-release snapshot, and the new
        // colour's pods wait for both.
        Backups = DeclareBackups();
        var migration = settings.ReleaseUnderWayTag is { } underWayTag ? settings.MigrationFor(underWayTag) : null;
        Migration = DeclareJob(ReleaseJobPurpose.Migration, migration, kubernetes, runAfter: Backups.PreReleaseSnapshot, targetUrl: null);

        // The pods admit the load balancer's security group, which the listener (declared after the
        // colours, whose target groups it forwards to) creates: a deferred output joins the two.
        var loadBalancerSecurityGroup = new DeferredOutput<string>();
        foreach (var colour in settings.DeployedColours)
        {
            _environments[colour] = DeclareEnvironment(colour, kubernetes, loadBalancerSecurityGroup.Output);
        }

        // The smoke test checks the new colour through its Service before the listener gives it weight.
        var underWay = settings.Phase.ReleaseUnderWay;
        Smoke = underWay is { } newColour
            ? DeclareJob(ReleaseJobPurpose.Smoke, settings.Smoke, kubernetes, _environments[newColour].Workload, _environments[newColour].ServiceUrl)
            : null;
        // The automatic rollback record is declared and read in every phase; the weights the listener sends derive
        // from it, so no apply puts back the weights AWS took away. (The record's name joins the component declared
        // after the listener, whose runbook modifies it.)
        var recordName = new DeferredOutput<string>();
        AutomaticRollbackRecord = ReadRecord(recordName.Output);
        Listener = DeclareListener(AutomaticRollbackRecord);
        loadBalancerSecurityGroup.Resolve(Listener.SecurityGroupId);
        Alarms = DeclareAlarms(region);
        AutomaticRollback = DeclareAutomaticRollback(region);
        recordName.Resolve(AutomaticRollback.RecordName);
    }

    /// <summary>The automatic rollback: its record in every phase, and the rules and runbooks while AWS rolls back on its own.</summary>
    public AutomaticRollback AutomaticRollback { get; }

    /// <summary>The record of the last automatic rollback as read from AWS ("none" when there was none or it does not exist yet).</summary>
    public Output<string> AutomaticRollbackRecord { get; }

    public WeightedListener Listener { get; }

    /// <summary>The release's smoke test, or null when none is configured or no release is under way.</summary>
    public ReleaseJob? Smoke { get; }

    /// <summary>The release's database migration, or null.</summary>
    public ReleaseJob? Migration { get; }

    /// <summary>The secret the test routes require (header <c>X-Test-Route-Key</c>), or null without test routes.</summary>
    public Output<string>? TestRouteKey { get; private set; }

    public ReleaseAlarms Alarms { get; }

    public ReleaseBackups Backups { get; }

    /// <summary>Alarm names by "colour.kind" (e.g. "green.ErrorRateCritical"): what the ramp gate reads.</summary>
    public Output<ImmutableDictionary<string, string>> AlarmNames
        => Alarms.AlarmNames.Apply(byColour => byColour
            .SelectMany(c => c.Value.Select(k => KeyValuePair.Create($"{c.Key}.{k.Key}", k.Value)))
            .ToImmutableDictionary());

    public Output<string?> CompositeAlarmArn => Optional(Alarms.RollbackAlarmArn);

    public Output<string?> DashboardName => Alarms.DashboardName.Apply(name => (string?)name);

    public Output<string?> BackupVaultName => Backups.VaultName.Apply(name => (string?)name);

    private static Output<string?> Optional(Output<string>? output)
        => output?.Apply(value => (string?)value) ?? Output.Create((string?)null);

    /// <summary>The target group ARN of a colour, or null when the colour is retired.</summary>
    public Output<string?> TargetGroupArnOf(Colour colour)
        => Optional(_environments.GetValueOrDefault(colour)?.TargetGroupArn);

    private string App => _settings.App.Name;

    private Dictionary<string, string> Tags => new()
    {
        ["app"] = App,
        ["environment"] = _settings.Environment.ToString().ToLowerInvariant(),
        ["managed-by"] = "pulumi-bluegreen",
    };

    /// <summary>The cluster's provider and the namespace both colours share.</summary>
    private (K8s.Provider Provider, CoreV1.Namespace Namespace) DeclareKubernetes()
    {
        var provider = new K8s.Provider($"{App}-k8s", new K8s.ProviderArgs
        {
            Context = _settings.Kubernetes.Context!,
            KubeConfig = _settings.Kubernetes.Kubeconfig!,
            EnableServerSideApply = true,
        });
        var ns = new CoreV1.Namespace($"{App}-ns", new K8sInputs.Core.V1.NamespaceArgs
        {
            Metadata = new K8sInputs.Meta.V1.ObjectMetaArgs
            {
                Name = _settings.Kubernetes.Namespace,
                // Pods count as ready only once the ALB sees them healthy (pod readiness gates).
                Labels = new Dictionary<string, string>(ColourEnvironment.RequiredNamespaceLabels) { ["app"] = App },
            },
        }, new CustomResourceOptions { Provider = provider });
        return (provider, ns);
    }

    private ColourEnvironment DeclareEnvironment(Colour colour, (K8s.Provider Provider, CoreV1.Namespace Namespace) kubernetes, Output<string> loadBalancerSecurityGroupId)
    {
        var release = _settings.ReleaseOf(colour);
        return new ColourEnvironment($"{App}-{colour.ConfigName()}", new ColourEnvironmentArgs
        {
            AppName = App,
            Colour = colour,
            Namespace = kubernetes.Namespace.Metadata.Apply(m => m.Name),
            ImageRepository = _settings.App.ImageRepository,
            ImageTag = release.ImageTag!,
            Replicas = release.Replicas,
            ContainerPort = _settings.App.Port,
            HealthPath = _settings.App.HealthPath,
            VpcId = _settings.Network.VpcId,
            LoadBalancerSecurityGroupId = loadBalancerSecurityGroupId,
            DeployAfter = colour != _settings.Phase.ReleaseUnderWay ? []
                : [.. new Resource?[] { Backups.PreReleaseSnapshot, Migration }.OfType<Resource>()],
            IsLive = colour == _settings.Release.Live,
            Tags = Tags,
        }, new ComponentResourceOptions { Providers = { kubernetes.Provider } });
    }

    private WeightedListener DeclareListener(Output<string> record)
    {
        // The key is declared once per stack and kept across releases; it is a secret everywhere it goes.
        TestRouteKey = _settings.TestRoute.Enabled
            ? Output.CreateSecret(new RandomPassword($"{App}-test-route-key", new RandomPasswordArgs { Length = 40, Special = false }).Result)
            : null;
        return new WeightedListener(StackContract.ListenerComponentName(App), new WeightedListenerArgs
        {
            VpcId = _settings.Network.VpcId,
            SubnetIds = _settings.Network.SubnetIds.ToList(),
            TargetPort = _settings.App.Port,
            // Pod IPs live in the VPC's private ranges; egress only to the targets' port.
            TargetCidrs = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"],
            DeletionProtection = _settings.DeletionProtection,
            CertificateArn = _settings.Network.CertificateArn,
            // The release model decides the weights and the stickiness; the listener sends them.
            Forward = _settings.ForwardAction,
            // ... unless an unacknowledged automatic rollback stands against them: then the rolled-back weights.
            DeclaredForward = record.Apply(value => DeclaredForward(_settings, value)),
            TargetGroupArns = _environments.ToDictionary(e => e.Key, e => (Input<string>)e.Value.TargetGroupArn),
            TestRoutes = [.. _settings.TestRoutes.Select(r => new HeaderRoute(r.Colour, _environments[r.Colour].TargetGroupArn, r.Header, r.Value))],
            TestRouteKey = TestRouteKey is { } key ? (Input<string>)key : null,
            TestRouteSourceCidrs = _settings.TestRoute.SourceCidrs ?? [],
            Maintenance = _settings.Maintenance is { Enabled: true } page ? new MaintenancePage(page.Body, page.ContentType) : null,
            // Only a weight above 0 waits for the smoke test: the weight-0 entry and the test route attach the new
            // colour's target group, which its pods' readiness gate (and so the smoke test) needs.
            WeightsAfter = Smoke is { } smoke && ReleaseStepRules.WeightsWaitForSmoke(_settings) ? [smoke] : [],
            Tags = Tags,
        });
    }

    /// <summary>
    /// A Job of the release under way (named after its tag), or null when the step is not configured or no
    /// release is under way. The smoke test gets the new colour's in-cluster URL as <c>TARGET_URL</c>.
    /// </summary>
    private ReleaseJob? DeclareJob(
        ReleaseJobPurpose purpose, ReleaseJobSettings? job, (K8s.Provider Provider, CoreV1.Namespace Namespace) kubernetes, Resource? runAfter, Output<string>? targetUrl)
    {
        if (job is null || _settings.Phase.ReleaseUnderWay is not { } colour || _settings.ReleaseUnderWayTag is not { } tag)
        {
            return null;
        }

        var args = new ReleaseJobArgs
        {
            AppName = App,
            Purpose = purpose,
            ReleaseTag = tag,
            Colour = colour,
            Namespace = kubernetes.Namespace.Metadata.Apply(m => m.Name),
            Image = job.ImageFor(_settings.App, tag),
            Command = job.Command,
            TimeoutSeconds = (int)job.Timeout.TotalSeconds,
            Environment = targetUrl is { } url ? new Dictionary<string, Input<string>> { ["TARGET_URL"] = url } : new Dictionary<string, Input<string>>(),
            RunAfter = runAfter is null ? [] : [runAfter],
            Pods = _settings.Jobs,
            // A failed smoke test is re-run by the next plain 'pulumi up'; a failed migration never is.
            ReplaceWhenNotReady = purpose == ReleaseJobPurpose.Smoke,
        };
        return new ReleaseJob($"{App}-{args.PurposeName}-{tag}", args, new ComponentResourceOptions { Providers = { kubernetes.Provider } });
    }

    private string NamePrefix => StackContract.NamePrefix(App, Deployment.Instance.StackName);

    /// <summary>Alarms on every deployed colour; the composite rollback alarm watches the colour at risk (the one
    /// being ramped up, then after its promotion the same, now live colour), and alarms comparing the two colours
    /// exist only while both take traffic (the ramp).</summary>
    private ReleaseAlarms DeclareAlarms(string region)
    {
        var phase = _settings.Phase;
        return new ReleaseAlarms($"{App}-alarms", new ReleaseAlarmsArgs
        {
            NamePrefix = NamePrefix,
            Region = region,
            LoadBalancerArnSuffix = Listener.LoadBalancerArnSuffix,
            Colours = [.. _environments.Select(e => new ColourMetrics(e.Key, e.Value.TargetGroupArnSuffix))],
            AtRiskColour = phase.AtRisk,
            CompareColours = phase.ComparesColours,
            Thresholds = AlarmThresholds.From(_settings.Alarms),
            WarningEndpoints = [.. _settings.Notifications.Warning.Select(e => e.Address)],
            CriticalEndpoints = [.. _settings.Notifications.Critical.Select(e => e.Address)],
            Tags = Tags,
        });
    }

    /// <summary>
    /// Backups; while a release is under way (a colour at risk) a snapshot of the database named after that
    /// release; and the snapshots of archived releases until their retention ends. The snapshots are not retained
    /// on delete: a destroy, or a release dropped from the program, deletes them.
    /// </summary>
    private ReleaseBackups DeclareBackups()
    {
        var backup = _settings.Backup;
        var release = _settings.ReleaseUnderWayTag;
        var archived = _settings.Archive.SnapshotTags;
        return new ReleaseBackups($"{App}-backups", new ReleaseBackupsArgs
        {
            AppName = App,
            NamePrefix = NamePrefix,
            DailyRetentionDays = backup.RetentionDays,
            DailySchedule = backup.Schedule,
            Weekly = backup.Weekly is { } weekly ? new WeeklyBackupRule(weekly.RetentionDays, weekly.ColdStorageAfterDays, weekly.Schedule) : null,
            Resources = new BackupResources(backup.Selection.TagKey, backup.Selection.TagValue, [.. backup.Selection.ResourceArns.Select(a => (Input<string>)a)]),
            VaultLock = _settings.IsProd ? new VaultLockSettings(backup.RetentionDays) : null,
            RestoreTesting = backup.RestoreTesting.Enabled ? new RestoreTestSettings(Schedule: backup.RestoreTesting.Schedule) : null,
            DbClusterIdentifier = (release is not null || archived.Count > 0) && backup.DatabaseClusterId is { } cluster ? (Input<string>)cluster : null,
            ReleaseTag = release,
            ArchivedSnapshotTags = archived,
            SnapshotTimeout = backup.SnapshotTimeout,
            Tags = Tags,
        });
    }
}
