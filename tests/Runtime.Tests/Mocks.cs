using System.Collections.Concurrent;
using System.Collections.Immutable;
using Moq;
using Pulumi.Testing;

namespace Runtime.Tests;

/// <summary>A Moq'd IMocks that echoes inputs as state (plus extra outputs) and records every call.</summary>
public sealed class RecordingMocks
{
    public RecordingMocks(Func<MockResourceArgs, IDictionary<string, object>>? extraState = null)
    {
        Mock.Setup(m => m.NewResourceAsync(It.IsAny<MockResourceArgs>()))
            .ReturnsAsync((MockResourceArgs args) =>
            {
                Resources.Enqueue(args);
                var state = args.Inputs.ToBuilder();
                foreach (var (key, value) in extraState?.Invoke(args) ?? new Dictionary<string, object>())
                {
                    state[key] = value;
                }

                return (args.Name + "_id", (object)state.ToImmutable());
            });
        Mock.Setup(m => m.CallAsync(It.IsAny<MockCallArgs>()))
            .ReturnsAsync((MockCallArgs args) =>
            {
                Calls.Enqueue(args);
                return (object)ImmutableDictionary<string, object>.Empty.Add("echo", args.Token ?? "");
            });
        Mock.Setup(m => m.RegisterResourceOutputs(It.IsAny<MockRegisterResourceOutputsRequest>()))
            .Returns((MockRegisterResourceOutputsRequest request) =>
            {
                RegisteredOutputs.Enqueue(request);
                return Task.CompletedTask;
            });
    }

    public Mock<IMocks> Mock { get; } = new(MockBehavior.Strict);

    public IMocks Object => Mock.Object;

    public ConcurrentQueue<MockResourceArgs> Resources { get; } = new();

    public ConcurrentQueue<MockCallArgs> Calls { get; } = new();

    public ConcurrentQueue<MockRegisterResourceOutputsRequest> RegisteredOutputs { get; } = new();

    public MockResourceArgs Named(string name) => Resources.Single(r => r.Name == name);
}
