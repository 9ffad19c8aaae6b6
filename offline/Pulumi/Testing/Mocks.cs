using System.Collections.Immutable;
using System.Threading.Tasks;

namespace Pulumi.Testing
{
    /// <summary>Test doubles for the engine: what a program's resources and calls return in a test run.</summary>
    public interface IMocks
    {
        /// <summary>Called for every resource the program registers (components too); returns its ID and state.</summary>
        Task<(string? id, object state)> NewResourceAsync(MockResourceArgs args);

        /// <summary>Called for every provider function the program invokes.</summary>
        Task<object> CallAsync(MockCallArgs args);

        /// <summary>Called when a component (the stack included) registers its outputs.</summary>
        Task RegisterResourceOutputs(MockRegisterResourceOutputsRequest args) => Task.CompletedTask;
    }

    /// <summary>A resource as the mocks see it.</summary>
    public class MockResourceArgs
    {
        public string? Type { get; set; }

        public string? Name { get; set; }

        /// <summary>The known, non-null inputs by wire name: numbers as double, lists as ImmutableArray&lt;object&gt;, maps as ImmutableDictionary&lt;string, object&gt;.</summary>
        public ImmutableDictionary<string, object> Inputs { get; set; } = null!;

        /// <summary>The provider reference (<c>urn::id</c>), or "" for the default provider.</summary>
        public string? Provider { get; set; }

        /// <summary>The ID to import, or "".</summary>
        public string? Id { get; set; }
    }

    /// <summary>A provider function call as the mocks see it.</summary>
    public class MockCallArgs
    {
        public string? Token { get; set; }

        public ImmutableDictionary<string, object> Args { get; set; } = null!;

        public string? Provider { get; set; }
    }

    /// <summary>The outputs a component registered.</summary>
    public class MockRegisterResourceOutputsRequest
    {
        public readonly string Urn;

        public readonly ImmutableDictionary<string, Output<object?>> Outputs;

        public MockRegisterResourceOutputsRequest(string urn, ImmutableDictionary<string, Output<object?>> outputs)
        {
            Urn = urn;
            Outputs = outputs;
        }
    }

    /// <summary>Settings of a test run.</summary>
    public class TestOptions
    {
        /// <summary>The project name; "project" when not set.</summary>
        public string? ProjectName { get; set; }

        /// <summary>The stack name; "stack" when not set.</summary>
        public string? StackName { get; set; }

        public string? OrganizationName { get; set; }

        public string? RootDirectory { get; set; }

        /// <summary>Whether the run is a preview (the default): outputs the mocks do not return stay unknown.</summary>
        public bool? IsPreview { get; set; }
    }

    /// <summary>Mocks that echo every resource's inputs as its state and return nothing for calls.</summary>
    public class EmptyMocks : IMocks
    {
        public Task<(string? id, object state)> NewResourceAsync(MockResourceArgs args)
            => Task.FromResult<(string?, object)>((args.Name + "_id", args.Inputs));

        public Task<object> CallAsync(MockCallArgs args)
            => Task.FromResult<object>(args.Args);
    }
}
