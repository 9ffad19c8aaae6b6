using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Pulumi.Testing;

namespace Pulumi.Runtime
{
    /// <summary>Provider functions (invokes), answered by the mocks.</summary>
    internal sealed partial class Engine
    {
        public Task<T> InvokeAsync<T>(string token, InvokeArgs args, InvokeOptions? options)
            => InvokeCoreAsync<T>(token, args, options, skipWhenUnknown: false).ContinueWith(
                t => t.Result.Value, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        public Output<T> Invoke<T>(string token, InvokeArgs args, InvokeOptions? options)
            => new(InvokeCoreAsync<T>(token, args, options, skipWhenUnknown: true));

        private async Task<OutputData<T>> InvokeCoreAsync<T>(string token, InvokeArgs args, InvokeOptions? options, bool skipWhenUnknown)
        {
            var serialized = await PropertySerializer.SerializeArgsAsync(token, args).ConfigureAwait(false);
            var isSecret = PropertySerializer.ContainsSecret(serialized);
            if (skipWhenUnknown && PropertySerializer.ContainsUnknown(serialized))
            {
                return OutputData<T>.Unknown(isSecret, ImmutableHashSet<Resource>.Empty);
            }

            var package = token.Split(':')[0];
            var provider = options?.Provider ?? options?.Parent?.Registration.Providers.GetValueOrDefault(package);
            var result = await _mocks.CallAsync(new MockCallArgs
            {
                Token = token,
                Args = PropertySerializer.ToMockDictionary(serialized),
                Provider = provider is null ? "" : await ProviderReferenceAsync(provider).ConfigureAwait(false),
            }).ConfigureAwait(false);
            var state = await SerializeStateAsync($"result of {token}", result).ConfigureAwait(false);
            var value = (T)PropertyConverter.Convert(token, PropertySerializer.Unwrap(state), typeof(T))!;
            return new OutputData<T>(value, !PropertySerializer.ContainsUnknown(state), isSecret || PropertySerializer.ContainsSecret(state), ImmutableHashSet<Resource>.Empty);
        }
    }
}
