using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Reflection;
using Pulumi;
using Pulumi.Utilities;

namespace BlueGreen.Preview;

/// <summary>
/// The resource options the engine acts on, as <c>pulumi preview --json</c> shows them in a step's new state:
/// <c>protect</c>, <c>retainOnDelete</c>, <c>deleteBeforeReplace</c>, <c>replaceOnChanges</c>, <c>ignoreChanges</c>
/// and <c>customTimeouts</c> (create, update, delete; null when not set).
/// </summary>
public sealed record PreviewOptions(
    bool Protect,
    bool RetainOnDelete,
    bool DeleteBeforeReplace,
    IReadOnlyList<string> ReplaceOnChanges,
    IReadOnlyList<string> IgnoreChanges,
    TimeSpan? CreateTimeout,
    TimeSpan? UpdateTimeout,
    TimeSpan? DeleteTimeout)
{
    public static PreviewOptions None { get; } = new(false, false, false, [], [], null, null, null);

    /// <summary>The timeouts as the engine's state records them (sdk/go/common/resource/custom_timeouts.go in
    /// pulumi/pulumi): seconds per operation, 0 when not set.</summary>
    public System.Text.Json.Nodes.JsonObject TimeoutsJson() => new()
    {
        ["create"] = CreateTimeout?.TotalSeconds ?? 0,
        ["update"] = UpdateTimeout?.TotalSeconds ?? 0,
        ["delete"] = DeleteTimeout?.TotalSeconds ?? 0,
    };
}

/// <summary>
/// What a resource transformation sees of each resource while the program runs (its args and options), turned
/// into what the engine would record after the run: the resource's dependencies by URN — its explicit
/// <c>DependsOn</c> and every resource an input's output comes from, nested args included — and its options.
/// Works on both SDKs: it uses only the official API (<c>OutputUtilities.GetDependenciesAsync</c>, <c>[Input]</c>).
/// </summary>
public sealed class PreviewRelations
{
    private readonly ConcurrentQueue<ResourceTransformationArgs> _seen = new();

    /// <summary>The observer to hand to the in-process run.</summary>
    public void Observe(ResourceTransformationArgs args) => _seen.Enqueue(args);

    /// <summary>Each observed resource's dependencies (sorted URNs, itself excluded) and options.</summary>
    public async Task<IReadOnlyDictionary<Resource, (IReadOnlyList<string> Dependencies, PreviewOptions Options)>> ResolveAsync()
    {
        var result = new Dictionary<Resource, (IReadOnlyList<string>, PreviewOptions)>(ReferenceEqualityComparer.Instance);
        foreach (var seen in _seen)
        {
            var resources = new HashSet<Resource>(ReferenceEqualityComparer.Instance);
            await foreach (var input in seen.Options.DependsOn)
            {
                if (await OutputUtilities.GetValueAsync<Resource>(input).ConfigureAwait(false) is { } resource)
                {
                    resources.Add(resource);
                }
            }

            await CollectAsync(seen.Args, resources, 0).ConfigureAwait(false);
            resources.Remove(seen.Resource);
            var urns = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var resource in resources)
            {
                urns.Add(await OutputUtilities.GetValueAsync(resource.Urn).ConfigureAwait(false));
            }

            result[seen.Resource] = ([.. urns], OptionsOf(seen.Options));
        }

        return result;
    }

    private static PreviewOptions OptionsOf(ResourceOptions options) => new(
        options.Protect ?? false,
        options.RetainOnDelete ?? false,
        options is CustomResourceOptions custom && (custom.DeleteBeforeReplace ?? false),
        [.. options.ReplaceOnChanges],
        [.. options.IgnoreChanges],
        options.CustomTimeouts?.Create,
        options.CustomTimeouts?.Update,
        options.CustomTimeouts?.Delete);

    private static readonly MethodInfo DependenciesOfMethod =
        typeof(PreviewRelations).GetMethod(nameof(DependenciesOfAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>The resources behind every <c>[Input]</c> member of an args object, recursively.</summary>
    private static async Task CollectAsync(object? args, HashSet<Resource> into, int depth)
    {
        if (args is null || depth > 16)
        {
            return;
        }

        const BindingFlags all = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
        var type = args.GetType();
        var members = type.GetProperties(all).Where(p => p.GetCustomAttribute<InputAttribute>() is not null && p.GetIndexParameters().Length == 0)
            .Select(p => p.GetValue(args))
            .Concat(type.GetFields(all).Where(f => f.GetCustomAttribute<InputAttribute>() is not null).Select(f => f.GetValue(args)));
        foreach (var value in members.ToList())
        {
            await CollectValueAsync(value, into, depth).ConfigureAwait(false);
        }
    }

    private static async Task CollectValueAsync(object? value, HashSet<Resource> into, int depth)
    {
        if (value is null || InputTypeOf(value.GetType()) is not { } valueType)
        {
            return;
        }

        var task = (Task<(ImmutableHashSet<Resource>, object?)>)DependenciesOfMethod.MakeGenericMethod(valueType).Invoke(null, [value])!;
        var (resources, resolved) = await task.ConfigureAwait(false);
        into.UnionWith(resources);
        foreach (var item in Nested(resolved))
        {
            if (item is InputArgs)
            {
                await CollectAsync(item, into, depth + 1).ConfigureAwait(false);
            }
            else
            {
                await CollectValueAsync(item, into, depth + 1).ConfigureAwait(false);
            }
        }
    }

    /// <summary>What a resolved input holds that may carry outputs of its own: list items, map values, nested args.</summary>
    private static IEnumerable<object?> Nested(object? resolved) => resolved switch
    {
        InputArgs args => [args],
        string => [],
        System.Collections.IDictionary map => map.Values.Cast<object?>(),
        System.Collections.IEnumerable list => list.Cast<object?>(),
        _ => [],
    };

    /// <summary>The <c>T</c> of an <c>Input&lt;T&gt;</c> (InputList and InputMap are inputs too), or null.</summary>
    private static Type? InputTypeOf(Type? type)
    {
        for (; type is not null; type = type.BaseType)
        {
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Input<>))
            {
                return type.GetGenericArguments()[0];
            }
        }

        return null;
    }

    private static async Task<(ImmutableHashSet<Resource>, object?)> DependenciesOfAsync<T>(Input<T> input)
    {
        Output<T> output = input;
        var resources = await OutputUtilities.GetDependenciesAsync(output).ConfigureAwait(false);
        var known = await OutputUtilities.GetIsKnownAsync(output).ConfigureAwait(false);
        return (resources, known ? await OutputUtilities.GetValueAsync(output).ConfigureAwait(false) : null);
    }
}
