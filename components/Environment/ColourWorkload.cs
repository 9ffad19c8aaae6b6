using Pulumi;
using Pulumi.Kubernetes.Types.Inputs.Apps.V1;
using Pulumi.Kubernetes.Types.Inputs.Core.V1;
using Pulumi.Kubernetes.Types.Inputs.Meta.V1;

namespace BlueGreen.Components;

/// <summary>
/// What a colour's pods are: the Deployment spec, its pod template and container, and the health probes.
/// Builders without Pulumi resources; <see cref="ColourEnvironment"/> declares the Deployment with them.
/// </summary>
internal static class ColourWorkload
{
    /// <summary>The Deployment's spec: a rolling update that never drops below the replica count, pods spread
    /// over zones, and the replica count unless an autoscaler owns it.</summary>
    public static DeploymentSpecArgs Spec(ColourEnvironmentArgs args)
    {
        var spec = new DeploymentSpecArgs
        {
            RevisionHistoryLimit = 5,
            MinReadySeconds = 5,
            Selector = new LabelSelectorArgs { MatchLabels = InputMaps.From(ColourEnvironment.SelectorOf(args)) },
            Strategy = new DeploymentStrategyArgs
            {
                Type = "RollingUpdate",
                RollingUpdate = new RollingUpdateDeploymentArgs { MaxSurge = "25%", MaxUnavailable = 0 },
            },
            Template = new PodTemplateSpecArgs
            {
                Metadata = new ObjectMetaArgs { Labels = InputMaps.From(ColourEnvironment.LabelsOf(args)) },
                Spec = PodSpec(args),
            },
        };

        // With an HPA the autoscaler owns the replica count: stating it here would undo its work on every update.
        if (args.Autoscaling is null)
        {
            spec.Replicas = args.Replicas;
        }

        return spec;
    }

    private static PodSpecArgs PodSpec(ColourEnvironmentArgs args) => new()
    {
        ServiceAccountName = args.ServiceAccountName,
        AutomountServiceAccountToken = args.ServiceAccountName is not null,
        TerminationGracePeriodSeconds = ColourEnvironment.TerminationGracePeriodSeconds(args.DeregistrationDelaySeconds),
        SecurityContext = PodSecurity.Pod(),
        TopologySpreadConstraints =
        {
            new TopologySpreadConstraintArgs
            {
                TopologyKey = ColourEnvironment.ZoneTopologyKey,
                MaxSkew = 1,
                WhenUnsatisfiable = "ScheduleAnyway",
                LabelSelector = new LabelSelectorArgs { MatchLabels = InputMaps.From(ColourEnvironment.SelectorOf(args)) },
                MatchLabelKeys = { "pod-template-hash" },
            },
        },
        Containers = { Container(args) },
        Volumes = { new VolumeArgs { Name = "scratch", EmptyDir = new EmptyDirVolumeSourceArgs { SizeLimit = "256Mi" } } },
    };

    private static ContainerArgs Container(ColourEnvironmentArgs args)
    {
        var env = new InputList<EnvVarArgs>();
        foreach (var (key, value) in args.Environment.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            env.Add(new EnvVarArgs { Name = key, Value = value });
        }

        return new ContainerArgs
        {
            Name = args.AppName,
            Image = $"{args.ImageRepository}:{args.ImageTag}",
            ImagePullPolicy = "IfNotPresent",
            Ports = { new ContainerPortArgs { Name = "http", ContainerPortValue = args.ContainerPort, Protocol = "TCP" } },
            Env = env,
            Resources = ResourcesOf(args.Resources),
            ReadinessProbe = ReadinessProbe(args.HealthPath),
            LivenessProbe = LivenessProbe(args.HealthPath),
            SecurityContext = PodSecurity.Container(),
            VolumeMounts = { new VolumeMountArgs { Name = "scratch", MountPath = ColourEnvironment.ScratchPath } },
            Lifecycle = new LifecycleArgs
            {
                PreStop = new LifecycleHandlerArgs { Sleep = new SleepActionArgs { Seconds = ColourEnvironment.PreStopPauseSeconds } },
            },
        };
    }

    /// <summary>Readiness decides traffic (with the ALB's readiness gate), so it is checked every 5 s and one success counts.</summary>
    public static ProbeArgs ReadinessProbe(string healthPath)
    {
        var probe = HealthProbe(healthPath, periodSeconds: 5);
        probe.SuccessThreshold = 1;
        return probe;
    }

    /// <summary>Liveness restarts a pod, so it waits 15 s after start and checks every 10 s.</summary>
    public static ProbeArgs LivenessProbe(string healthPath)
    {
        var probe = HealthProbe(healthPath, periodSeconds: 10);
        probe.InitialDelaySeconds = 15;
        return probe;
    }

    /// <summary>An HTTP GET of the health path on the container's <c>http</c> port, 2 s timeout, 3 failures.</summary>
    private static ProbeArgs HealthProbe(string path, int periodSeconds) => new()
    {
        HttpGet = new HTTPGetActionArgs { Path = path, Port = "http", Scheme = "HTTP" },
        PeriodSeconds = periodSeconds,
        TimeoutSeconds = 2,
        FailureThreshold = 3,
    };

    private static ResourceRequirementsArgs ResourcesOf(ContainerResources resources)
    {
        var limits = new InputMap<string> { { "memory", resources.MemoryLimit } };
        if (resources.CpuLimit is { } cpuLimit)
        {
            limits.Add("cpu", cpuLimit);
        }

        return new ResourceRequirementsArgs
        {
            Requests = { { "cpu", resources.CpuRequest }, { "memory", resources.MemoryRequest } },
            Limits = limits,
        };
    }
}
