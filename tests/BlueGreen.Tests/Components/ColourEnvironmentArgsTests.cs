using System.Collections.Immutable;
using BlueGreen.Components;
using BlueGreen.Release;
using Pulumi;
using Pulumi.Utilities;

namespace BlueGreen.Tests.Components;

/// <summary>The colour's arguments: what Kubernetes and AWS would refuse is refused before anything is created.</summary>
[Collection(PulumiCollection.Name)]
public class ColourEnvironmentArgsTests
{
    [Fact]
    public void Namespace_must_carry_the_readiness_gate_injection_label()
    {
        Assert.Equal(
            new Dictionary<string, string> { ["elbv2.k8s.aws/pod-readiness-gate-inject"] = "enabled" },
            ColourEnvironment.RequiredNamespaceLabels);
    }

    [Theory]
    [InlineData(0, 30)]
    [InlineData(30, 45)]
    [InlineData(300, 315)]
    public void Pods_outlive_the_target_group_draining(int deregistrationDelay, int expectedGrace) =>
        Assert.Equal(expectedGrace, ColourEnvironment.TerminationGracePeriodSeconds(deregistrationDelay));

    public static TheoryData<Func<ColourEnvironmentArgs, ColourEnvironmentArgs>, string> InvalidArgs => new()
    {
        { a => ColourEnvironmentTests.Clone(a, appName: "Shop"), "AppName" },
        { a => ColourEnvironmentTests.Clone(a, appName: "a-very-long-application-name-that-breaks-labels"), "AppName" },
        { a => ColourEnvironmentTests.Clone(a, replicas: 0), "Replicas" },
        { a => ColourEnvironmentTests.Clone(a, containerPort: 70000), "ContainerPort" },
        { a => ColourEnvironmentTests.Clone(a, healthPath: "healthz"), "HealthPath" },
        { a => ColourEnvironmentTests.Clone(a, imageTag: "-bad"), "ImageTag" },
        { a => ColourEnvironmentTests.Clone(a, imageRepository: "repo:tag"), "ImageRepository" },
        { a => ColourEnvironmentTests.Clone(a, slowStart: 10), "SlowStartSeconds" },
        { a => ColourEnvironmentTests.Clone(a, deregistration: 4000), "DeregistrationDelaySeconds" },
        { a => ColourEnvironmentTests.Clone(a, healthCheck: new TargetHealthCheck { IntervalSeconds = 5, TimeoutSeconds = 5 }), "HealthCheck" },
        { a => ColourEnvironmentTests.Clone(a, healthCheck: new TargetHealthCheck { Matcher = "ok" }), "HealthCheck" },
        { a => ColourEnvironmentTests.Clone(a, autoscaling: new AutoscalingSettings(5, 2)), "Autoscaling" },
        { a => ColourEnvironmentTests.Clone(a, resources: ContainerResources.Default with { MemoryLimit = "lots" }), "Resources" },
    };

    [Theory]
    [MemberData(nameof(InvalidArgs))]
    public void Invalid_args_are_rejected_naming_the_argument(Func<ColourEnvironmentArgs, ColourEnvironmentArgs> change, string argument)
    {
        var error = Assert.Throws<ArgumentException>(() => change(ColourEnvironmentTests.Args()).Validate());
        Assert.Equal(argument, error.ParamName);
    }

    [Fact]
    public void Valid_args_pass() => ColourEnvironmentTests.Args().Validate();

    [Fact]
    public async Task The_component_refuses_invalid_args_before_creating_anything()
    {
        var harness = new PulumiHarness();
        var error = await Assert.ThrowsAnyAsync<Exception>(
            () => harness.RunAsync(() => new ColourEnvironment("shop-green", ColourEnvironmentTests.Clone(ColourEnvironmentTests.Args(), replicas: 0))));

        Assert.Contains("(Parameter 'Replicas')", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(harness.Resources, r => r.Type!.StartsWith("kubernetes:", StringComparison.Ordinal));
    }
}
