using BlueGreen.Components;
using Pulumi;
using Pulumi.Utilities;

namespace BlueGreen.Tests.Components;

/// <summary>Maintenance mode on the listener, and the weights waiting for the smoke test.</summary>
[Collection(PulumiCollection.Name)]
public class MaintenanceRuleTests
{
    [Fact]
    public async Task Maintenance_answers_503_with_the_page_behind_the_test_routes()
    {
        var harness = new PulumiHarness();
        await harness.RunAsync(() => _ = new WeightedListener(
            "shop", WeightedListenerTests.Args(maintenance: new MaintenancePage("<h1>Back soon</h1>")), harness.RecordingOptions()));

        var rule = harness.Named("shop-maintenance").Inputs;
        Assert.Equal("503", rule.At("actions", 0, "fixedResponse", "statusCode"));
        Assert.Equal("<h1>Back soon</h1>", rule.At("actions", 0, "fixedResponse", "messageBody"));
        Assert.Equal("text/html", rule.At("actions", 0, "fixedResponse", "contentType"));
        Assert.Equal(["/*"], rule.List("conditions", 0, "pathPattern", "values").Cast<string>());
        // The ALB evaluates rules by ascending priority: every test route comes first and still reaches its colour.
        var testRoutePriorities = harness.OfType("aws:lb/listenerRule:ListenerRule").Where(r => r.Name!.StartsWith("shop-test-", StringComparison.Ordinal))
            .Select(r => (double)r.Inputs.At("priority")!).ToList();
        Assert.NotEmpty(testRoutePriorities);
        Assert.All(testRoutePriorities, p => Assert.True(p < (double)rule.At("priority")!));
        // The default action (the weights) is untouched.
        Assert.Equal("forward", harness.Named("shop-https").Inputs.At("defaultActions", 0, "type"));
    }

    [Fact]
    public async Task Without_maintenance_there_is_no_rule()
    {
        var harness = new PulumiHarness();
        await harness.RunAsync(() => _ = new WeightedListener("shop", WeightedListenerTests.Args(), harness.RecordingOptions()));

        Assert.DoesNotContain(harness.Resources, r => r.Name == "shop-maintenance");
    }

    [Theory]
    [InlineData("text/xml", 10)]
    [InlineData("text/html", 1025)]
    public void A_page_the_load_balancer_refuses_is_rejected(string contentType, int length)
    {
        var args = WeightedListenerTests.Args(maintenance: new MaintenancePage(new string('x', length), contentType));

        Assert.Equal("Maintenance", Assert.Throws<ArgumentException>(() => args.Validate()).ParamName);
    }

    [Fact]
    public async Task The_weights_wait_for_the_smoke_test()
    {
        var harness = new PulumiHarness();
        await harness.RunAsync(() =>
        {
            var smoke = PulumiHarness.Dependency("smoke-stand-in");
            _ = new WeightedListener("shop", WeightedListenerTests.Args(weightsAfter: [smoke]), harness.RecordingOptions());
        });

        var https = await OutputUtilities.GetValueAsync(harness.OptionsOf("shop-https").DependsOn.ToOutput());
        Assert.Equal(["smoke-stand-in"], https.Select(r => r.GetResourceName()));
        // Only the listener waits: the security group the pods need must not (it would deadlock the colours).
        Assert.Empty(await OutputUtilities.GetValueAsync(harness.OptionsOf("shop-alb-sg").DependsOn.ToOutput()));
    }
}
