using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using BlueGreen.Stacks;
using Pulumi;
using Pulumi.Utilities;

namespace BlueGreen.Preview.Tests.ApplyOrder;

/// <summary>
/// The program's resources with what each waits for in an update, as the engine sees it: the explicit
/// <c>dependsOn</c> (a component stands for every custom resource under it) and the resources behind every output
/// the args carry (pulumi-dotnet serializes every input and records the resources of each output it awaits). Read
/// through a stack transformation, so nothing is taken from our own code's intentions.
/// </summary>
internal sealed class ApplyGraph
{
    private ApplyGraph(PreviewRun run, IReadOnlyDictionary<string, IReadOnlySet<string>> dependencies, IReadOnlyDictionary<string, ResourceOptions> options)
    {
        Run = run;
        Dependencies = dependencies;
        Options = options;
    }

    public PreviewRun Run { get; }

    /// <summary>For each custom resource (by URN), the custom resources (by URN) its create or update waits for.</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> Dependencies { get; }

    /// <summary>The options each resource (by URN) was registered with.</summary>
    public IReadOnlyDictionary<string, ResourceOptions> Options { get; }

    public PreviewResource Named(string name) => Run.Resources.Single(r => r.Name == name);

    /// <summary>The graph with one more edge (how a test puts back a dependency the program dropped).</summary>
    public ApplyGraph WithDependency(string dependent, string dependency)
    {
        var from = Named(dependent).Urn;
        var to = Named(dependency).Urn;
        var edges = Dependencies.ToDictionary(e => e.Key, e => e.Value);
        edges[from] = new HashSet<string>(edges.GetValueOrDefault(from) ?? new HashSet<string>()) { to };
        return new ApplyGraph(Run, edges, Options);
    }

    public static async Task<ApplyGraph> RunAsync(PreviewConfig config, DateTimeOffset? now = null)
    {
        var seen = new List<ResourceTransformationArgs>();
        var run = await PreviewRun.RunAsync(config, new StackRunHooks(now, seen.Add));

        var urns = new Dictionary<Resource, string>(ReferenceEqualityComparer.Instance);
        foreach (var args in seen)
        {
            urns[args.Resource] = await OutputUtilities.GetValueAsync(args.Resource.Urn);
        }

        var parents = seen.Where(a => a.Options.Parent is not null && urns.ContainsKey(a.Options.Parent))
            .ToDictionary(a => urns[a.Resource], a => urns[a.Options.Parent!]);
        var custom = seen.Where(a => a.Resource is CustomResource).Select(a => urns[a.Resource]).ToHashSet();

        IEnumerable<string> Expand(Resource resource)
        {
            if (!urns.TryGetValue(resource, out var urn))
            {
                return [];
            }

            return resource is CustomResource ? [urn] : custom.Where(c => IsUnder(c, urn));
        }

        bool IsUnder(string child, string ancestor)
        {
            for (var at = child; parents.TryGetValue(at, out var parent); at = parent)
            {
                if (parent == ancestor)
                {
                    return true;
                }
            }

            return false;
        }

        var dependencies = new Dictionary<string, IReadOnlySet<string>>();
        foreach (var args in seen.Where(a => a.Resource is CustomResource))
        {
            var on = new HashSet<Resource>(ReferenceEqualityComparer.Instance);
            foreach (var dependency in await OutputUtilities.GetValueAsync(args.Options.DependsOn.ToOutput()))
            {
                on.Add(dependency);
            }

            await DataDependencies.CollectAsync(args.Args, on);
            var urn = urns[args.Resource];
            dependencies[urn] = on.SelectMany(Expand).Where(d => d != urn).ToHashSet();
        }

        return new ApplyGraph(run, dependencies, seen.ToDictionary(a => urns[a.Resource], a => a.Options));
    }
}

/// <summary>The resources behind the outputs an args object carries, at any depth (lists, maps, nested args).</summary>
internal static class DataDependencies
{
    private static readonly MethodInfo ToOutput = typeof(InputExtensions).GetMethods()
        .Single(m => m.Name == nameof(InputExtensions.ToOutput) && m.IsGenericMethodDefinition);

    private static readonly MethodInfo Dependencies = typeof(OutputUtilities).GetMethod(nameof(OutputUtilities.GetDependenciesAsync))!;

    private static readonly MethodInfo Value = typeof(OutputUtilities).GetMethod(nameof(OutputUtilities.GetValueAsync))!;

    public static async Task CollectAsync(object? value, HashSet<Resource> into, int depth = 0)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || depth > 16)
        {
            return;
        }

        var type = value.GetType();
        if (Generic(type, typeof(Output<>)) is { } outputOf)
        {
            await FromOutputAsync(value, outputOf, into, depth);
        }
        else if (Generic(type, typeof(Input<>)) is { } inputOf)
        {
            await FromOutputAsync(ToOutput.MakeGenericMethod(inputOf).Invoke(null, [value])!, inputOf, into, depth);
        }
        else if (value is InputArgs)
        {
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0 && p.CanRead))
            {
                await CollectAsync(property.GetValue(value), into, depth + 1);
            }
        }
        else if (value is IEnumerable items)
        {
            foreach (var item in items)
            {
                var inner = item?.GetType() is { IsGenericType: true } t && t.GetGenericTypeDefinition() == typeof(KeyValuePair<,>)
                    ? t.GetProperty("Value")!.GetValue(item)
                    : item;
                await CollectAsync(inner, into, depth + 1);
            }
        }
    }

    private static async Task FromOutputAsync(object output, Type of, HashSet<Resource> into, int depth)
    {
        var dependencies = (Task)Dependencies.MakeGenericMethod(of).Invoke(null, [output])!;
        await dependencies;
        into.UnionWith((ImmutableHashSet<Resource>)dependencies.GetType().GetProperty("Result")!.GetValue(dependencies)!);
        var value = (Task)Value.MakeGenericMethod(of).Invoke(null, [output])!;
        await value;
        await CollectAsync(value.GetType().GetProperty("Result")!.GetValue(value), into, depth + 1);
    }

    private static Type? Generic(Type? type, Type definition)
    {
        for (; type is not null; type = type.BaseType)
        {
            if (type.IsGenericType && type.GetGenericTypeDefinition() == definition)
            {
                return type.GetGenericArguments()[0];
            }
        }

        return null;
    }
}
