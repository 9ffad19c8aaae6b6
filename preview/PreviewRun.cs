using System.Collections.Immutable;
using System.Reflection;
using System.Text.Json.Nodes;
using BlueGreen.Release;
using BlueGreen.Stacks;
using Pulumi;
using Pulumi.Testing;
using Pulumi.Utilities;

namespace BlueGreen.Preview;

/// <summary>One resource of a preview run, as the program declared it.</summary>
/// <param name="Urn">Its URN (as Pulumi's test mode forms it).</param>
/// <param name="Type">Its type token, e.g. <c>aws:lb/listener:Listener</c>.</param>
/// <param name="Name">Its logical name.</param>
/// <param name="Parent">The URN of the first-level component it belongs to, derived from the names
/// (children are named <c>&lt;component&gt;-…</c>); null for what the stack itself declares.</param>
/// <param name="Provider">The URN of its explicit provider, or null for the default provider.</param>
/// <param name="IsCustom">False for a component (which has no cloud state of its own).</param>
/// <param name="Inputs">Its inputs by wire name, secrets shown as <see cref="PreviewValues.SecretMarker"/>.</param>
public sealed record PreviewResource(string Urn, string Type, string Name, string? Parent, string? Provider, bool IsCustom, JsonObject Inputs)
{
    /// <summary>The URNs it depends on, sorted: its explicit <c>DependsOn</c> and the resources its inputs come from.</summary>
    public IReadOnlyList<string> Dependencies { get; init; } = [];

    /// <summary>Its resource options (<see cref="PreviewOptions"/>).</summary>
    public PreviewOptions Options { get; init; } = PreviewOptions.None;

    /// <summary>Fingerprints of the masked values by path: two different secrets compare unequal without being kept.</summary>
    internal IReadOnlyDictionary<string, string> SecretFingerprints { get; init; } = new Dictionary<string, string>();
}

/// <summary>A stack output of a preview run.</summary>
/// <param name="Name">The output's name (<see cref="StackContract.Outputs"/>).</param>
/// <param name="Value">Its value; <see cref="PreviewValues.SecretMarker"/> when secret; null when null or unknown.</param>
/// <param name="IsSecret">Whether the program marked it secret.</param>
/// <param name="IsKnown">Whether its value is known in a preview.</param>
public sealed record PreviewOutput(string Name, JsonNode? Value, bool IsSecret, bool IsKnown)
{
    internal string? Fingerprint { get; init; }
}

/// <summary>Where the ramp stands in a run: the step, the weights the listener forwards with, and the schedule.</summary>
public sealed record RampPosition(int Step, int BlueWeight, int GreenWeight, Colour Live, IReadOnlyList<int> Schedule)
{
    /// <summary>The colour being ramped up (the one not live).</summary>
    public Colour NewColour => Live.Other();

    /// <summary>The percentage of traffic the new colour gets.</summary>
    public int PercentToNew => NewColour == Colour.Blue ? BlueWeight : GreenWeight;
}

/// <summary>
/// The program evaluated in-process for one stack config, in Pulumi's test mode (<c>IsPreview = true</c>)
/// with <see cref="PreviewMocks"/>: every resource with its inputs, the stack outputs and the ramp position.
/// Runs are serialized: the config reaches the program through process-wide environment variables,
/// which are restored after each run.
/// </summary>
public sealed class PreviewRun
{
    /// <summary>The Pulumi project (Pulumi.yaml).</summary>
    public const string ProjectName = StackContract.Project;

    private PreviewRun(PreviewConfig config, IReadOnlyList<PreviewResource> resources, IReadOnlyDictionary<string, PreviewOutput> outputs, RampPosition ramp)
    {
        Config = config;
        Resources = resources;
        Outputs = outputs;
        Ramp = ramp;
    }

    public string Project => ProjectName;

    public string Stack => Config.Stack;

    public PreviewConfig Config { get; }

    /// <summary>Every resource (components and providers included, the stack not), in tree order: the same on every run.</summary>
    public IReadOnlyList<PreviewResource> Resources { get; }

    /// <summary>The stack outputs by name, sorted.</summary>
    public IReadOnlyDictionary<string, PreviewOutput> Outputs { get; }

    public RampPosition Ramp { get; }

    /// <summary>Runs <c>Pulumi.&lt;stack&gt;.yaml</c> of <paramref name="repoRoot"/> with <paramref name="overrides"/>
    /// (bare keys are <c>bluegreen:</c> keys; a null value removes the key).</summary>
    public static Task<PreviewRun> RunAsync(string repoRoot, string stack, IReadOnlyDictionary<string, string?>? overrides = null, CancellationToken cancellationToken = default)
    {
        var config = PreviewConfig.Load(repoRoot, stack);
        return RunAsync(overrides is null ? config : config.With(overrides), cancellationToken);
    }

    /// <summary>Runs the program with <paramref name="config"/>.</summary>
    /// <exception cref="PreviewException">The program failed (e.g. the config is invalid); the message says why.</exception>
    public static Task<PreviewRun> RunAsync(PreviewConfig config, CancellationToken cancellationToken = default) =>
        RunAsync(config, new StackRunHooks(), cancellationToken);

    /// <summary>Runs the program with <paramref name="config"/> and <paramref name="hooks"/> (a fixed time, an observer).</summary>
    /// <exception cref="PreviewException">The program failed (e.g. the config is invalid); the message says why.</exception>
    public static async Task<PreviewRun> RunAsync(PreviewConfig config, StackRunHooks hooks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        var mocks = new PreviewMocks(config.Values.GetValueOrDefault("aws:region") ?? "us-east-1");
        var options = new TestOptions { ProjectName = ProjectName, StackName = config.Stack, IsPreview = true };

        ImmutableArray<Resource> resources;
        var relations = new PreviewRelations();
        try
        {
            var observe = hooks.Observe is { } theirs ? args => { relations.Observe(args); theirs(args); } : (Action<ResourceTransformationArgs>)relations.Observe;
            resources = await InProcessStack.RunAsync(config.Values, config.SecretKeys, mocks, options, hooks with { Observe = observe }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new PreviewException($"{config.Stack}: the program failed: {WithoutStackTrace(e.Message)}", e);
        }

        return await CollectAsync(config, mocks, resources, await relations.ResolveAsync().ConfigureAwait(false)).ConfigureAwait(false);
    }

    private static async Task<PreviewRun> CollectAsync(
        PreviewConfig config, PreviewMocks mocks, ImmutableArray<Resource> resources,
        IReadOnlyDictionary<Resource, (IReadOnlyList<string> Dependencies, PreviewOptions Options)> relations)
    {
        var secretValues = config.SecretValues.Concat(mocks.GeneratedSecrets).ToList();
        var stack = resources.OfType<BlueGreenStack>().Single();
        var byKey = new Dictionary<(string Type, string Name), Resource>();
        foreach (var resource in resources.Where(r => r is not Pulumi.Stack))
        {
            byKey[(resource.GetResourceType(), resource.GetResourceName())] = resource;
        }

        var urns = new Dictionary<Resource, string>(ReferenceEqualityComparer.Instance);
        foreach (var resource in byKey.Values)
        {
            urns[resource] = await OutputUtilities.GetValueAsync(resource.Urn).ConfigureAwait(false);
        }

        // First-level components by name, longest first: a child is named "<component>-…".
        var components = byKey.Values.OfType<ComponentResource>()
            .Select(c => (Prefix: c.GetResourceName() + "-", Urn: urns[c]))
            .OrderByDescending(c => c.Prefix.Length)
            .ToList();

        var recorded = new List<PreviewResource>();
        var seen = new HashSet<(string, string)>();
        foreach (var args in mocks.Registered)
        {
            var key = (args.Type ?? "", args.Name ?? "");
            if (!byKey.TryGetValue(key, out var resource) || !seen.Add(key))
            {
                continue;
            }

            var secretProperties = await SecretOutputsOfAsync(resource).ConfigureAwait(false);
            var fingerprints = new Dictionary<string, string>(StringComparer.Ordinal);
            var inputs = PreviewValues.Mask(PreviewValues.ToObject(args.Inputs), secretValues, secretProperties, fingerprints);
            var parent = components.FirstOrDefault(c => key.Item2.StartsWith(c.Prefix, StringComparison.Ordinal)).Urn;
            var (dependencies, resourceOptions) = relations.TryGetValue(resource, out var r) ? r : ([], PreviewOptions.None);
            recorded.Add(new PreviewResource(urns[resource], key.Item1, key.Item2, parent, ProviderUrn(args.Provider), resource is CustomResource, inputs)
            {
                SecretFingerprints = fingerprints,
                Dependencies = dependencies,
                Options = resourceOptions,
            });
        }

        var outputs = await OutputsOfAsync(stack, secretValues).ConfigureAwait(false);
        return new PreviewRun(config, InTreeOrder(recorded), outputs, RampOf(config, outputs));
    }

    /// <summary>
    /// A failure as a person reads it: the runtime's message names the exception and its cause, then
    /// repeats the stack trace ("   at …" lines), which is for the program's authors, not the operator.
    /// </summary>
    internal static string WithoutStackTrace(string message) => string.Join(
        '\n',
        message.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => !l.TrimStart().StartsWith("at ", StringComparison.Ordinal) && !l.StartsWith("---", StringComparison.Ordinal))).Trim();

    /// <summary>
    /// The resources as a tree, never by arrival (the official SDK registers asynchronously, so the
    /// order the mocks see varies from run to run): what the stack declares by URN, each first-level
    /// component followed by its children by URN.
    /// </summary>
    private static List<PreviewResource> InTreeOrder(IEnumerable<PreviewResource> resources)
        => [.. resources
            .OrderBy(r => r.Parent ?? r.Urn, StringComparer.Ordinal)
            .ThenBy(r => r.Parent is null ? 0 : 1)
            .ThenBy(r => r.Urn, StringComparer.Ordinal)];

    /// <summary>The provider reference <c>urn::id</c> as the provider's URN; null for the default provider.</summary>
    private static string? ProviderUrn(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return null;
        }

        var at = reference.LastIndexOf("::", StringComparison.Ordinal);
        return at > 0 ? reference[..at] : reference;
    }

    /// <summary>The wire names of a resource's outputs that are secret: their inputs are masked whole.</summary>
    private static async Task<IReadOnlySet<string>> SecretOutputsOfAsync(Resource resource)
    {
        var secret = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, output) in OutputPropertiesOf(resource))
        {
            if (output is not null && (await ReadAsync(output).ConfigureAwait(false)).IsSecret)
            {
                secret.Add(name);
            }
        }

        return secret;
    }

    private static async Task<IReadOnlyDictionary<string, PreviewOutput>> OutputsOfAsync(Pulumi.Stack stack, IReadOnlyCollection<string> secretValues)
    {
        var outputs = new SortedDictionary<string, PreviewOutput>(StringComparer.Ordinal);
        foreach (var (name, output) in OutputPropertiesOf(stack))
        {
            var read = output is null ? new OutputRead(true, false, null) : await ReadAsync(output).ConfigureAwait(false);
            var value = PreviewValues.ToNode(read.Value);
            var secret = read.IsSecret || ContainsSecret(value, secretValues);
            outputs[name] = new PreviewOutput(name, secret ? JsonValue.Create(PreviewValues.SecretMarker) : value, secret, read.IsKnown)
            {
                Fingerprint = secret ? PreviewValues.Fingerprint(value) : null,
            };
        }

        return outputs;
    }

    private static bool ContainsSecret(JsonNode? value, IReadOnlyCollection<string> secretValues) => value switch
    {
        JsonObject map => map.Any(p => ContainsSecret(p.Value, secretValues)),
        JsonArray list => list.Any(item => ContainsSecret(item, secretValues)),
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => PreviewValues.IsSecretText(v.GetValue<string>(), secretValues),
        _ => false,
    };

    /// <summary>The <c>[Output]</c> properties of a resource by wire name (the official attribute, read by reflection).</summary>
    private static IEnumerable<(string Name, object? Output)> OutputPropertiesOf(Resource resource)
    {
        foreach (var property in resource.GetType().GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            if (property.GetCustomAttribute<OutputAttribute>() is { } attribute
                && property.PropertyType.IsGenericType && property.PropertyType.GetGenericTypeDefinition() == typeof(Output<>))
            {
                yield return (attribute.Name ?? property.Name, property.GetValue(resource));
            }
        }
    }

    private sealed record OutputRead(bool IsKnown, bool IsSecret, object? Value);

    private static readonly MethodInfo ReadTypedMethod = typeof(PreviewRun).GetMethod(nameof(ReadTypedAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static Task<OutputRead> ReadAsync(object output) =>
        (Task<OutputRead>)ReadTypedMethod.MakeGenericMethod(output.GetType().GetGenericArguments()[0]).Invoke(null, [output])!;

    private static async Task<OutputRead> ReadTypedAsync<T>(Output<T> output)
    {
        var secret = await Output.IsSecretAsync(output).ConfigureAwait(false);
        var known = await OutputUtilities.GetIsKnownAsync(output).ConfigureAwait(false);
        var value = known ? await OutputUtilities.GetValueAsync(output).ConfigureAwait(false) : default;
        return new OutputRead(known, secret, value);
    }

    private static RampPosition RampOf(PreviewConfig config, IReadOnlyDictionary<string, PreviewOutput> outputs)
    {
        int IntOf(string name) => outputs.GetValueOrDefault(name)?.Value is JsonValue v && v.TryGetValue<double>(out var d) ? (int)d : 0;
        var live = outputs.GetValueOrDefault(StackContract.Outputs.LiveColour)?.Value is JsonValue l && l.TryGetValue<string>(out var text)
            && Colours.TryParse(text, out var parsed) ? parsed : Colour.Blue;
        var schedule = config.ReadSettings().Settings?.Ramp.Schedule.Percentages ?? RampSchedule.DefaultPercentages;
        return new RampPosition(IntOf(StackContract.Outputs.Step), IntOf(StackContract.Outputs.BlueWeight), IntOf(StackContract.Outputs.GreenWeight), live, schedule);
    }
}

/// <summary>A preview could not be made: the program failed for this config.</summary>
public sealed class PreviewException(string message, Exception? inner = null) : Exception(message, inner);
