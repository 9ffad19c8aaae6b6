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

    /// <summary>The hooks of the run under way (runs are serialized), or null outside a run or with none.</summary>
    private static StackRunHooks? _hooks;

    /// <summary>The time the program reads its config at: the run's <see cref="StackRunHooks.Now"/>, or the clock.</summary>
    internal static DateTimeOffset Now => _hooks?.Now ?? TimeProvider.System.GetUtcNow();

    /// <summary>The stack's options: a transformation that shows every resource to <see cref="StackRunHooks.Observe"/>.</summary>
    internal static StackOptions? StackOptions()
    {
        if (_hooks?.Observe is not { } observe)
        {
            return null;
        }

        var options = new StackOptions();
        options.ResourceTransformations.Add(args =>
        {
            observe(args);
            return null;
        });
        return options;
    }

    /// <summary>Runs the stack with <paramref name="config"/> and <paramref name="hooks"/> (a fixed time, an observer of
    /// every resource with its args and options).</summary>
    public static async Task<ImmutableArray<Resource>> RunAsync(
        IReadOnlyDictionary<string, string> config, IEnumerable<string> secretKeys, IMocks mocks, TestOptions options, StackRunHooks hooks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hooks);
        await Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _hooks = hooks;
            return await RunGatedAsync(config, secretKeys, mocks, options).ConfigureAwait(false);
        }
        finally
        {
            _hooks = null;
            Gate.Release();
        }
    }

    /// <summary>Runs the stack with <paramref name="config"/> (full keys, e.g. <c>bluegreen:ramp.step</c> and
    /// <c>aws:region</c>) against <paramref name="mocks"/>.</summary>
    /// <param name="config">The config values as text.</param>
    /// <param name="secretKeys">Which of them are secrets.</param>
    /// <param name="mocks">The cloud's answers.</param>
    /// <param name="options">Project, stack and whether it is a preview.</param>
    /// <param name="cancellationToken">Stops waiting for another run to finish.</param>
    /// <returns>Every resource the program registered, the stack included.</returns>
    public static async Task<ImmutableArray<Resource>> RunAsync(
        IReadOnlyDictionary<string, string> config, IEnumerable<string> secretKeys, IMocks mocks, TestOptions options, CancellationToken cancellationToken = default)
    {
        await Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await RunGatedAsync(config, secretKeys, mocks, options).ConfigureAwait(false);
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<ImmutableArray<Resource>> RunGatedAsync(
        IReadOnlyDictionary<string, string> config, IEnumerable<string> secretKeys, IMocks mocks, TestOptions options)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(secretKeys);
        var savedConfig = Environment.GetEnvironmentVariable("PULUMI_CONFIG");
        var savedSecrets = Environment.GetEnvironmentVariable("PULUMI_CONFIG_SECRET_KEYS");
        try
        {
            Environment.SetEnvironmentVariable("PULUMI_CONFIG", JsonSerializer.Serialize(config));
            Environment.SetEnvironmentVariable("PULUMI_CONFIG_SECRET_KEYS", JsonSerializer.Serialize(secretKeys.Order(StringComparer.Ordinal)));
            return await Deployment.TestAsync<BlueGreenStack>(mocks, options).ConfigureAwait(false);
        }
        finally
        {
            Environment.SetEnvironmentVariable("PULUMI_CONFIG", savedConfig);
            Environment.SetEnvironmentVariable("PULUMI_CONFIG_SECRET_KEYS", savedSecrets);
        }
    }
}

/// <summary>What a test may fix or watch in an in-process run.</summary>
/// <param name="Now">The time the config is read at (null: the clock).</param>
/// <param name="Observe">Sees every resource the program registers, with its args and options.</param>
public sealed record StackRunHooks(DateTimeOffset? Now = null, Action<ResourceTransformationArgs>? Observe = null);
