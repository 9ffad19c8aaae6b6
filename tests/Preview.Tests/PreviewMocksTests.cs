using System.Collections.Immutable;
using Moq;
using Pulumi;
using Pulumi.Testing;
using Pulumi.Utilities;
using LB = Pulumi.Aws.LB;

namespace BlueGreen.Preview.Tests;

[Collection(PreviewRunCollection.Name)]
public sealed class PreviewMocksTests
{
    private static MockResourceArgs Args(string type, string name, ImmutableDictionary<string, object>? inputs = null) =>
        new() { Type = type, Name = name, Inputs = inputs ?? ImmutableDictionary<string, object>.Empty, Provider = "", Id = "" };

    [Theory]
    [InlineData("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "ec2")]
    [InlineData("aws:cloudwatch/dashboard:Dashboard", "cloudwatch")]
    [InlineData("aws:kms/key:Key", "kms")]
    [InlineData("aws:backup/vault:Vault", "backup")]
    public void Fake_arns_name_the_service_of_the_type(string type, string service) =>
        Assert.Equal($"arn:aws:{service}:eu-west-1:123456789012:x", new PreviewMocks("eu-west-1").StateOf(Args(type, "x"))["arn"]);

    /// <summary>CloudWatch's alarm ARN, arn:aws:cloudwatch:REGION:ACCOUNT:alarm:NAME, as EventBridge events carry it.</summary>
    [Theory]
    [InlineData("aws:cloudwatch/metricAlarm:MetricAlarm", "name")]
    [InlineData("aws:cloudwatch/compositeAlarm:CompositeAlarm", "alarmName")]
    public void An_alarms_arn_is_cloudwatchs_with_its_name(string type, string nameInput) =>
        Assert.Equal(
            "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:shop-prod-green-rollback",
            new PreviewMocks("eu-west-1").StateOf(Args(type, "shop-alarms-x", ImmutableDictionary<string, object>.Empty.Add(nameInput, "shop-prod-green-rollback")))["arn"]);

    [Fact]
    public void A_target_groups_arn_carries_its_name_so_a_new_name_is_a_new_arn()
    {
        var mocks = new PreviewMocks("eu-west-1");
        string Arn(string name) => (string)mocks.StateOf(Args("aws:lb/targetGroup:TargetGroup", "shop-green-tg", ImmutableDictionary<string, object>.Empty.Add("name", name)))["arn"];

        Assert.StartsWith("arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/shop-green-0a1b2c3d/", Arn("shop-green-0a1b2c3d"), StringComparison.Ordinal);
        Assert.NotEqual(Arn("shop-green-0a1b2c3d"), Arn("shop-green-5895c9fa"));
    }

    [Fact]
    public void Inputs_win_over_fakes_and_non_aws_resources_are_echoed()
    {
        var mocks = new PreviewMocks("eu-west-1");
        var inputs = ImmutableDictionary<string, object>.Empty.Add("name", "given");

        Assert.Equal("given", mocks.StateOf(Args("aws:lb/targetGroup:TargetGroup", "tg", inputs))["name"]);
        Assert.Equal("targetgroup/given/", ((string)mocks.StateOf(Args("aws:lb/targetGroup:TargetGroup", "tg", inputs))["arnSuffix"])[..18]);
        Assert.Same(inputs, mocks.StateOf(Args("kubernetes:core/v1:Namespace", "ns", inputs)));
    }

    [Fact]
    public void Random_bytes_follow_the_keepers()
    {
        var mocks = new PreviewMocks("eu-west-1");
        ImmutableDictionary<string, object> Keepers(string port) => ImmutableDictionary<string, object>.Empty
            .Add("byteLength", 4.0)
            .Add("keepers", ImmutableDictionary<string, object>.Empty.Add("port", port));
        string Hex(string port) => (string)mocks.StateOf(Args("random:index/randomId:RandomId", "id", Keepers(port)))["hex"];

        Assert.Matches("^[0-9a-f]{8}$", Hex("8080"));
        Assert.Equal(Hex("8080"), Hex("8080"));
        Assert.NotEqual(Hex("8080"), Hex("9090"));
    }

    [Fact]
    public async Task In_a_program_the_fakes_resolve_the_outputs_other_resources_read_and_no_provider_function_is_needed()
    {
        var preview = new PreviewMocks("eu-west-1");
        var mocks = new Mock<IMocks>(MockBehavior.Strict);
        mocks.Setup(m => m.NewResourceAsync(It.IsAny<MockResourceArgs>())).Returns((MockResourceArgs a) => preview.NewResourceAsync(a));
        mocks.Setup(m => m.RegisterResourceOutputs(It.IsAny<MockRegisterResourceOutputsRequest>())).Returns(Task.CompletedTask);
        Output<string>? arnSuffix = null;

        await Deployment.TestAsync(mocks.Object, new TestOptions { IsPreview = true }, () =>
        {
            var alb = new LB.LoadBalancer("alb", new LB.LoadBalancerArgs { LoadBalancerType = "application" });
            _ = new LB.Listener("https", new LB.ListenerArgs
            {
                LoadBalancerArn = alb.Arn,
                Port = 443,
                DefaultActions = { new LB.Inputs.ListenerDefaultActionArgs { Type = "fixed-response" } },
            });
            arnSuffix = alb.ArnSuffix;
        });

        Assert.Equal("arn:aws:elasticloadbalancing:eu-west-1:123456789012:alb", preview.Registered.Single(r => r.Name == "https").Inputs["loadBalancerArn"]);
        Assert.StartsWith("app/alb/", await OutputUtilities.GetValueAsync(arnSuffix!), StringComparison.Ordinal);
        mocks.Verify(m => m.CallAsync(It.IsAny<MockCallArgs>()), Times.Never);
        mocks.Verify(m => m.NewResourceAsync(It.IsAny<MockResourceArgs>()), Times.AtLeast(2));
    }

    private static MockCallArgs GetRecord() => new()
    {
        Token = "aws:ssm/getParameter:getParameter",
        Args = ImmutableDictionary<string, object>.Empty.Add("name", "/bluegreen/shop-prod/automatic-rollback"),
        Provider = "",
    };

    [Fact]
    public async Task The_automatic_rollback_record_reads_none_by_default_and_what_a_test_sets()
    {
        var none = (ImmutableDictionary<string, object>)await new PreviewMocks("eu-west-1").CallAsync(GetRecord());
        var set = (ImmutableDictionary<string, object>)await new PreviewMocks("eu-west-1") { AutomaticRollbackRecord = "{\"executionId\":\"x\"}" }.CallAsync(GetRecord());

        Assert.Equal(("none", "/bluegreen/shop-prod/automatic-rollback"), ((string)none["value"], (string)none["name"]));
        Assert.Equal("{\"executionId\":\"x\"}", set["value"]);
    }

    [Fact]
    public async Task A_missing_record_answers_as_ssm_does_with_ParameterNotFound()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => new PreviewMocks("eu-west-1") { AutomaticRollbackRecord = null }.CallAsync(GetRecord()));

        Assert.Contains("ParameterNotFound", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_caller_identity_carries_the_partition_in_its_arn()
    {
        var identity = (ImmutableDictionary<string, object>)await new PreviewMocks("cn-north-1") { Partition = "aws-cn" }.CallAsync(new MockCallArgs
        {
            Token = "aws:index/getCallerIdentity:getCallerIdentity",
            Args = ImmutableDictionary<string, object>.Empty,
            Provider = "",
        });

        Assert.StartsWith("arn:aws-cn:iam::123456789012:", (string)identity["arn"], StringComparison.Ordinal);
    }
}
