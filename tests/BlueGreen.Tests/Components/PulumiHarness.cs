using System.Collections.Concurrent;
using System.Collections.Immutable;
using Moq;
using Pulumi;
using Pulumi.Testing;

namespace BlueGreen.Tests.Components;

/// <summary>
/// Runs a program in Pulumi's test mode with Moq mocks: every resource's state is its inputs plus the
/// computed outputs the components read (ARNs, ARN suffixes, DNS names, random hex), and every option a
/// child resource is created with is recorded through a resource transformation.
/// </summary>
internal sealed class PulumiHarness
{
    private readonly ConcurrentQueue<MockResourceArgs> _resources = new();
    private readonly ConcurrentDictionary<string, ResourceOptions> _options = new();

    public PulumiHarness()
    {
        Mocks = new Mock<IMocks>();
        Mocks.Setup(m => m.NewResourceAsync(It.IsAny<MockResourceArgs>()))
            .ReturnsAsync((MockResourceArgs args) =>
            {
                _resources.Enqueue(args);
                return (args.Name + "_id", (object)StateOf(args));
            });
        Mocks.Setup(m => m.CallAsync(It.IsAny<MockCallArgs>()))
            .ReturnsAsync((object)ImmutableDictionary<string, object>.Empty);
    }

    public Mock<IMocks> Mocks { get; }

    /// <summary>Every resource registered, components included.</summary>
    public IReadOnlyList<MockResourceArgs> Resources => [.. _resources];

    /// <summary>Options for a component under test: records each child's options by logical name.</summary>
    public ComponentResourceOptions RecordingOptions() => new()
    {
        ResourceTransformations =
        {
            args =>
            {
                _options[args.Resource.GetResourceName()] = args.Options;
                return null;
            },
        },
    };

    /// <summary>The options the child <paramref name="name"/> was created with.</summary>
    public ResourceOptions OptionsOf(string name) =>
        _options.TryGetValue(name, out var options) ? options : throw new KeyNotFoundException($"No resource named '{name}' was recorded.");

    public Task<ImmutableArray<Resource>> RunAsync(Action createResources, bool preview = true) =>
        Deployment.TestAsync(Mocks.Object, new TestOptions { IsPreview = preview }, createResources);

    /// <summary>A resource to depend on (a stand-in for a snapshot, a Job, ...), registered as a database snapshot.</summary>
    public static Resource Dependency(string name) => new Pulumi.Aws.Rds.ClusterSnapshot(name, new Pulumi.Aws.Rds.ClusterSnapshotArgs
    {
        DbClusterIdentifier = "orders",
        DbClusterSnapshotIdentifier = name,
    });

    /// <summary>The one resource named <paramref name="name"/>.</summary>
    public MockResourceArgs Named(string name) => Resources.Single(r => r.Name == name);

    /// <summary>The resources of a type token (e.g. <c>aws:cloudwatch/metricAlarm:MetricAlarm</c>).</summary>
    public IReadOnlyList<MockResourceArgs> OfType(string type) => [.. Resources.Where(r => r.Type == type)];

    public static ImmutableDictionary<string, object> StateOf(MockResourceArgs args)
    {
        var state = args.Inputs;
        var name = args.Name ?? "";
        if (args.Type?.StartsWith("aws:", StringComparison.Ordinal) == true)
        {
            state = state.SetItem("arn", $"arn:aws:test:eu-west-1:123456789012:{name}");
        }

        state = args.Type switch
        {
            "aws:lb/targetGroup:TargetGroup" => state
                .SetItem("arn", $"arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/{name}/0123456789abcdef")
                .SetItem("arnSuffix", $"targetgroup/{name}/0123456789abcdef"),
            "aws:lb/loadBalancer:LoadBalancer" => state
                .SetItem("arnSuffix", $"app/{name}/fedcba9876543210")
                .SetItem("dnsName", $"{name}.eu-west-1.elb.amazonaws.com")
                .SetItem("zoneId", "Z32O12XQLNTSW2"),
            "aws:s3/bucket:Bucket" => state.SetItem("bucket", $"{name}-bucket"),
            "aws:kms/key:Key" => state.SetItem("keyId", $"{name}-key-id"),
            "random:index/randomId:RandomId" => state.SetItem("hex", "0a1b2c3d"),
            _ => state,
        };
        return state;
    }
}

/// <summary>Reading mock inputs by wire name.</summary>
internal static class InputPaths
{
    /// <summary>The value at a path of wire names and list indexes, e.g. <c>"spec", "template", "spec", "containers", 0</c>.</summary>
    public static object? At(this ImmutableDictionary<string, object> inputs, params object[] path)
    {
        object? current = inputs;
        foreach (var step in path)
        {
            current = (current, step) switch
            {
                (ImmutableDictionary<string, object> map, string key) => map.TryGetValue(key, out var value) ? value : null,
                (ImmutableArray<object> list, int index) => index < list.Length ? list[index] : null,
                _ => null,
            };
            if (current is null)
            {
                return null;
            }
        }

        return current;
    }

    public static ImmutableDictionary<string, object> Map(this ImmutableDictionary<string, object> inputs, params object[] path) =>
        inputs.At(path) as ImmutableDictionary<string, object>
        ?? throw new InvalidOperationException($"No map at {string.Join("/", path)}.");

    public static ImmutableArray<object> List(this ImmutableDictionary<string, object> inputs, params object[] path) =>
        inputs.At(path) is ImmutableArray<object> list ? list : throw new InvalidOperationException($"No list at {string.Join("/", path)}.");
}
