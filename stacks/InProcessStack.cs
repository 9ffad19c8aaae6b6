using System.Collections.Immutable;
using System.Text.Json;
using Pulumi;
using Pulumi.Testing;

namespace BlueGreen.Stacks;

/// <summary>
/// The one way to run <see cref="BlueGreenStack"/> in-process (Pulumi's test mode) with a given config: the
/// offline preview and the stack tests both use it. The config reaches the program the way the Pulumi CLI
/// hands it over, through the <c>PULUMI_CONFIG</c> and <c>PULUMI_CONFIG_SECRET_KEYS</c> environment
/// variables; as those are process-wide, runs are serialized and the variables restored after each.
/// </summary>
public static class InProcessStack
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>The observer of the run under way (runs are serialized by <see cref="Gate"/>); null outside one.</summary>
    private static Action<ResourceTransformationArgs>? _observer;

    /// <summary>
    /// The stack's options: one resource transformation (official <c>StackOptions.ResourceTransformations</c>, which
    /// every resource of the stack passes through) that hands each resource's args and options to the observer of
    /// an in-process run and changes nothing (it returns null); in a real deployment there is no observer.
    /// </summary>
    internal static StackOptions ObservingOptions() => new()
    {
        ResourceTransformations =
        {
            args =>
            {
                _observer?.Invoke(args);
                return null;
            },
        },
    };

    /// <summary>Runs the stack with <paramref name="config"/> (full keys, e.g. <c>bluegreen:ramp.step</c> and
    /// <c>aws:region</c>) against <paramref name="mocks"/>.</summary>
    /// <param name="config">The config values as text.</param>
    /// <param name="secretKeys">Which of them are secrets.</param>
    /// <param name="mocks">The cloud's answers.</param>
    /// <param name="options">Project, stack and whether it is a preview.</param>
    /// <param name="cancellationToken">Stops waiting for another run to finish.</param>
    /// <param name="observe">Sees every resource's args and options as it is declared (what the mocks do not:
    /// <c>DependsOn</c>, <c>Protect</c>, <c>ReplaceOnChanges</c>, …), through a stack-level resource transformation.</param>
    /// <returns>Every resource the program registered, the stack included.</returns>
    public static async Task<ImmutableArray<Resource>> RunAsync(
        IReadOnlyDictionary<string, string> config, IEnumerable<string> secretKeys, IMocks mocks, TestOptions options, CancellationToken cancellationToken = default,
        Action<ResourceTransformationArgs>? observe = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(secretKeys);
        await Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        var savedConfig = Environment.GetEnvironmentVariable("PULUMI_CONFIG");
        var savedSecrets = Environment.GetEnvironmentVariable("PULUMI_CONFIG_SECRET_KEYS");
        try
        {
            Environment.SetEnvironmentVariable("PULUMI_CONFIG", JsonSerializer.Serialize(config));
            Environment.SetEnvironmentVariable("PULUMI_CONFIG_SECRET_KEYS", JsonSerializer.Serialize(secretKeys.Order(StringComparer.Ordinal)));
            _observer = observe;
            return await Deployment.TestAsync<BlueGreenStack>(mocks, options).ConfigureAwait(false);
        }
        finally
        {
            Environment.SetEnvironmentVariable("PULUMI_CONFIG", savedConfig);
            Environment.SetEnvironmentVariable("PULUMI_CONFIG_SECRET_KEYS", savedSecrets);
            _observer = null;
            Gate.Release();
        }
    }
}
