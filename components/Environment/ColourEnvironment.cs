using BlueGreen.Release;
using Pulumi;
using Pulumi.Kubernetes.Types.Inputs.Apps.V1;
using Pulumi.Kubernetes.Types.Inputs.Core.V1;
using Pulumi.Kubernetes.Types.Inputs.Meta.V1;
using Pulumi.Random;
using AppsV1 = Pulumi.Kubernetes.Apps.V1;
using CoreV1 = Pulumi.Kubernetes.Core.V1;
using K8sCrd = Pulumi.Kubernetes.ApiExtensions;
using LB = Pulumi.Aws.LB;

namespace BlueGreen.Components;

/// <summary>
/// One colour (blue or green) of the app: a hardened Kubernetes Deployment behind a ClusterIP Service,
/// with its PodDisruptionBudget and optional HorizontalPodAutoscaler, and the ALB target group the AWS
/// Load Balancer Controller keeps filled with the pods' IPs through a <c>TargetGroupBinding</c>.
/// </summary>
public sealed partial class ColourEnvironment : ComponentResource
{
    /// <summary>The component's type token.</summary>
    public const string TypeToken = "bluegreen:env:ColourEnvironment";

    /// <summary>The zone topology key the pods are spread over.</summary>
    public const string ZoneTopologyKey = "topology.kubernetes.io/zone";

    /// <summary>
    /// The labels the stack's namespace must carry for this component to work safely: the AWS Load
    /// Balancer Controller injects its pod readiness gate only in namespaces labelled so.
    /// </summary>
    public static IReadOnlyDictionary<string, string> RequiredNamespaceLabels { get; } =
        new Dictionary<string, string> { ["elbv2.k8s.aws/pod-readiness-gate-inject"] = "enabled" };

    /// <summary>The target group's ARN (for the listener's forward action).</summary>
    [Output("targetGroupArn")]
    public Output<string> TargetGroupArn { get; private set; }

    /// <summary>The target group's ARN suffix, <c>targetgroup/{name}/{id}</c> (the CloudWatch <c>TargetGroup</c> dimension).</summary>
    [Output("targetGroupArnSuffix")]
    public Output<string> TargetGroupArnSuffix { get; private set; }

    /// <summary>The target group's name.</summary>
    [Output("targetGroupName")]
    public Output<string> TargetGroupName { get; private set; }

    /// <summary>The ClusterIP service's name.</summary>
    [Output("serviceName")]
    public Output<string> ServiceName { get; private set; }

    /// <summary>The deployment's name.</summary>
    [Output("deploymentName")]
    public Output<string> DeploymentName { get; private set; }

    /// <summary>The colour's Deployment: what a Job that checks the colour waits for.</summary>
    public Resource Workload { get; }

    /// <summary>The colour's in-cluster address, <c>http://{service}.{namespace}.svc.cluster.local:{port}</c>.</summary>
    public Output<string> ServiceUrl { get; }

    /// <summary>Creates the colour's workload and target group.</summary>
    /// <param name="name">The component's logical name, e.g. <c>shop-blue</c>; prefixes its children's names.</param>
    /// <param name="args">What to deploy; validated here.</param>
    /// <param name="options">Component options (e.g. the Kubernetes and AWS providers).</param>
    /// <exception cref="ArgumentException">An argument is out of its allowed range; the message says which.</exception>
    public ColourEnvironment(string name, ColourEnvironmentArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        args.Validate();

        var targetGroup = CreateTargetGroup(name, args);
        var deployment = CreateDeployment(name, args);
        var service = CreateService(name, args);
        CreateDisruptionBudget(name, args);
        if (args.Autoscaling is { } autoscaling)
        {
            CreateAutoscaler(name, args, autoscaling);
        }

        CreateBinding(name, args, service, targetGroup);

        TargetGroupArn = targetGroup.Arn;
        TargetGroupArnSuffix = targetGroup.ArnSuffix;
        TargetGroupName = targetGroup.Name;
        ServiceName = service.Metadata.Apply(m => m.Name);
        DeploymentName = deployment.Metadata.Apply(m => m.Name);
        Workload = deployment;
        ServiceUrl = Output.Tuple(service.Metadata, args.Namespace.ToOutput())
            .Apply(t => $"http://{t.Item1.Name}.{t.Item2}.svc.cluster.local:{args.ServicePort}");

        // Every [Output] property, under its attribute's name.
        RegisterOutputs();
    }

    /// <summary>The labels every object of the colour carries: <c>app</c>, <c>colour</c> and <c>release</c>.</summary>
    public static IReadOnlyDictionary<string, string> LabelsOf(ColourEnvironmentArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return new Dictionary<string, string>
        {
            ["app"] = args.AppName,
            ["colour"] = args.Colour.ConfigName(),
            ["release"] = args.ReleaseLabel,
        };
    }

    /// <summary>
    /// The pod selector: <c>app</c> and <c>colour</c> only. A Deployment's selector cannot change, and the
    /// <c>release</c> label changes with every release, so it is on the pods but never in a selector.
    /// </summary>
    public static IReadOnlyDictionary<string, string> SelectorOf(ColourEnvironmentArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return new Dictionary<string, string>
        {
            ["app"] = args.AppName,
            ["colour"] = args.Colour.ConfigName(),
        };
    }

    /// <summary>
    /// The pod's termination grace: long enough for the ALB to finish draining the pod (deregistration
    /// delay) plus time to finish in-flight requests, and never below Kubernetes' default of 30 s.
    /// </summary>
    public static int TerminationGracePeriodSeconds(int deregistrationDelaySeconds) =>
        Math.Max(30, deregistrationDelaySeconds + 15);

    /// <summary>
    /// How long a stopping pod keeps serving before it gets SIGTERM: the ALB takes a few seconds to
    /// stop routing to a deregistered target, so the pod waits that long (a preStop sleep, Kubernetes
    /// 1.30 or later) and drops no request. Always shorter than the termination grace.
    /// </summary>
    public const int PreStopPauseSeconds = 15;

    /// <summary>The writable scratch folder mounted over a read-only root filesystem.</summary>
    public const string ScratchPath = "/tmp";

    private CustomResourceOptions Child(bool protectWhenLive, bool isLive) => new()
    {
        Parent = this,
        Protect = protectWhenLive && isLive ? true : null,
    };

    private LB.TargetGroup CreateTargetGroup(string name, ColourEnvironmentArgs args)
    {
        // A stable suffix per app and colour: the name stays the same across ramp steps and releases.
        // The keepers are exactly the inputs that force a target group's replacement, so a replacement
        // gets a fresh name instead of colliding with the old group it is created next to.
        var suffix = new RandomId($"{name}-tg-suffix", new RandomIdArgs
        {
            ByteLength = AwsNames.TargetGroupSuffixLength / 2,
            Keepers =
            {
                { "app", args.AppName },
                { "colour", args.Colour.ConfigName() },
                { "port", args.ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                { "vpcId", args.VpcId },
                { "targetType", "ip" },
            },
        }, new CustomResourceOptions { Parent = this });

        var app = args.AppName;
        var colour = args.Colour;
        return new LB.TargetGroup($"{name}-tg", new LB.TargetGroupArgs
        {
            Name = suffix.Hex.Apply(hex => AwsNames.TargetGroupName(app, colour, hex)),
            TargetType = "ip",
            Protocol = "HTTP",
            ProtocolVersion = "HTTP1",
            Port = args.ContainerPort,
            VpcId = args.VpcId,
            DeregistrationDelay = args.DeregistrationDelaySeconds,
            SlowStart = args.SlowStartSeconds,
            HealthCheck = new LB.Inputs.TargetGroupHealthCheckArgs
            {
                Enabled = true,
                Protocol = "HTTP",
                Port = "traffic-port",
                Path = args.HealthPath,
                Matcher = args.HealthCheck.Matcher,
                Interval = args.HealthCheck.IntervalSeconds,
                Timeout = args.HealthCheck.TimeoutSeconds,
                HealthyThreshold = args.HealthCheck.HealthyThreshold,
                UnhealthyThreshold = args.HealthCheck.UnhealthyThreshold,
            },
            Tags = TagsOf(args),
        }, Child(protectWhenLive: true, args.IsLive));
    }

    private AppsV1.Deployment CreateDeployment(string name, ColourEnvironmentArgs args)
    {
        var options = Child(protectWhenLive: true, args.IsLive);
        options.DependsOn = new InputList<Resource> { args.DeployAfter.Select(r => (Input<Resource>)r).ToArray() };
        return new AppsV1.Deployment($"{name}-deploy", new DeploymentArgs
        {
            Metadata = MetadataOf(args),
            Spec = ColourWorkload.Spec(args),
        }, options);
    }

    private CoreV1.Service CreateService(string name, ColourEnvironmentArgs args) =>
        new($"{name}-svc", new ServiceArgs
        {
            Metadata = MetadataOf(args),
            Spec = new ServiceSpecArgs
            {
                // ClusterIP: the ALB reaches the pods directly by IP through the binding, so nothing is
                // exposed on the nodes.
                Type = "ClusterIP",
                Selector = InputMaps.From(SelectorOf(args)),
                Ports =
                {
                    new ServicePortArgs { Name = "http", Port = args.ServicePort, TargetPort = "http", Protocol = "TCP" },
                },
            },
        }, Child(protectWhenLive: true, args.IsLive));

    /// <summary>
    /// The binding. Its <c>spec.targetGroupARN</c> is immutable (the controller's webhook refuses a
    /// change), so a new target group replaces the binding, deleting the old one first since both
    /// carry the same Kubernetes name.
    /// </summary>
    private void CreateBinding(string name, ColourEnvironmentArgs args, CoreV1.Service service, LB.TargetGroup targetGroup)
    {
        var options = Child(protectWhenLive: true, args.IsLive);
        options.ReplaceOnChanges = [TargetGroupBindingSpecArgs.TargetGroupArnPath];
        options.DeleteBeforeReplace = true;
        _ = new K8sCrd.CustomResource($"{name}-tgb", new TargetGroupBindingArgs
        {
            Metadata = MetadataOf(args),
            Spec = new TargetGroupBindingSpecArgs
            {
                ServiceRef = new TargetGroupBindingServiceRefArgs
                {
                    Name = service.Metadata.Apply(m => m.Name),
                    Port = args.ServicePort,
                },
                TargetGroupArn = targetGroup.Arn,
                TargetType = "ip",
                Networking = new TargetGroupBindingNetworkingArgs
                {
                    Ingress =
                    {
                        new TargetGroupBindingIngressArgs
                        {
                            From = { new TargetGroupBindingPeerArgs { SecurityGroup = new TargetGroupBindingSecurityGroupArgs { GroupId = args.LoadBalancerSecurityGroupId } } },
                            Ports = { new TargetGroupBindingPortArgs { Protocol = "TCP", Port = args.ContainerPort } },
                        },
                    },
                },
            },
        }, options);
    }

    private static ObjectMetaArgs MetadataOf(ColourEnvironmentArgs args) => new()
    {
        Name = args.ObjectName,
        Namespace = args.Namespace,
        Labels = InputMaps.From(LabelsOf(args)),
    };

    /// <summary>The caller's tags with <c>app</c> and <c>colour</c> stated by the component (they win over the caller's).</summary>
    private static InputMap<string> TagsOf(ColourEnvironmentArgs args) =>
        InputMaps.From(args.Tags, ("app", args.AppName), ("colour", args.Colour.ConfigName()));
}
