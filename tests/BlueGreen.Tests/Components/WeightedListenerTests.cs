using System.Collections.Immutable;
using System.Text.Json;
using BlueGreen.Components;
using BlueGreen.Release;
using Pulumi;
using Pulumi.Utilities;

namespace BlueGreen.Tests.Components;

[Collection(PulumiCollection.Name)]
public class WeightedListenerTests
{
    internal const string BlueArn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/shop-blue/1";
    internal const string GreenArn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/shop-green/2";

    internal static WeightedListenerArgs Args(
        int blue = 90,
        int green = 10,
        bool sticky = true,
        ForwardAction? forward = null,
        IReadOnlyList<HeaderRoute>? routes = null,
        AccessLogSettings? logs = null,
        bool deletionProtection = true,
        string? domain = null,
        MaintenancePage? maintenance = null,
        IReadOnlyList<Resource>? weightsAfter = null) => new()
        {
            VpcId = "vpc-123",
            SubnetIds = new InputList<string> { "subnet-a", "subnet-b" },
            IngressCidrs = ["0.0.0.0/0", "::/0"],
            TargetPort = 8080,
            TargetCidrs = ["10.0.0.0/16"],
            DeletionProtection = deletionProtection,
            IdleTimeoutSeconds = 120,
            CertificateArn = "arn:aws:acm:eu-west-1:123456789012:certificate/abc",
            Forward = forward ?? new ForwardAction([new(Colour.Blue, blue), new(Colour.Green, green)], new TargetGroupStickiness(sticky, 3600)),
            TargetGroupArns = new Dictionary<Colour, Input<string>> { [Colour.Blue] = BlueArn, [Colour.Green] = GreenArn },
            TestRoutes = routes ?? [new HeaderRoute(Colour.Green, GreenArn)],
            TestRouteKey = Output.CreateSecret("s3cr3t-key"),
            AccessLogs = logs,
            DomainName = domain,
            Maintenance = maintenance,
            WeightsAfter = weightsAfter ?? [],
        };

    internal static async Task<(PulumiHarness Harness, WeightedListener Listener)> RunAsync(WeightedListenerArgs args)
    {
        var harness = new PulumiHarness();
        WeightedListener? listener = null;
        await harness.RunAsync(() => listener = new WeightedListener("shop", args, harness.RecordingOptions()));
        return (harness, listener!);
    }

    internal static ImmutableDictionary<string, object> Forward(PulumiHarness harness) =>
        harness.Named("shop-https").Inputs.Map("defaultActions", 0, "forward");

    [Fact]
    public async Task Https_forward_action_carries_the_weights()
    {
        var (harness, _) = await RunAsync(Args(blue: 75, green: 25));
        var https = harness.Named("shop-https").Inputs;
        var groups = Forward(harness).List("targetGroups").Cast<ImmutableDictionary<string, object>>().ToList();

        Assert.Equal("forward", https.At("defaultActions", 0, "type"));
        Assert.Equal([BlueArn, GreenArn], groups.Select(g => g.At("arn")));
        Assert.Equal([75.0, 25.0], groups.Select(g => g.At("weight")));
    }

    [Fact]
    public async Task Stickiness_is_stated_and_on_while_both_colours_take_traffic()
    {
        var (harness, _) = await RunAsync(Args(blue: 90, green: 10, sticky: true));

        Assert.Equal(true, Forward(harness).At("stickiness", "enabled"));
        Assert.Equal(3600.0, Forward(harness).At("stickiness", "duration"));
    }

    [Fact]
    public async Task The_release_models_rollback_is_sent_as_decided_with_stickiness_off_explicitly()
    {
        // The release model decides (TrafficSplit): at step 0 nobody may stay stuck on green.
        var rollback = TrafficSplit.Rollback(Colour.Blue).ForwardAction(new StickinessSettings(true, TimeSpan.FromHours(1)));
        var (harness, listener) = await RunAsync(Args(forward: rollback));

        Assert.Equal(false, Forward(harness).At("stickiness", "enabled"));
        Assert.Equal(3600.0, Forward(harness).At("stickiness", "duration"));
        Assert.Equal(2, Forward(harness).List("targetGroups").Length);
        Assert.Same(rollback, listener.ForwardAction);
    }

    [Fact]
    public async Task Stickiness_not_requested_is_still_stated_as_off()
    {
        var (harness, _) = await RunAsync(Args(blue: 50, green: 50, sticky: false));
        Assert.Equal(false, Forward(harness).At("stickiness", "enabled"));
    }

    [Fact]
    public async Task A_retired_colour_leaves_the_forward_action()
    {
        var retired = TrafficSplit.AllTo(Colour.Blue, retired: Colour.Green).ForwardAction(StickinessSettings.Default);
        var (harness, _) = await RunAsync(Args(forward: retired, routes: []));
        var groups = Forward(harness).List("targetGroups");

        var only = Assert.Single(groups.Cast<ImmutableDictionary<string, object>>());
        Assert.Equal(BlueArn, only.At("arn"));
        Assert.Equal(100.0, only.At("weight"));
        Assert.Equal(false, Forward(harness).At("stickiness", "enabled"));
    }

    [Fact]
    public async Task Https_listener_uses_tls13_policy_and_the_certificate()
    {
        var (harness, _) = await RunAsync(Args());
        var https = harness.Named("shop-https").Inputs;

        Assert.Equal(443.0, https.At("port"));
        Assert.Equal("HTTPS", https.At("protocol"));
        Assert.Equal("ELBSecurityPolicy-TLS13-1-2-2021-06", https.At("sslPolicy"));
        Assert.Equal("arn:aws:acm:eu-west-1:123456789012:certificate/abc", https.At("certificateArn"));
    }

    [Fact]
    public async Task Http_redirects_permanently_to_https()
    {
        var (harness, _) = await RunAsync(Args());
        var http = harness.Named("shop-http").Inputs;

        Assert.Equal(80.0, http.At("port"));
        Assert.Equal("HTTP", http.At("protocol"));
        Assert.Equal("redirect", http.At("defaultActions", 0, "type"));
        Assert.Equal("HTTPS", http.At("defaultActions", 0, "redirect", "protocol"));
        Assert.Equal("443", http.At("defaultActions", 0, "redirect", "port"));
        Assert.Equal("HTTP_301", http.At("defaultActions", 0, "redirect", "statusCode"));
    }

    [Fact]
    public async Task Load_balancer_is_hardened_and_deletion_protected_as_asked()
    {
        var (harness, _) = await RunAsync(Args(deletionProtection: true));
        var alb = harness.Named("shop-alb").Inputs;

        Assert.Equal("application", alb.At("loadBalancerType"));
        Assert.Equal(true, alb.At("enableDeletionProtection"));
        Assert.Equal(true, alb.At("dropInvalidHeaderFields"));
        Assert.Equal(120.0, alb.At("idleTimeout"));
        Assert.Equal(new object[] { "subnet-a", "subnet-b" }, alb.List("subnets"));
        Assert.Null(alb.At("accessLogs"));
    }

    [Fact]
    public async Task Staging_load_balancer_can_be_deleted()
    {
        var (harness, _) = await RunAsync(Args(deletionProtection: false));
        Assert.Equal(false, harness.Named("shop-alb").Inputs.At("enableDeletionProtection"));
    }

    [Fact]
    public async Task Security_group_lets_80_and_443_in_from_each_cidr_and_only_the_target_port_out()
    {
        var (harness, _) = await RunAsync(Args());
        var ingress = harness.OfType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule");
        var egress = harness.OfType("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule");

        Assert.Equal(4, ingress.Count);
        Assert.Equal(
            new[] { "0.0.0.0/0:443", "0.0.0.0/0:80", "::/0:443", "::/0:80" },
            ingress.Select(r => $"{r.Inputs.At("cidrIpv4") ?? r.Inputs.At("cidrIpv6")}:{r.Inputs.At("fromPort")}").Order(StringComparer.Ordinal));
        Assert.All(ingress, r => Assert.Equal(r.Inputs.At("fromPort"), r.Inputs.At("toPort")));

        var rule = Assert.Single(egress).Inputs;
        Assert.Equal("10.0.0.0/16", rule.At("cidrIpv4"));
        Assert.Equal(8080.0, rule.At("fromPort"));
        Assert.Equal(8080.0, rule.At("toPort"));
        Assert.Equal("tcp", rule.At("ipProtocol"));
        Assert.Empty(harness.Named("shop-alb-sg").Inputs.At("ingress") as IEnumerable<object> ?? []);
    }

    [Fact]
    public async Task Access_logs_go_to_a_private_sse_s3_bucket_that_only_elb_may_write()
    {
        var (harness, _) = await RunAsync(Args(logs: new AccessLogSettings("123456789012", "eu-west-1", "alb")));
        var alb = harness.Named("shop-alb").Inputs;
        var sse = harness.Named("shop-alb-logs-sse").Inputs;
        var block = harness.Named("shop-alb-logs-pab").Inputs;
        using var policy = JsonDocument.Parse((string)harness.Named("shop-alb-logs-policy").Inputs.At("policy")!);

        Assert.Equal(true, alb.At("accessLogs", "enabled"));
        Assert.Equal("shop-alb-logs-bucket", alb.At("accessLogs", "bucket"));
        Assert.Equal("alb", alb.At("accessLogs", "prefix"));
        Assert.Equal("AES256", sse.At("rules", 0, "applyServerSideEncryptionByDefault", "sseAlgorithm"));
        foreach (var setting in new[] { "blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets" })
        {
            Assert.Equal(true, block.At(setting));
        }

        var allow = policy.RootElement.GetProperty("Statement")[0];
        Assert.Equal("Allow", allow.GetProperty("Effect").GetString());
        Assert.Equal("arn:aws:iam::156460612806:root", allow.GetProperty("Principal").GetProperty("AWS")[0].GetString());
        Assert.Equal(
            "arn:aws:test:eu-west-1:123456789012:shop-alb-logs/alb/AWSLogs/123456789012/*",
            allow.GetProperty("Resource")[0].GetString());
    }

    [Fact]
    public async Task Outputs_expose_the_load_balancer_and_listener()
    {
        var (_, listener) = await RunAsync(Args());

        Assert.Equal("app/shop-alb/fedcba9876543210", await OutputUtilities.GetValueAsync(listener.LoadBalancerArnSuffix));
        Assert.Equal("shop-alb.eu-west-1.elb.amazonaws.com", await OutputUtilities.GetValueAsync(listener.DnsName));
        Assert.Equal("https://shop-alb.eu-west-1.elb.amazonaws.com", await OutputUtilities.GetValueAsync(listener.Url));
        Assert.EndsWith(":shop-https", await OutputUtilities.GetValueAsync(listener.HttpsListenerArn));
        Assert.EndsWith(":shop-alb", await OutputUtilities.GetValueAsync(listener.LoadBalancerArn));
    }

    [Fact]
    public async Task Url_uses_the_domain_name_when_given()
    {
        var (_, listener) = await RunAsync(Args(domain: "shop.example.com"));
        Assert.Equal("https://shop.example.com", await OutputUtilities.GetValueAsync(listener.Url));
    }

    [Fact]
    public async Task Weights_are_never_ignored_on_update()
    {
        var (harness, _) = await RunAsync(Args());
        Assert.DoesNotContain(harness.OptionsOf("shop-https").IgnoreChanges, p => p.Contains("defaultActions", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Long_names_are_refused_because_the_alb_name_would_pass_32_characters()
    {
        var harness = new PulumiHarness();
        var error = await Assert.ThrowsAnyAsync<Exception>(
            () => harness.RunAsync(() => new WeightedListener("shop-production-eu-1a", Args())));
        Assert.Contains("(Parameter 'name')", error.ToString(), StringComparison.Ordinal);
    }

    public static TheoryData<WeightedListenerArgs, string> InvalidArgs => new()
    {
        { Args(blue: 60, green: 30), "Forward" },
        { Args(blue: 110, green: -10), "Forward" },
        { Args(forward: new ForwardAction([], new TargetGroupStickiness(false, 60))), "Forward" },
        { Args(forward: new ForwardAction([new(Colour.Blue, 50), new(Colour.Blue, 50)], new TargetGroupStickiness(false, 60))), "Forward" },
        { Args(forward: new ForwardAction([new(Colour.Blue, 50), new(Colour.Green, 50)], new TargetGroupStickiness(true, 0))), "Forward" },
        { Args(forward: new ForwardAction([new(Colour.Blue, 50), new(Colour.Green, 50)], new TargetGroupStickiness(true, 604801))), "Forward" },
        { With(Args(), a => new() { VpcId = a.VpcId, SubnetIds = a.SubnetIds, TargetPort = a.TargetPort, TargetCidrs = a.TargetCidrs, CertificateArn = a.CertificateArn, Forward = a.Forward, TargetGroupArns = a.TargetGroupArns, IngressCidrs = ["10.0.0.300/8"] }), "IngressCidrs" },
        { With(Args(), a => new() { VpcId = a.VpcId, SubnetIds = a.SubnetIds, TargetPort = a.TargetPort, CertificateArn = a.CertificateArn, Forward = a.Forward, TargetGroupArns = a.TargetGroupArns }), "TargetCidrs" },
        { With(Args(), a => new() { VpcId = a.VpcId, SubnetIds = a.SubnetIds, TargetPort = a.TargetPort, TargetCidrs = a.TargetCidrs, CertificateArn = a.CertificateArn, Forward = a.Forward, TargetGroupArns = a.TargetGroupArns, IdleTimeoutSeconds = 0 }), "IdleTimeoutSeconds" },
        { Args(routes: [new HeaderRoute(Colour.Green, GreenArn, "X Colour")]), "TestRoutes" },
        { Args(routes: [new HeaderRoute(Colour.Green, GreenArn, "Host")]), "TestRoutes" },
        { Args(routes: [new HeaderRoute(Colour.Green, GreenArn, new string('X', 41))]), "TestRoutes" },
        { Args(routes: [new HeaderRoute(Colour.Green, GreenArn), new HeaderRoute(Colour.Green, GreenArn, "X-Other")]), "TestRoutes" },
        { Args(logs: new AccessLogSettings("123456789012", "eu-west-1", "logs/AWSLogs")), "AccessLogs" },
        { Args(domain: "not a host"), "DomainName" },
    };

    [Theory]
    [MemberData(nameof(InvalidArgs))]
    public void Invalid_args_are_rejected_naming_the_argument(WeightedListenerArgs args, string argument)
    {
        var error = Assert.Throws<ArgumentException>(() => args.Validate());
        Assert.Equal(argument, error.ParamName);
    }

    private static WeightedListenerArgs With(WeightedListenerArgs a, Func<WeightedListenerArgs, WeightedListenerArgs> change) => change(a);
}
