using Moq;
using Pulumi;
using Pulumi.Testing;
using Pulumi.Utilities;

namespace Runtime.Tests;

/// <summary>A whole program as users write it: a stack with a component, a secret config value, an Apply chain.</summary>
[Collection(ConfigCollection.Name)]
public sealed class StackTests : IDisposable
{
    public StackTests()
    {
        Environment.SetEnvironmentVariable("PULUMI_CONFIG", """{"project:app": "shop", "project:apiKey": "k-123"}""");
        Environment.SetEnvironmentVariable("PULUMI_CONFIG_SECRET_KEYS", """["project:apiKey"]""");
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("PULUMI_CONFIG", null);
        Environment.SetEnvironmentVariable("PULUMI_CONFIG_SECRET_KEYS", null);
    }

    [Fact]
    public async Task A_stack_with_a_component_secret_config_and_apply_chain_runs_against_moq()
    {
        var mocks = new Mock<IMocks>(MockBehavior.Strict);
        var registered = new List<MockResourceArgs>();
        mocks.Setup(m => m.NewResourceAsync(It.IsAny<MockResourceArgs>()))
            .ReturnsAsync((MockResourceArgs args) =>
            {
                registered.Add(args);
                var state = args.Inputs.SetItem("arn", $"arn:aws:test:::{args.Name}");
                return (args.Name + "_id", (object)state);
            });
        mocks.Setup(m => m.CallAsync(It.IsAny<MockCallArgs>())).ReturnsAsync(new Dictionary<string, object>());
        var stackOutputs = new TaskCompletionSource<MockRegisterResourceOutputsRequest>();
        mocks.Setup(m => m.RegisterResourceOutputs(It.IsAny<MockRegisterResourceOutputsRequest>()))
            .Returns((MockRegisterResourceOutputsRequest request) =>
            {
                if (request.Urn.EndsWith("::project-stack", StringComparison.Ordinal))
                {
                    stackOutputs.TrySetResult(request);
                }

                return Task.CompletedTask;
            });

        var resources = await Deployment.TestAsync<ShopStack>(mocks.Object, new TestOptions { IsPreview = false });

        var stack = resources.OfType<ShopStack>().Single();
        Assert.Equal("SHOP-WIDGET", await OutputUtilities.GetValueAsync(stack.Name));
        Assert.Equal("arn:aws:test:::shop-shelf-widget", await OutputUtilities.GetValueAsync(stack.WidgetArn));
        Assert.True(await Output.IsSecretAsync(stack.Secret));
        Assert.Equal(new[] { "shop-shelf", "shop-shelf-widget", "shop-widget" }, registered.Select(r => r.Name));
        Assert.Equal("k-123", registered.Single(r => r.Name == "shop-widget").Inputs["password"]);

        var outputs = await stackOutputs.Task;
        Assert.Equal(new[] { "name", "secret", "widgetArn" }, outputs.Outputs.Keys.OrderBy(k => k, StringComparer.Ordinal));
        Assert.True(await Output.IsSecretAsync(outputs.Outputs["secret"]));
    }

    public sealed class ShopStack : Stack
    {
        public ShopStack()
        {
            var config = new Config();
            var app = config.Require("app");
            var apiKey = config.RequireSecret("apiKey");
            var shelf = new Shelf($"{app}-shelf");
            var widget = new Widget($"{app}-widget", new WidgetArgs { Password = apiKey, Label = shelf.WidgetArn });
            Name = widget.Urn.Apply(urn => urn.Split("::")[^1]).Apply(name => name.ToUpperInvariant());
            WidgetArn = shelf.WidgetArn;
            Secret = apiKey.Apply(key => $"{key}-derived");
        }

        [Output("name")]
        public Output<string> Name { get; set; }

        [Output("widgetArn")]
        public Output<string> WidgetArn { get; set; }

        [Output("secret")]
        public Output<string> Secret { get; set; }
    }
}
