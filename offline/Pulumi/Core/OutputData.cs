using System.Collections.Immutable;
using System.Threading.Tasks;

namespace Pulumi
{
    /// <summary>The resolved state of an output: its value, whether it is known and secret, and the resources it depends on.</summary>
    internal readonly record struct OutputData<T>(T Value, bool IsKnown, bool IsSecret, ImmutableHashSet<Resource> Resources)
    {
        public static OutputData<T> Known(T value) => new(value, true, false, ImmutableHashSet<Resource>.Empty);

        public static OutputData<T> Unknown(bool isSecret, ImmutableHashSet<Resource> resources) => new(default!, false, isSecret, resources);
    }

    /// <summary>Non-generic access to an output, for serialization and combinators.</summary>
    internal interface IOutput
    {
        Task<OutputData<object?>> GetDataAsync();
    }

    /// <summary>Non-generic access to an input.</summary>
    internal interface IInput
    {
        IOutput ToUntypedOutput();
    }
}
