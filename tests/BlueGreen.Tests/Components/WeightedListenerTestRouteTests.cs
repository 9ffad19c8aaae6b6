using System.Collections.Immutable;
using System.Text.Json;
using BlueGreen.Components;
using BlueGreen.Release;
using Pulumi;
using Pulumi.Utilities;
using static BlueGreen.Tests.Components.WeightedListenerTests;

namespace BlueGreen.Tests.Components;

/// <summary>Header test routes: a colour reached whatever its weight, only with the stack's secret key, optionally only from given networks.</summary>
[Collection(PulumiCollection.Name)]
public class WeightedListenerTestRouteTests
{
    [Fact]
    public async Task Test_route_sends_the_header_to_the_idle_colour_whatever_its_weight()
    {
        var (harness, _) = await RunAsync(Args(blue: 100, green: 0, routes: [new HeaderRoute(Colour.Green, GreenArn, "X-Colour", "green")]));
        var rule = harness.Named("shop-test-green").Inputs;

        Assert.Equal("aws:lb/listenerRule:ListenerRule", harness.Named("shop-test-green").Type);
        Assert.Equal("X-Colour", rule.At("conditions", 0, "httpHeader", "httpHeaderName"));
        Assert.Equal(new object[] { "green" }, rule.List("conditions", 0, "httpHeader", "values"));
        Assert.Equal("forward", rule.At("actions", 0, "type"));
        Assert.Equal(GreenArn, rule.At("actions", 0, "targetGroupArn"));
        Assert.EndsWith("shop-https", (string)rule.At("listenerArn")!);
    }

    [Fact]
    public async Task A_test_route_also_requires_the_secret_key_so_a_colour_header_alone_reaches_nothing()
    {
        var (harness, _) = await RunAsync(Args());
        var conditions = harness.Named("shop-test-green").Inputs.List("conditions").Cast<ImmutableDictionary<string, object>>().ToList();

        Assert.Equal(2, conditions.Count);
        Assert.Equal("X-Test-Route-Key", conditions[1].At("httpHeader", "httpHeaderName"));
        Assert.Equal(new object[] { "s3cr3t-key" }, conditions[1].List("httpHeader", "values"));
    }

    [Fact]
    public async Task Test_routes_can_be_narrowed_to_source_networks()
    {
        var (harness, _) = await RunAsync(WithTestRoute(Args(), sourceCidrs: ["203.0.113.0/24", "2001:db8::/32"]));

        var sources = harness.Named("shop-test-green").Inputs.List("conditions", 2, "sourceIp", "values");
        Assert.Equal(new object[] { "203.0.113.0/24", "2001:db8::/32" }, sources);
    }

    [Theory]
    [InlineData(null, "TestRouteKey")]
    [InlineData("X-Colour", "TestRouteKeyHeader")]
    public void A_test_route_without_a_key_or_with_the_key_in_its_own_header_is_refused(string? keyHeader, string argument)
    {
        var broken = WithTestRoute(Args(), withKey: keyHeader is not null, keyHeader: keyHeader);

        Assert.Equal(argument, Assert.Throws<ArgumentException>(() => broken.Validate()).ParamName);
    }

    /// <summary>The args with the test route's key, key header and sources replaced.</summary>
    private static WeightedListenerArgs WithTestRoute(WeightedListenerArgs a, bool withKey = true, string? keyHeader = null, IReadOnlyList<string>? sourceCidrs = null) => new()
    {
        VpcId = a.VpcId,
        SubnetIds = a.SubnetIds,
        TargetPort = a.TargetPort,
        TargetCidrs = a.TargetCidrs,
        CertificateArn = a.CertificateArn,
        Forward = a.Forward,
        TargetGroupArns = a.TargetGroupArns,
        TestRoutes = a.TestRoutes,
        TestRouteKey = withKey ? a.TestRouteKey : null,
        TestRouteKeyHeader = keyHeader ?? a.TestRouteKeyHeader,
        TestRouteSourceCidrs = sourceCidrs ?? a.TestRouteSourceCidrs,
    };

    [Fact]
    public async Task Test_routes_have_fixed_distinct_priorities_per_colour()
    {
        var (harness, _) = await RunAsync(Args(routes: [new HeaderRoute(Colour.Blue, BlueArn, "X-Env", "b*"), new HeaderRoute(Colour.Green, GreenArn)]));

        Assert.Equal(10.0, harness.Named("shop-test-blue").Inputs.At("priority"));
        Assert.Equal(11.0, harness.Named("shop-test-green").Inputs.At("priority"));
        Assert.Equal("X-Env", harness.Named("shop-test-blue").Inputs.At("conditions", 0, "httpHeader", "httpHeaderName"));
    }
}
