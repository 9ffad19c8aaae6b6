using System;
using System.Collections.Immutable;
using System.Threading.Tasks;

namespace Pulumi.Runtime
{
    /// <summary>The pending value of one output property of a resource, resolved when the resource registers.</summary>
    internal interface IOutputCompletionSource
    {
        Type TargetType { get; }

        object UntypedOutput { get; }

        void SetValue(object? value, bool isKnown, bool isSecret);

        void SetException(Exception exception);
    }

    internal static class OutputCompletionSource
    {
        public static IOutputCompletionSource Create(Type valueType, Resource resource)
            => (IOutputCompletionSource)Activator.CreateInstance(typeof(OutputCompletionSource<>).MakeGenericType(valueType), resource)!;
    }

    internal sealed class OutputCompletionSource<T> : IOutputCompletionSource
    {
        private readonly TaskCompletionSource<OutputData<T>> _source = new();
        private readonly ImmutableHashSet<Resource> _resources;

        public OutputCompletionSource(Resource resource)
        {
            _resources = ImmutableHashSet.Create(resource);
            Output = new Output<T>(_source.Task);
        }

        public Output<T> Output { get; }

        public Type TargetType => typeof(T);

        public object UntypedOutput => Output;

        public void SetValue(object? value, bool isKnown, bool isSecret)
            => _source.TrySetResult(new OutputData<T>(value is null ? default! : (T)value, isKnown, isSecret, _resources));

        public void SetException(Exception exception) => _source.TrySetException(exception);
    }
}
