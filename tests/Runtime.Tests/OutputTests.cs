using System.Collections.Immutable;
using Pulumi;
using Pulumi.Testing;
using Pulumi.Utilities;

namespace Runtime.Tests;

public class OutputTests
{
    private static Task<T> Value<T>(Output<T> output) => OutputUtilities.GetValueAsync(output);

    [Fact]
    public async Task Apply_runs_every_overload_on_a_known_value()
    {
        var number = Output.Create(20);

        Assert.Equal(21, await Value(number.Apply(n => n + 1)));
        Assert.Equal(22, await Value(number.Apply(n => Task.FromResult(n + 2))));
        Assert.Equal(23, await Value(number.Apply(n => Output.Create(n + 3))));
        Assert.Equal(24, await Value(number.Apply(n => (Input<int>)(n + 4))));
        var seen = 0;
        await Value(number.Apply(n =>
        {
            seen = n;
            return Task.CompletedTask;
        }));
        Assert.Equal(20, seen);
    }

    [Fact]
    public async Task Secrets_propagate_through_apply_all_tuple_and_format()
    {
        var secret = Output.CreateSecret("s3cr3t");
        var plain = Output.Create("plain");

        Assert.True(await Output.IsSecretAsync(secret.Apply(s => s.Length)));
        Assert.True(await Output.IsSecretAsync(plain.Apply(_ => secret)));
        Assert.True(await Output.IsSecretAsync(Output.All(plain, secret)));
        Assert.True(await Output.IsSecretAsync(Output.Tuple(plain, secret)));
        Assert.True(await Output.IsSecretAsync(Output.Format($"{plain}:{secret}")));
        Assert.False(await Output.IsSecretAsync(Output.Format($"{plain}:{plain}")));
        Assert.False(await Output.IsSecretAsync(Output.Unsecret(secret)));
        Assert.Equal("s3cr3t", await Value(Output.Unsecret(secret)));
        Assert.True(await Output.IsSecretAsync(Output.CreateSecret(plain)));
        Assert.True(await Output.IsSecretAsync(Output.CreateSecret(Task.FromResult(1))));
    }

    [Fact]
    public async Task All_tuple_and_format_combine_values_in_order()
    {
        var all = Output.All(Output.Create(1), Output.Create(2), Output.Create(3));
        Assert.Equal(new[] { 1, 2, 3 }, await Value(all));

        var fromInputs = Output.All(new List<Input<string>> { "a", Output.Create("b") });
        Assert.Equal(new[] { "a", "b" }, await Value(fromInputs));

        var tuple = Output.Tuple(Output.Create("x"), Output.Create(7), Output.Create(true));
        Assert.Equal(("x", 7, true), await Value(tuple));

        var host = Output.Create("example.com");
        Assert.Equal("https://example.com:443/health", await Value(Output.Format($"https://{host}:{443}/health")));
    }

    [Fact]
    public async Task Unknown_values_stay_unknown_and_apply_callbacks_do_not_run()
    {
        var unknown = OutputUtilities.CreateUnknown("hidden");
        var ran = false;

        var applied = unknown.Apply(v =>
        {
            ran = true;
            return v.Length;
        });

        Assert.False(await OutputUtilities.GetIsKnownAsync(applied));
        Assert.False(ran);
        Assert.False(await OutputUtilities.GetIsKnownAsync(Output.All(Output.Create("known"), unknown)));
        Assert.False(await OutputUtilities.GetIsKnownAsync(Output.Format($"{unknown}!")));
        Assert.True(await OutputUtilities.GetIsKnownAsync(Output.Create("known")));
    }

    [Fact]
    public async Task Input_lists_and_maps_collect_plain_values_and_outputs()
    {
        var list = new InputList<string> { "a", Output.Create("b") };
        list.Add(new InputList<string> { "c" });
        Assert.Equal(new[] { "a", "b", "c" }, await Value(list.Concat(new InputList<string>()).Apply(x => x)));

        var map = new InputMap<string> { { "app", "shop" }, { "colour", Output.Create("blue") } };
        map["colour"] = "blue"; // the same value again is accepted
        var merged = InputMap<string>.Merge(map, new InputMap<string> { { "release", "v2" }, { "colour", "green" } });
        Assert.Equal(
            ImmutableDictionary<string, string>.Empty.Add("app", "shop").Add("colour", "green").Add("release", "v2"),
            await Value(merged.Apply(x => x)));
    }

    [Fact]
    public async Task An_input_maps_indexer_adds_and_never_overwrites_a_different_value()
    {
        var map = new InputMap<string> { { "colour", "blue" } };
        map["colour"] = "green";

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Value(map.Apply(x => x)));
        Assert.Contains("'colour'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outputs_of_a_resource_depend_on_it_and_keep_that_through_apply()
    {
        var mocks = new RecordingMocks(_ => new Dictionary<string, object> { ["arn"] = "arn:test" });
        Output<string>? derived = null;
        Widget? widget = null;

        await Deployment.TestAsync(mocks.Object, new TestOptions(), () =>
        {
            widget = new Widget("w");
            derived = widget.Arn.Apply(arn => arn.ToUpperInvariant());
        });

        Assert.Equal("ARN:TEST", await Value(derived!));
        var dependencies = await OutputUtilities.GetDependenciesAsync(derived!);
        Assert.Contains(widget!, dependencies);
    }

    [Fact]
    public async Task A_deferred_output_lets_a_resource_read_an_output_of_one_declared_after_it()
    {
        var mocks = new RecordingMocks(args => new Dictionary<string, object> { ["arn"] = $"arn:{args.Name}" });
        var deferred = new DeferredOutput<string>();

        await Deployment.TestAsync(mocks.Object, new TestOptions(), () =>
        {
            _ = new Widget("first", new WidgetArgs { Label = deferred.Output });
            var second = new Widget("second");
            deferred.Resolve(second.Arn);
            Assert.Throws<InvalidOperationException>(() => deferred.Resolve(second.Arn));
        });

        Assert.Equal("arn:second", mocks.Named("first").Inputs["label"]);
    }
}
