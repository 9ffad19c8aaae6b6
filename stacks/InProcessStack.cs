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

    /// <summary>The hooks of the run under way (runs are serialized by <see cref="Gate"/>), or null outside one.</summary>
    private static StackRunHooks? _hooks;

    /// <summary>The time the program reads its config at: the run's <see cref="StackRunHooks.Now"/>, or the clock.</summary>
    internal static DateTimeOffset Now => _hooks?.Now ?? TimeProvider.System.GetUtcNow();

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
                _hooks?.Observe?.Invoke(args);
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
    /// options and dependencies).</param>
    /// <returns>Every resource the program registered, the stack included.</returns>
    public static Task<ImmutableArray<Resource>> RunAsync(
        IReadOnlyDictionary<string, string> config, IEnumerable<string> secretKeys, IMocks mocks, TestOptions options, CancellationToken cancellationToken = default,
        Action<ResourceTransformationArgs>? observe = null) =>
        RunAsync(config, secretKeys, mocks, options, new StackRunHooks(Observe: observe), cancellationToken);

    /// <summary>Runs the stack with <paramref name="config"/> and <paramref name="hooks"/> (a fixed time, an observer of
    /// every resource with its args and options).</summary>
    /// <param name="config">The config values as text.</param>
    /// <param name="secretKeys">Which of them are secrets.</param>
    /// <param name="mocks">The cloud's answers.</param>
    /// <param name="options">Project, stack and whether it is a preview.</param>
    /// <param name="hooks">The run's fixed time and observer.</param>
    /// <param name="cancellationToken">Stops waiting for another run to finish.</param>
    /// <returns>Every resource the program registered, the stack included.</returns>
    public static async Task<ImmutableArray<Resource>> RunAsync(
        IReadOnlyDictionary<string, string> config, IEnumerable<string> secretKeys, IMocks mocks, TestOptions options, StackRunHooks hooks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(secretKeys);
        ArgumentNullException.ThrowIfNull(hooks);
        await Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        var savedConfig = Environment.GetEnvironmentVariable("PULUMI_CONFIG");
        var savedSecrets = Environment.GetEnvironmentVariable("PULUMI_CONFIG_SECRET_KEYS");
        try
        {
            Environment.SetEnvironmentVariable("PULUMI_CONFIG", JsonSerializer.Serialize(config));
            Environment.SetEnvironmentVariable("PULUMI_CONFIG_SECRET_KEYS", JsonSerializer.Serialize(secretKeys.Order(StringComparer.Ordinal)));
            _hooks = hooks;
            return await Deployment.TestAsync<BlueGreenStack>(mocks, options).ConfigureAwait(false);
        }
        finally
        {
            Environment.SetEnvironmentVariable("PULUMI_CONFIG", savedConfig);
            Environment.SetEnvironmentVariable("PULUMI_CONFIG_SECRET_KEYS", savedSecrets);
            _hooks = null;
            Gate.Release();
        }
    }
}

/// <summary>What a test may fix or watch in an in-process run.</summary>
/// <param name="Now">The time the config is read at (null: the clock).</param>
/// <param name="Observe">Sees every resource the program registers, with its args and options.</param>
public sealed record StackRunHooks(DateTimeOffset? Now = null, Action<ResourceTransformationArgs>? Observe = null);
