using System.Collections.Immutable;
using BlueGreen.Components;
using BlueGreen.Release;
using Pulumi;
using Pulumi.Utilities;
using static BlueGreen.Tests.Components.ColourEnvironmentTests;

namespace BlueGreen.Tests.Components;

/// <summary>The colour's ALB target group and the TargetGroupBinding that fills it with the pods' IPs.</summary>
[Collection(PulumiCollection.Name)]
public class ColourEnvironmentTargetGroupTests
{
    [Fact]
    public async Task Target_group_is_ip_typed_with_the_http_health_check_and_draining_settings()
    {
        var (harness, _) = await RunAsync(Args());
        var group = harness.Named("shop-green-tg").Inputs;

        Assert.Equal("ip", group.At("targetType"));
        Assert.Equal("HTTP", group.At("protocol"));
        Assert.Equal(8080.0, group.At("port"));
        Assert.Equal("vpc-123", group.At("vpcId"));
        Assert.Equal(45.0, group.At("deregistrationDelay"));
        Assert.Equal(60.0, group.At("slowStart"));
        Assert.Equal("/healthz", group.At("healthCheck", "path"));
        Assert.Equal("HTTP", group.At("healthCheck", "protocol"));
        Assert.Equal("200-399", group.At("healthCheck", "matcher"));
        Assert.Equal(10.0, group.At("healthCheck", "interval"));
        Assert.Equal(2.0, group.At("healthCheck", "healthyThreshold"));
        Assert.Equal(2.0, group.At("healthCheck", "unhealthyThreshold"));
    }

    [Fact]
    public async Task Target_group_name_is_stable_and_within_the_aws_limit()
    {
        var (harness, _) = await RunAsync(Args());
        var name = (string)harness.Named("shop-green-tg").Inputs.At("name")!;
        var suffix = harness.Named("shop-green-tg-suffix").Inputs;

        Assert.Equal("shop-green-0a1b2c3d", name);
        Assert.True(name.Length <= 32);
        Assert.Equal(4.0, suffix.At("byteLength"));
        Assert.Equal("shop", suffix.At("keepers", "app"));
        Assert.Equal("green", suffix.At("keepers", "colour"));
    }

    [Fact]
    public async Task Binding_ties_the_service_to_the_target_group_by_ip()
    {
        var (harness, _) = await RunAsync(Args());
        var binding = harness.Named("shop-green-tgb");

        Assert.Equal("kubernetes:elbv2.k8s.aws/v1beta1:TargetGroupBinding", binding.Type);
        Assert.Equal("elbv2.k8s.aws/v1beta1", binding.Inputs.At("apiVersion"));
        Assert.Equal("TargetGroupBinding", binding.Inputs.At("kind"));
        Assert.Equal("shop-green", binding.Inputs.At("spec", "serviceRef", "name"));
        Assert.Equal(80.0, binding.Inputs.At("spec", "serviceRef", "port"));
        Assert.Equal("ip", binding.Inputs.At("spec", "targetType"));
        Assert.Equal(
            "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/shop-green-tg/0123456789abcdef",
            binding.Inputs.At("spec", "targetGroupARN"));
    }

    [Fact]
    public async Task Binding_opens_the_pods_to_the_load_balancers_security_group_on_the_container_port()
    {
        var (harness, _) = await RunAsync(Args());
        var ingress = harness.Named("shop-green-tgb").Inputs.Map("spec", "networking", "ingress", 0);

        Assert.Equal("sg-0123456789abcdef0", ingress.At("from", 0, "securityGroup", "groupID"));
        Assert.Equal(8080.0, ingress.At("ports", 0, "port"));
        Assert.Equal("TCP", ingress.At("ports", 0, "protocol"));
    }

    [Fact]
    public async Task A_new_target_group_replaces_the_binding_deleting_the_old_one_first()
    {
        // The controller's webhook refuses a change of spec.targetGroupARN; both bindings share one name.
        var (harness, _) = await RunAsync(Args());
        var options = Assert.IsType<CustomResourceOptions>(harness.OptionsOf("shop-green-tgb"));

        Assert.Equal(["spec.targetGroupARN"], options.ReplaceOnChanges);
        Assert.True(options.DeleteBeforeReplace);
    }

    [Fact]
    public async Task An_update_creates_the_same_target_group_and_binding_as_the_preview()
    {
        var (harness, env) = await RunAsync(Args(), preview: false);

        Assert.Equal("shop-green-0a1b2c3d", harness.Named("shop-green-tg").Inputs.At("name"));
        Assert.Equal(
            await OutputUtilities.GetValueAsync(env.TargetGroupArn),
            harness.Named("shop-green-tgb").Inputs.At("spec", "targetGroupARN"));
    }
}
