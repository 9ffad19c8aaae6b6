using System.Text.Json.Nodes;

namespace BlueGreen.Preview;

/// <summary>What a preview would do to a resource.</summary>
public enum PreviewOp
{
    Same,
    Create,
    Update,
    Replace,
    Delete,
}

/// <summary>One changed property: its path (<c>defaultActions[0].forward.targetGroups[1].weight</c>), old and
/// new value (null when absent) and whether the change forces replacement.</summary>
public sealed record PropertyDiff(string Path, JsonNode? Old, JsonNode? New, bool ForcesReplacement);

/// <summary>A resource of either run and what the preview does to it.</summary>
/// <param name="Op">What the preview does to it.</param>
/// <param name="Current">The resource in the current run, or null when created.</param>
/// <param name="Proposed">The resource in the proposed run, or null when deleted.</param>
/// <param name="Diffs">The changed properties of an update or a replacement.</param>
public sealed record ResourceChange(PreviewOp Op, PreviewResource? Current, PreviewResource? Proposed, IReadOnlyList<PropertyDiff> Diffs)
{
    /// <summary>The resource as it will be (as it was, when deleted).</summary>
    public PreviewResource Resource => Proposed ?? Current!;

    public string Urn => Resource.Urn;
}

/// <summary>A stack output in both runs.</summary>
public sealed record OutputChange(string Name, PreviewOp Op, PreviewOutput? Current, PreviewOutput? Proposed);

/// <summary>
/// The difference between the current and the proposed run of a stack, resource by resource (matched by URN):
/// created, deleted, updated (with every changed property path), replaced (when a changed property is in
/// <see cref="ReplacementRules"/>) or the same; and the stack outputs.
/// </summary>
public sealed class PreviewDiff
{
    private PreviewDiff(PreviewRun current, PreviewRun proposed, IReadOnlyList<ResourceChange> resources, IReadOnlyList<OutputChange> outputs)
    {
        Current = current;
        Proposed = proposed;
        Resources = resources;
        Outputs = outputs;
    }

    public PreviewRun Current { get; }

    public PreviewRun Proposed { get; }

    public string Stack => Proposed.Stack;

    public string Project => Proposed.Project;

    /// <summary>Every resource of either run: the proposed run's in its order, then the deleted ones in theirs.</summary>
    public IReadOnlyList<ResourceChange> Resources { get; }

    /// <summary>Every stack output of either run, sorted by name.</summary>
    public IReadOnlyList<OutputChange> Outputs { get; }

    /// <summary>The resources the preview changes (everything but <see cref="PreviewOp.Same"/>).</summary>
    public IEnumerable<ResourceChange> Changes => Resources.Where(r => r.Op != PreviewOp.Same);

    /// <summary>How many resources each operation touches.</summary>
    public int Count(PreviewOp op) => Resources.Count(r => r.Op == op);

    /// <summary>Whether the preview changes nothing (outputs aside).</summary>
    public bool IsEmpty => !Changes.Any();

    /// <summary>
    /// Previews <paramref name="overrides"/> on <c>Pulumi.&lt;stack&gt;.yaml</c>: the stack file as it is (current)
    /// against the stack file with the overrides (proposed).
    /// </summary>
    public static async Task<PreviewDiff> RunAsync(string repoRoot, string stack, IReadOnlyDictionary<string, string?> overrides, CancellationToken cancellationToken = default)
    {
        var config = PreviewConfig.Load(repoRoot, stack);
        return await RunAsync(config, config.With(overrides), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Previews the change from one config to another (e.g. a stack file on main and in a pull request).</summary>
    public static async Task<PreviewDiff> RunAsync(PreviewConfig current, PreviewConfig proposed, CancellationToken cancellationToken = default)
    {
        var before = await PreviewRun.RunAsync(current, cancellationToken).ConfigureAwait(false);
        var after = await PreviewRun.RunAsync(proposed, cancellationToken).ConfigureAwait(false);
        return Between(before, after);
    }

    /// <summary>Compares two runs of the same stack.</summary>
    public static PreviewDiff Between(PreviewRun current, PreviewRun proposed)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(proposed);
        var before = current.Resources.ToDictionary(r => r.Urn, StringComparer.Ordinal);
        var after = proposed.Resources.Select(r => r.Urn).ToHashSet(StringComparer.Ordinal);
        var changes = new List<ResourceChange>();
        foreach (var resource in proposed.Resources)
        {
            changes.Add(before.TryGetValue(resource.Urn, out var old)
                ? Compare(old, resource)
                : new ResourceChange(PreviewOp.Create, null, resource, []));
        }

        changes.AddRange(current.Resources.Where(r => !after.Contains(r.Urn)).Select(r => new ResourceChange(PreviewOp.Delete, r, null, [])));

        var names = current.Outputs.Keys.Union(proposed.Outputs.Keys).Order(StringComparer.Ordinal);
        var outputs = names.Select(name => CompareOutput(name, current.Outputs.GetValueOrDefault(name), proposed.Outputs.GetValueOrDefault(name))).ToList();
        return new PreviewDiff(current, proposed, changes, outputs);
    }

    /// <summary>The changed properties of one resource in both runs, and whether they update or replace it.</summary>
    public static ResourceChange Compare(PreviewResource current, PreviewResource proposed)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(proposed);
        var diffs = new List<PropertyDiff>();
        Walk("", current.Inputs, proposed.Inputs, current, proposed, diffs);
        var providerChanged = current.Provider != proposed.Provider;
        if (providerChanged)
        {
            diffs.Add(new PropertyDiff("[provider]", Json(current.Provider), Json(proposed.Provider), true));
        }

        var op = diffs.Count == 0 ? PreviewOp.Same
            : diffs.Any(d => d.ForcesReplacement) ? PreviewOp.Replace
            : PreviewOp.Update;
        return new ResourceChange(op, current, proposed, diffs);
    }

    private static JsonNode? Json(string? text) => text is null ? null : JsonValue.Create(text);

    private static void Walk(string path, JsonNode? old, JsonNode? @new, PreviewResource current, PreviewResource proposed, List<PropertyDiff> diffs)
    {
        switch (old, @new)
        {
            case (JsonObject a, JsonObject b):
                foreach (var key in a.Select(p => p.Key).Union(b.Select(p => p.Key)).Order(StringComparer.Ordinal))
                {
                    Walk(PreviewValues.Child(path, key), a[key], b[key], current, proposed, diffs);
                }

                return;
            case (JsonArray a, JsonArray b):
                for (var i = 0; i < Math.Max(a.Count, b.Count); i++)
                {
                    Walk(PreviewValues.Child(path, i), i < a.Count ? a[i] : null, i < b.Count ? b[i] : null, current, proposed, diffs);
                }

                return;
        }

        if (JsonNode.DeepEquals(old, @new) && !SecretsDiffer(path, old, current, proposed))
        {
            return;
        }

        diffs.Add(new PropertyDiff(path, old?.DeepClone(), @new?.DeepClone(), ReplacementRules.ForcesReplacement(proposed.Type, path)));
    }

    /// <summary>Two masked values look alike; their fingerprints tell whether the secrets behind them differ.</summary>
    private static bool SecretsDiffer(string path, JsonNode? value, PreviewResource current, PreviewResource proposed) =>
        value is JsonValue v && v.TryGetValue<string>(out var text) && text == PreviewValues.SecretMarker
        && current.SecretFingerprints.GetValueOrDefault(path) != proposed.SecretFingerprints.GetValueOrDefault(path);

    private static OutputChange CompareOutput(string name, PreviewOutput? current, PreviewOutput? proposed)
    {
        var op = (current, proposed) switch
        {
            (null, _) => PreviewOp.Create,
            (_, null) => PreviewOp.Delete,
            _ when JsonNode.DeepEquals(current.Value, proposed.Value) && current.Fingerprint == proposed.Fingerprint
                && current.IsKnown == proposed.IsKnown => PreviewOp.Same,
            _ => PreviewOp.Update,
        };
        return new OutputChange(name, op, current, proposed);
    }
}
