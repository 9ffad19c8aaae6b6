using System.Collections.Immutable;
using Pulumi;
using Pulumi.Testing;
using Pulumi.Utilities;

namespace Runtime.Tests;

public class ResourceTests
{
    private static Task<T> Value<T>(Output<T> output) => OutputUtilities.GetValueAsync(output);

    [Fact]
    public async Task Urns_follow_the_test_monitor_form_at_every_depth()
    {
        var mocks = new RecordingMocks();
        Shelf? shelf = null;
        Widget? top = null;

        var resources = await Deployment.TestAsync(mocks.Object, new TestOptions { ProjectName = "bluegreen", StackName = "prod" }, () =>
        {
            top = new Widget("top");
            shelf = new Shelf("shelf");
        });

        Assert.Equal("urn:pulumi:prod::bluegreen::pulumi:pulumi:Stack$test:index/widget:Widget::top", await Value(top!.Urn));
        Assert.Equal("urn:pulumi:prod::bluegreen::pulumi:pulumi:Stack$tests:index:Shelf::shelf", await Value(shelf!.Urn));
        // Only the first type of the parent's chain prefixes a child's type in test mode.
        Assert.Equal("urn:pulumi:prod::bluegreen::pulumi:pulumi:Stack$test:index/widget:Widget::shelf-widget", await Value(shelf.Widget.Urn));
        Assert.Equal(3, resources.Length);
    }

    [Fact]
    public async Task The_stack_urn_uses_the_default_project_and_stack_names()
    {
        var mocks = new RecordingMocks();

        var resources = await Deployment.TestAsync<EmptyStack>(mocks.Object);

        var stack = Assert.Single(resources);
        Assert.Equal("urn:pulumi:stack::project::pulumi:pulumi:Stack::project-stack", await Value(stack.Urn));
        Assert.Empty(mocks.Resources); // the stack itself is not sent to the mocks
    }

    [Fact]
    public async Task Inputs_reach_the_mocks_by_wire_name_with_known_non_null_values_only()
    {
        var mocks = new RecordingMocks();

        await Deployment.TestAsync(mocks.Object, new TestOptions(), () =>
        {
            _ = new Widget("w", new WidgetArgs
            {
                Size = 3,
                Enabled = true,
                Label = OutputUtilities.CreateUnknown("later"),
                Password = Output.CreateSecret("hunter2"),
                Nested = new NestedArgs { Weight = 25 },
                Items = { "a", "b" },
                Tags = { { "colour", "green" } },
            });
        });

        var inputs = mocks.Named("w").Inputs;
        Assert.Equal(3.0, inputs["size"]);
        Assert.Equal(true, inputs["enabled"]);
        Assert.False(inputs.ContainsKey("label")); // unknown during preview
        Assert.Equal("hunter2", inputs["password"]); // mocks see secrets in clear
        var nested = Assert.IsAssignableFrom<ImmutableDictionary<string, object>>(inputs["nested"]);
        Assert.Equal(25.0, nested["weight"]);
        Assert.False(nested.ContainsKey("note"));
        Assert.Equal(new object[] { "a", "b" }, Assert.IsType<ImmutableArray<object>>(inputs["items"]));
        Assert.Equal("green", Assert.IsAssignableFrom<ImmutableDictionary<string, object>>(inputs["tags"])["colour"]);
        Assert.Equal("", mocks.Named("w").Provider);
        Assert.Equal("", mocks.Named("w").Id);
        Assert.Equal("test:index/widget:Widget", mocks.Named("w").Type);
    }

    [Fact]
    public async Task Outputs_missing_from_the_mock_state_are_unknown_in_preview()
    {
        var mocks = new RecordingMocks();
        Widget? widget = null;
        var ran = false;

        await Deployment.TestAsync(mocks.Object, new TestOptions { IsPreview = true }, () =>
        {
            widget = new Widget("w", new WidgetArgs { Size = 2 });
            widget.Arn.Apply(arn =>
            {
                ran = true;
                return arn;
            });
        });

        Assert.False(await OutputUtilities.GetIsKnownAsync(widget!.Arn));
        Assert.False(ran);
        Assert.Equal(2, await Value(widget.Size)); // echoed input: known
        Assert.Equal("w_id", await Value(widget.Id));
    }

    [Fact]
    public async Task Outputs_missing_from_the_mock_state_are_null_outside_preview()
    {
        var mocks = new RecordingMocks();
        Widget? widget = null;
        string? seen = "not called";

        await Deployment.TestAsync(mocks.Object, new TestOptions { IsPreview = false }, () =>
        {
            widget = new Widget("w");
            widget.Arn.Apply(arn =>
            {
                seen = arn;
                return arn;
            });
        });

        Assert.True(await OutputUtilities.GetIsKnownAsync(widget!.Arn));
        Assert.Null(seen);
    }

    [Fact]
    public async Task Mock_state_converts_into_typed_outputs_and_output_types()
    {
        var mocks = new RecordingMocks(_ => new Dictionary<string, object>
        {
            ["status"] = new Dictionary<string, object> { ["phase"] = "ready", ["ports"] = new object[] { 80.0, 443.0 }, ["ratio"] = 0.5 },
            ["tags"] = ImmutableDictionary<string, object>.Empty.Add("app", "shop"),
            ["password"] = Output.CreateSecret("from-provider"),
        });
        Widget? widget = null;

        await Deployment.TestAsync(mocks.Object, new TestOptions(), () => widget = new Widget("w", new WidgetArgs { Size = 5 }));

        var status = await Value(widget!.Status);
        Assert.Equal("ready", status!.Phase);
        Assert.Equal(new[] { 80, 443 }, status.Ports);
        Assert.Equal(0.5, status.Ratio);
        Assert.Equal("shop", (await Value(widget.Tags))["app"]);
        Assert.Equal(5, await Value(widget.Size));
        Assert.True(await Output.IsSecretAsync(widget.Password));
        Assert.False(await Output.IsSecretAsync(widget.Size));
    }

    [Fact]
    public async Task Additional_secret_outputs_are_left_to_the_engine_in_test_mode()
    {
        // Pulumi's test monitor does not apply AdditionalSecretOutputs (the real engine does): a
        // program that needs a secret in tests makes it secret itself (Output.CreateSecret).
        var mocks = new RecordingMocks(_ => new Dictionary<string, object> { ["arn"] = "arn:x" });
        Widget? widget = null;

        await Deployment.TestAsync(mocks.Object, new TestOptions(), () =>
            widget = new Widget("w", null, new CustomResourceOptions { AdditionalSecretOutputs = { "arn" } }));

        Assert.False(await Output.IsSecretAsync(widget!.Arn));
        Assert.Equal("arn:x", await Value(widget.Arn));
    }

    [Fact]
    public async Task Components_are_sent_to_the_mocks_and_register_their_outputs()
    {
        var mocks = new RecordingMocks(_ => new Dictionary<string, object> { ["arn"] = "arn:widget" });

        await Deployment.TestAsync(mocks.Object, new TestOptions(), () => _ = new Shelf("shelf"));

        Assert.Equal(new[] { "shelf", "shelf-widget" }, mocks.Resources.Select(r => r.Name));
        var component = mocks.Named("shelf");
        Assert.Equal("tests:index:Shelf", component.Type);
        Assert.Empty(component.Inputs);
        var registered = mocks.RegisteredOutputs.Single(r => r.Urn.EndsWith("::shelf", StringComparison.Ordinal));
        Assert.Equal("arn:widget", await Value(registered.Outputs["widgetArn"]));
    }

    [Fact]
    public async Task Register_outputs_without_arguments_registers_the_public_output_properties_by_their_names()
    {
        var mocks = new RecordingMocks(_ => new Dictionary<string, object> { ["arn"] = "arn:widget" });

        await Deployment.TestAsync(mocks.Object, new TestOptions(), () => _ = new Drawer("drawer"));

        var registered = mocks.RegisteredOutputs.Single(r => r.Urn.EndsWith("::drawer", StringComparison.Ordinal));
        Assert.Equal(new[] { "Label", "handleArn" }, registered.Outputs.Keys.OrderBy(k => k, StringComparer.Ordinal));
        Assert.Equal("arn:widget", await Value(registered.Outputs["handleArn"]));
        Assert.Equal("oak", await Value(registered.Outputs["Label"]));
    }

    [Fact]
    public async Task Custom_resources_use_an_explicit_provider_and_children_inherit_a_components_provider()
    {
        var mocks = new RecordingMocks();

        await Deployment.TestAsync(mocks.Object, new TestOptions(), () =>
        {
            var provider = new TestProvider("eu");
            _ = new Widget("direct", null, new CustomResourceOptions { Provider = provider });
            _ = new Shelf("shelf", new ComponentResourceOptions { Providers = { provider } });
            _ = new Widget("default");
        });

        var expected = "urn:pulumi:stack::project::pulumi:pulumi:Stack$pulumi:providers:test::eu::eu_id";
        Assert.Equal(expected, mocks.Named("direct").Provider);
        Assert.Equal(expected, mocks.Named("shelf-widget").Provider);
        Assert.Equal("", mocks.Named("default").Provider);
        Assert.Equal("pulumi:providers:test", mocks.Named("eu").Type);
    }

    [Fact]
    public async Task Invokes_go_through_the_mocks_call()
    {
        var mocks = new RecordingMocks();
        Output<ImmutableDictionary<string, object>>? result = null;

        await Deployment.TestAsync(mocks.Object, new TestOptions(), () =>
        {
            result = Deployment.Instance.Invoke<ImmutableDictionary<string, object>>("test:index:lookup", new LookupArgs { Name = "x" });
        });

        Assert.Equal("test:index:lookup", (await Value(result!))["echo"]);
        var call = Assert.Single(mocks.Calls);
        Assert.Equal("x", call.Args["name"]);
    }

    [Fact]
    public async Task Deployment_instance_reports_the_test_options()
    {
        var mocks = new RecordingMocks();
        (string, string, bool)? seen = null;

        await Deployment.TestAsync(mocks.Object, new TestOptions { ProjectName = "p", StackName = "s", IsPreview = false }, () =>
        {
            seen = (Deployment.Instance.ProjectName, Deployment.Instance.StackName, Deployment.Instance.IsDryRun);
        });

        Assert.Equal(("p", "s", false), seen);
    }

    [Fact]
    public async Task Resources_created_inside_an_apply_are_registered()
    {
        var mocks = new RecordingMocks(_ => new Dictionary<string, object> { ["arn"] = "arn:parent" });

        await Deployment.TestAsync(mocks.Object, new TestOptions(), () =>
        {
            var parent = new Widget("parent");
            parent.Arn.Apply(arn => new Widget("child", new WidgetArgs { Label = arn }));
        });

        Assert.Equal("arn:parent", mocks.Named("child").Inputs["label"]);
    }

    [Fact]
    public async Task A_run_waits_for_every_output_of_the_program_like_Pulumi()
    {
        var mocks = new RecordingMocks();
        var pending = new TaskCompletionSource<string>();

        var run = Deployment.TestAsync(mocks.Object, new TestOptions(), () =>
        {
            _ = Output.Create(pending.Task).Apply(v => v.Length);
            _ = new Widget("w");
        });

        // The bound is the test's: the runtime itself waits as long as the output takes.
        Assert.NotSame(run, await Task.WhenAny(run, Task.Delay(TimeSpan.FromMilliseconds(500))));
        pending.SetResult("late");
        Assert.Same(run, await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(30))));
        Assert.Single(await run);
    }

    public sealed class LookupArgs : InvokeArgs
    {
        [Input("name")]
        public string? Name { get; set; }
    }

    public sealed class EmptyStack : Stack
    {
    }
}
