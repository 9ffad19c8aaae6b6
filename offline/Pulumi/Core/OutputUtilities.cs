using System;
using System.Collections.Immutable;
using System.Threading.Tasks;

namespace Pulumi.Utilities
{
    /// <summary>Reads what an output holds, for tests and tools.</summary>
    public static class OutputUtilities
    {
        /// <summary>The value, or default when it is unknown.</summary>
        public static async Task<T> GetValueAsync<T>(Output<T> output)
            => (await output.DataTask.ConfigureAwait(false)).Value;

        public static async Task<bool> GetIsKnownAsync<T>(Output<T> output)
            => (await output.DataTask.ConfigureAwait(false)).IsKnown;

        public static async Task<ImmutableHashSet<Resource>> GetDependenciesAsync<T>(Output<T> output)
            => (await output.DataTask.ConfigureAwait(false)).Resources;

        /// <summary>An unknown output that still carries <paramref name="value"/> for <see cref="GetValueAsync{T}"/>.</summary>
        public static Output<T> CreateUnknown<T>(T value) => CreateUnknown(() => Task.FromResult(value));

        public static Output<T> CreateUnknown<T>(Func<Task<T>> valueFactory)
            => new(CreateUnknownAsync(valueFactory));

        public static Output<T> WithDependency<T>(Output<T> output, Resource resource)
            => new(WithDependencyAsync(output, resource));

        private static async Task<OutputData<T>> CreateUnknownAsync<T>(Func<Task<T>> valueFactory)
            => OutputData<T>.Known(await valueFactory().ConfigureAwait(false)) with { IsKnown = false };

        private static async Task<OutputData<T>> WithDependencyAsync<T>(Output<T> output, Resource resource)
        {
            var data = await output.DataTask.ConfigureAwait(false);
            return data with { Resources = data.Resources.Add(resource) };
        }
    }
}
