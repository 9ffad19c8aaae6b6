using Moq;
using Pulumi;
using Pulumi.Testing;

namespace Runtime.Tests;

public class ErrorTests
{
    [Fact]
    public async Task An_exception_inside_apply_fails_the_resource_that_uses_it()
    {
        var mocks = new RecordingMocks();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => Deployment.TestAsync(mocks.Object, new TestOptions(), () =>
        {
            var broken = Output.Create(1).Apply(WeightOrThrow);
            _ = new Widget("listener", new WidgetArgs { Size = broken });
        }));

        Assert.Contains("weights do not add up", error.ToString(), StringComparison.Ordinal);
#if PULUMI_OFFLINE
        Assert.Contains("'listener'", error.Message, StringComparison.Ordinal);
#endif
    }

    [Fact]
    public async Task A_required_input_left_unset_fails_the_run_naming_the_member()
    {
        var mocks = new RecordingMocks();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => Deployment.TestAsync(mocks.Object, new TestOptions(), () =>
            _ = new Widget("w", new WidgetArgs { Nested = new NestedArgs { Note = "no weight" } })));

        Assert.Contains("[Input] Runtime.Tests.NestedArgs.Weight is required but was not given a value", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(mocks.Resources, r => r.Name == "w");
    }

    [Fact]
    public async Task An_exception_in_a_component_fails_the_run()
    {
        var mocks = new RecordingMocks();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => Deployment.TestAsync(mocks.Object, new TestOptions(), () =>
        {
            _ = new FailingComponent("broken");
        }));

        Assert.Contains("no target groups", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_error_the_program_logs_fails_the_run_and_a_warning_does_not()
    {
        await Deployment.TestAsync(new RecordingMocks().Object, new TestOptions(), () => Log.Warn("certificate expires soon"));

        var error = await Assert.ThrowsAnyAsync<Exception>(() => Deployment.TestAsync(new RecordingMocks().Object, new TestOptions(), () =>
            Log.Error("no certificate for prod")));

        Assert.Contains("no certificate for prod", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_strict_mock_without_register_resource_outputs_fails_the_run()
    {
        var mocks = new Mock<IMocks>(MockBehavior.Strict);
        mocks.Setup(m => m.NewResourceAsync(It.IsAny<MockResourceArgs>()))
            .ReturnsAsync((MockResourceArgs args) => (args.Name + "_id", (object)args.Inputs));

        await Assert.ThrowsAnyAsync<Exception>(() => Deployment.TestAsync<ResourceTests.EmptyStack>(mocks.Object));
    }

    [Fact]
    public async Task A_stack_output_that_is_never_assigned_fails_the_run()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => Deployment.TestAsync<UnassignedOutputStack>(new RecordingMocks().Object));

        Assert.Contains("Url", error.Message, StringComparison.Ordinal);
    }

#if PULUMI_OFFLINE
    // The real engine rejects two resources with the same URN; Pulumi's own test monitor does not check,
    // so this guarantee is the offline runtime's (it keeps previews honest).
    [Fact]
    public async Task Two_resources_with_the_same_urn_are_rejected()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => Deployment.TestAsync(new RecordingMocks().Object, new TestOptions(), () =>
        {
            _ = new Widget("same");
            _ = new Widget("same");
        }));

        Assert.Contains("Duplicate resource URN", error.Message, StringComparison.Ordinal);
        Assert.Contains("test:index/widget:Widget::same", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_async_refuses_to_deploy_and_says_how_to()
    {
        var original = Console.Error;
        using var captured = new StringWriter();
        Console.SetError(captured);
        try
        {
            var exitCode = await Deployment.RunAsync(() => { });

            Assert.NotEqual(0, exitCode);
            Assert.Contains("pulumi up", captured.ToString(), StringComparison.Ordinal);
            Assert.Contains("PulumiSdk=official", captured.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Console.SetError(original);
        }
    }
#endif

    private static int WeightOrThrow(int weight) => weight < 100 ? throw new InvalidOperationException("weights do not add up") : weight;

    private sealed class FailingComponent : ComponentResource
    {
        public FailingComponent(string name)
            : base("tests:index:Failing", name)
        {
            throw new ArgumentException("no target groups were given");
        }
    }

    public sealed class UnassignedOutputStack : Stack
    {
        [Output]
        public Output<string> Url { get; set; } = null!;
    }
}
