using System.Collections.Immutable;
using BlueGreen.Components;
using BlueGreen.Release;
using Pulumi;
using Pulumi.Utilities;

namespace BlueGreen.Tests.Components;

[Collection(PulumiCollection.Name)]
public class ColourEnvironmentTests
{
    internal static ColourEnvironmentArgs Args(Colour colour = Colour.Green, bool isLive = false, AutoscalingSettings? autoscaling = null) => new()
    {
        AppName = "shop",
        Colour = colour,
        Namespace = "shop",
        ImageRepository = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop",
        ImageTag = "v1.4.2",
        Replicas = 3,
        ContainerPort = 8080,
        ServicePort = 80,
        HealthPath = "/healthz",
        VpcId = "vpc-123",
        LoadBalancerSecurityGroupId = "sg-0123456789abcdef0",
        DeregistrationDelaySeconds = 45,
        SlowStartSeconds = 60,
        IsLive = isLive,
        Autoscaling = autoscaling,
    };

    internal static async Task<(PulumiHarness Harness, ColourEnvironment Env)> RunAsync(ColourEnvironmentArgs args, bool preview = true)
    {
        var harness = new PulumiHarness();
        ColourEnvironment? env = null;
        await harness.RunAsync(() => env = new ColourEnvironment("shop-green", args, harness.RecordingOptions()), preview);
        return (harness, env!);
    }

    [Fact]
    public async Task Deployment_runs_the_tagged_image_with_the_requested_replicas()
    {
        var (harness, _) = await RunAsync(Args());
        var deployment = harness.Named("shop-green-deploy").Inputs;

        Assert.Equal("shop-green", deployment.At("metadata", "name"));
        Assert.Equal("shop", deployment.At("metadata", "namespace"));
        Assert.Equal(3.0, deployment.At("spec", "replicas"));
        var container = deployment.Map("spec", "template", "spec", "containers", 0);
        Assert.Equal("123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop:v1.4.2", container.At("image"));
        Assert.Equal(8080.0, container.At("ports", 0, "containerPort"));
        Assert.Equal("250m", container.At("resources", "requests", "cpu"));
        Assert.Equal("512Mi", container.At("resources", "limits", "memory"));
    }

    [Fact]
    public async Task Pods_run_hardened()
    {
        var (harness, _) = await RunAsync(Args());
        var pod = harness.Named("shop-green-deploy").Inputs.Map("spec", "template", "spec");
        var container = pod.Map("containers", 0);
        var security = container.Map("securityContext");

        Assert.Equal(true, pod.At("securityContext", "runAsNonRoot"));
        Assert.Equal("RuntimeDefault", pod.At("securityContext", "seccompProfile", "type"));
        Assert.Equal(true, security.At("runAsNonRoot"));
        Assert.Equal(true, security.At("readOnlyRootFilesystem"));
        Assert.Equal(false, security.At("allowPrivilegeEscalation"));
        Assert.Equal(false, security.At("privileged"));
        Assert.Equal(new object[] { "ALL" }, security.List("capabilities", "drop"));
        Assert.Equal("RuntimeDefault", security.At("seccompProfile", "type"));
        Assert.Equal(false, pod.At("automountServiceAccountToken"));
    }

    [Fact]
    public async Task A_read_only_pod_gets_a_writable_scratch_folder_and_pauses_before_stopping()
    {
        var (harness, _) = await RunAsync(Args());
        var pod = harness.Named("shop-green-deploy").Inputs.Map("spec", "template", "spec");
        var container = pod.Map("containers", 0);

        Assert.Equal("scratch", container.At("volumeMounts", 0, "name"));
        Assert.Equal("/tmp", container.At("volumeMounts", 0, "mountPath"));
        Assert.Equal("scratch", pod.At("volumes", 0, "name"));
        Assert.NotNull(pod.At("volumes", 0, "emptyDir"));
        var pause = (double)container.At("lifecycle", "preStop", "sleep", "seconds")!;
        Assert.True(pause > 0 && pause < (double)pod.At("terminationGracePeriodSeconds")!, "the preStop pause must end before the grace period does");
    }

    [Fact]
    public async Task Readiness_and_liveness_probe_the_health_path()
    {
        var (harness, _) = await RunAsync(Args());
        var container = harness.Named("shop-green-deploy").Inputs.Map("spec", "template", "spec", "containers", 0);

        foreach (var probe in new[] { "readinessProbe", "livenessProbe" })
        {
            Assert.Equal("/healthz", container.At(probe, "httpGet", "path"));
            Assert.Equal("http", container.At(probe, "httpGet", "port"));
        }
    }

    [Fact]
    public async Task Pods_spread_across_zones()
    {
        var (harness, _) = await RunAsync(Args());
        var constraint = harness.Named("shop-green-deploy").Inputs.Map("spec", "template", "spec", "topologySpreadConstraints", 0);

        Assert.Equal("topology.kubernetes.io/zone", constraint.At("topologyKey"));
        Assert.Equal(1.0, constraint.At("maxSkew"));
        Assert.Equal("green", constraint.At("labelSelector", "matchLabels", "colour"));
    }

    [Fact]
    public async Task Every_object_carries_app_colour_and_release_labels_but_selectors_leave_release_out()
    {
        var (harness, _) = await RunAsync(Args());
        var expected = new Dictionary<string, object> { ["app"] = "shop", ["colour"] = "green", ["release"] = "v1.4.2" };
        foreach (var name in new[] { "shop-green-deploy", "shop-green-svc", "shop-green-pdb", "shop-green-tgb" })
        {
            Assert.Equal(expected, harness.Named(name).Inputs.Map("metadata", "labels"));
        }

        var deployment = harness.Named("shop-green-deploy").Inputs;
        Assert.Equal(expected, deployment.Map("spec", "template", "metadata", "labels"));
        var selector = new Dictionary<string, object> { ["app"] = "shop", ["colour"] = "green" };
        Assert.Equal(selector, deployment.Map("spec", "selector", "matchLabels"));
        Assert.Equal(selector, harness.Named("shop-green-svc").Inputs.Map("spec", "selector"));
        Assert.Equal(selector, harness.Named("shop-green-pdb").Inputs.Map("spec", "selector", "matchLabels"));
    }

    [Fact]
    public async Task Service_is_cluster_ip_on_the_service_port_to_the_named_container_port()
    {
        var (harness, _) = await RunAsync(Args());
        var service = harness.Named("shop-green-svc");

        Assert.Equal("kubernetes:core/v1:Service", service.Type);
        Assert.Equal("ClusterIP", service.Inputs.At("spec", "type"));
        Assert.Equal(80.0, service.Inputs.At("spec", "ports", 0, "port"));
        Assert.Equal("http", service.Inputs.At("spec", "ports", 0, "targetPort"));
    }

    [Fact]
    public async Task Disruption_budget_lets_one_pod_go_at_a_time()
    {
        var (harness, _) = await RunAsync(Args());
        Assert.Equal(1.0, harness.Named("shop-green-pdb").Inputs.At("spec", "maxUnavailable"));
    }

    [Fact]
    public async Task Without_autoscaling_there_is_no_hpa()
    {
        var (harness, _) = await RunAsync(Args());
        Assert.Empty(harness.OfType("kubernetes:autoscaling/v2:HorizontalPodAutoscaler"));
    }

    [Fact]
    public async Task With_autoscaling_the_hpa_owns_the_replica_count()
    {
        var (harness, _) = await RunAsync(Args(autoscaling: new AutoscalingSettings(2, 10, 65)));
        var hpa = harness.Named("shop-green-hpa").Inputs;

        Assert.Null(harness.Named("shop-green-deploy").Inputs.At("spec", "replicas"));
        Assert.Equal("shop-green", hpa.At("spec", "scaleTargetRef", "name"));
        Assert.Equal("Deployment", hpa.At("spec", "scaleTargetRef", "kind"));
        Assert.Equal(2.0, hpa.At("spec", "minReplicas"));
        Assert.Equal(10.0, hpa.At("spec", "maxReplicas"));
        Assert.Equal("cpu", hpa.At("spec", "metrics", 0, "resource", "name"));
        Assert.Equal(65.0, hpa.At("spec", "metrics", 0, "resource", "target", "averageUtilization"));
    }

    [Fact]
    public async Task The_pods_wait_for_the_resources_they_must_start_after()
    {
        var harness = new PulumiHarness();
        await harness.RunAsync(() =>
        {
            var snapshot = PulumiHarness.Dependency("snapshot");
            _ = new ColourEnvironment("shop-green", Clone(Args(), deployAfter: [snapshot]), harness.RecordingOptions());
        });

        var dependsOn = await OutputUtilities.GetValueAsync(harness.OptionsOf("shop-green-deploy").DependsOn.ToOutput());
        Assert.Equal(["snapshot"], dependsOn.Select(r => r.GetResourceName()));
        Assert.Empty(await OutputUtilities.GetValueAsync(harness.OptionsOf("shop-green-svc").DependsOn.ToOutput()));
    }

    [Fact]
    public async Task Outputs_give_the_target_group_and_workload_names()
    {
        var (_, env) = await RunAsync(Args());

        Assert.Equal("targetgroup/shop-green-tg/0123456789abcdef", await OutputUtilities.GetValueAsync(env.TargetGroupArnSuffix));
        Assert.EndsWith(":targetgroup/shop-green-tg/0123456789abcdef", await OutputUtilities.GetValueAsync(env.TargetGroupArn));
        Assert.Equal("shop-green", await OutputUtilities.GetValueAsync(env.ServiceName));
        Assert.Equal("shop-green", await OutputUtilities.GetValueAsync(env.DeploymentName));
    }

    [Fact]
    public async Task Live_colour_protects_what_serves_production()
    {
        var (harness, _) = await RunAsync(Args(isLive: true));

        foreach (var name in new[] { "shop-green-tg", "shop-green-tgb", "shop-green-svc", "shop-green-deploy" })
        {
            Assert.True(harness.OptionsOf(name).Protect, name);
        }
    }

    [Fact]
    public async Task Idle_colour_is_not_protected_so_it_can_be_retired()
    {
        var (harness, _) = await RunAsync(Args(isLive: false));

        foreach (var name in new[] { "shop-green-tg", "shop-green-tgb", "shop-green-svc", "shop-green-deploy" })
        {
            Assert.NotEqual(true, harness.OptionsOf(name).Protect);
        }
    }

    [Fact]
    public async Task Children_are_parented_to_the_component()
    {
        var (harness, env) = await RunAsync(Args());
        Assert.All(
            new[] { "shop-green-tg", "shop-green-tg-suffix", "shop-green-deploy", "shop-green-svc", "shop-green-pdb", "shop-green-tgb" },
            name => Assert.Same(env, harness.OptionsOf(name).Parent));
        Assert.Equal(ColourEnvironment.TypeToken, harness.Named("shop-green").Type);
    }

    internal static ColourEnvironmentArgs Clone(
        ColourEnvironmentArgs a,
        string? appName = null,
        int? replicas = null,
        int? containerPort = null,
        string? healthPath = null,
        string? imageTag = null,
        string? imageRepository = null,
        int? slowStart = null,
        int? deregistration = null,
        TargetHealthCheck? healthCheck = null,
        AutoscalingSettings? autoscaling = null,
        ContainerResources? resources = null,
        IReadOnlyList<Resource>? deployAfter = null) => new()
        {
            AppName = appName ?? a.AppName,
            Colour = a.Colour,
            Namespace = a.Namespace,
            ImageRepository = imageRepository ?? a.ImageRepository,
            ImageTag = imageTag ?? a.ImageTag,
            Replicas = replicas ?? a.Replicas,
            ContainerPort = containerPort ?? a.ContainerPort,
            HealthPath = healthPath ?? a.HealthPath,
            VpcId = a.VpcId,
            LoadBalancerSecurityGroupId = a.LoadBalancerSecurityGroupId,
            DeployAfter = deployAfter ?? a.DeployAfter,
            SlowStartSeconds = slowStart ?? a.SlowStartSeconds,
            DeregistrationDelaySeconds = deregistration ?? a.DeregistrationDelaySeconds,
            HealthCheck = healthCheck ?? a.HealthCheck,
            Autoscaling = autoscaling ?? a.Autoscaling,
            Resources = resources ?? a.Resources,
        };
}
