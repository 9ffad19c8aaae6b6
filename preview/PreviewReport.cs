using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using BlueGreen.Release;

namespace BlueGreen.Preview;

/// <summary>The formats a preview renders to.</summary>
public enum PreviewFormat
{
    /// <summary>Like <c>pulumi preview --diff</c>.</summary>
    Text,

    /// <summary>Stable JSON, documented in docs/preview.md.</summary>
    Json,

    /// <summary>A pull-request comment: summary, table of changes, ramp position (and its chart).</summary>
    Markdown,
}

/// <summary>Renders a <see cref="PreviewDiff"/> as text, JSON or markdown.</summary>
public static class PreviewReport
{
    /// <summary>The version of the JSON format; raised only when a field changes meaning or disappears.</summary>
    public const int JsonFormatVersion = 1;

    /// <summary>The most property changes listed per resource in markdown; the rest are counted.</summary>
    public const int MarkdownDiffsPerResource = 8;

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Parses a format name: <c>text</c>, <c>json</c> or <c>markdown</c> (<c>md</c>), any case.</summary>
    /// <exception cref="FormatException">Not a format name.</exception>
    public static PreviewFormat ParseFormat(string name) => name?.Trim().ToLowerInvariant() switch
    {
        "text" => PreviewFormat.Text,
        "json" => PreviewFormat.Json,
        "markdown" or "md" => PreviewFormat.Markdown,
        _ => throw new FormatException($"'{name}' is not a preview format; use text, json or markdown"),
    };

    /// <summary>The diff in <paramref name="format"/>. Markdown refers to its chart as <paramref name="chartFileName"/>
    /// (see <see cref="WriteMarkdown"/> to write both).</summary>
    public static string Render(PreviewDiff diff, PreviewFormat format, string? chartFileName = null)
    {
        ArgumentNullException.ThrowIfNull(diff);
        return format switch
        {
            PreviewFormat.Text => RenderText(diff),
            PreviewFormat.Json => RenderJson(diff).ToJsonString(Indented) + "\n",
            PreviewFormat.Markdown => RenderMarkdown(diff, chartFileName),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Not a preview format."),
        };
    }

    /// <summary>Writes the markdown comment to <paramref name="markdownPath"/> and the ramp chart next to it
    /// (<c>&lt;name&gt;.ramp.png</c>); returns the chart's path.</summary>
    public static string WriteMarkdown(PreviewDiff diff, string markdownPath)
    {
        ArgumentNullException.ThrowIfNull(diff);
        ArgumentException.ThrowIfNullOrWhiteSpace(markdownPath);
        var full = Path.GetFullPath(markdownPath);
        var chart = Path.Combine(Path.GetDirectoryName(full)!, Path.GetFileNameWithoutExtension(full) + ".ramp.png");
        RampChart.SavePng(diff, chart);
        File.WriteAllText(full, RenderMarkdown(diff, Path.GetFileName(chart)));
        return chart;
    }

    /// <summary>One line: what each operation touches, e.g. <c>~ 1 to update, 97 unchanged</c>.</summary>
    public static string Summary(PreviewDiff diff)
    {
        ArgumentNullException.ThrowIfNull(diff);
        var parts = new List<string>();
        foreach (var op in new[] { PreviewOp.Create, PreviewOp.Update, PreviewOp.Replace, PreviewOp.Delete })
        {
            var count = diff.Count(op);
            if (count > 0)
            {
                parts.Add($"{Symbol(op)} {count} to {Verb(op)}");
            }
        }

        parts.Add($"{diff.Count(PreviewOp.Same)} unchanged");
        return string.Join(", ", parts);
    }

    /// <summary>The ramp position in words, e.g. <c>step 1 → 2 of 4: green 5 % → 25 %, blue 95 % → 75 % (blue live)</c>.</summary>
    public static string RampText(PreviewDiff diff)
    {
        ArgumentNullException.ThrowIfNull(diff);
        var (c, p) = (diff.Current.Ramp, diff.Proposed.Ramp);
        var last = p.Schedule.Count - 1;
        string Pair(int a, int b) => a == b ? $"{b} %" : $"{a} % → {b} %";
        var step = c.Step == p.Step ? $"step {p.Step} of {last} (unchanged)" : $"step {c.Step} → {p.Step} of {last}";
        var live = c.Live == p.Live ? $"{p.Live.ConfigName()} live" : $"live {c.Live.ConfigName()} → {p.Live.ConfigName()}";
        return $"{step}: green {Pair(c.GreenWeight, p.GreenWeight)}, blue {Pair(c.BlueWeight, p.BlueWeight)} ({live})";
    }

    private static string Symbol(PreviewOp op) => op switch
    {
        PreviewOp.Create => "+",
        PreviewOp.Update => "~",
        PreviewOp.Replace => "+-",
        PreviewOp.Delete => "-",
        _ => " ",
    };

    private static string Verb(PreviewOp op) => op switch
    {
        PreviewOp.Create => "create",
        PreviewOp.Update => "update",
        PreviewOp.Replace => "replace",
        PreviewOp.Delete => "delete",
        _ => "same",
    };

    /// <summary>The name of an operation in JSON: create, update, replace, delete, same.</summary>
    public static string OpName(PreviewOp op) => Verb(op);

    private static string RenderText(PreviewDiff diff)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Previewing update ({diff.Stack}) of project {diff.Project}, offline:\n");
        text.Append(CultureInfo.InvariantCulture, $"Ramp: {RampText(diff)}\n\n");
        foreach (var change in diff.Changes)
        {
            var r = change.Resource;
            text.Append(CultureInfo.InvariantCulture, $"  {Symbol(change.Op),-2} {r.Type}: {r.Name} ({Verb(change.Op)})\n");
            text.Append(CultureInfo.InvariantCulture, $"        [urn={r.Urn}]\n");
            if (r.Provider is not null)
            {
                text.Append(CultureInfo.InvariantCulture, $"        [provider={r.Provider}]\n");
            }

            foreach (var line in PropertyLines(change))
            {
                text.Append(CultureInfo.InvariantCulture, $"      {line}\n");
            }
        }

        var outputs = diff.Outputs.Where(o => o.Op != PreviewOp.Same).ToList();
        if (outputs.Count > 0)
        {
            text.Append("\nOutputs:\n");
            foreach (var o in outputs)
            {
                text.Append(CultureInfo.InvariantCulture, $"  {Symbol(o.Op),-2} {o.Name}: {OutputPair(o)}\n");
            }
        }

        text.Append(CultureInfo.InvariantCulture, $"\nResources:\n    {Summary(diff)}\n");
        return text.ToString();
    }

    private static string OutputPair(OutputChange o) => o.Op switch
    {
        PreviewOp.Create => OutputValue(o.Proposed!),
        PreviewOp.Delete => OutputValue(o.Current!),
        _ => $"{OutputValue(o.Current!)} → {OutputValue(o.Proposed!)}",
    };

    /// <summary>An output's value, or <c>output&lt;unknown&gt;</c> as Pulumi shows a value known only after the update.</summary>
    private static string OutputValue(PreviewOutput output) => output.IsKnown ? PreviewValues.Display(output.Value) : "output<unknown>";

    /// <summary>The property lines of a change: every diff of an update or replacement, every input of a create or delete.</summary>
    private static IEnumerable<string> PropertyLines(ResourceChange change) => change.Op switch
    {
        PreviewOp.Create => Leaves("", change.Proposed!.Inputs).Select(l => $"+ {l.Path}: {PreviewValues.Display(l.Value)}"),
        PreviewOp.Delete => Leaves("", change.Current!.Inputs).Select(l => $"- {l.Path}: {PreviewValues.Display(l.Value)}"),
        _ => change.Diffs.Select(DiffLine),
    };

    private static string DiffLine(PropertyDiff d)
    {
        var mark = d.Old is null ? "+" : d.New is null ? "-" : "~";
        var replaces = d.ForcesReplacement ? " (forces replacement)" : "";
        return $"{mark} {d.Path}: {PreviewValues.Display(d.Old)} → {PreviewValues.Display(d.New)}{replaces}";
    }

    private static IEnumerable<(string Path, JsonNode? Value)> Leaves(string path, JsonNode? node) => node switch
    {
        JsonObject map => map.SelectMany(p => Leaves(PreviewValues.Child(path, p.Key), p.Value)),
        JsonArray list => list.SelectMany((item, i) => Leaves(PreviewValues.Child(path, i), item)),
        _ => [(path, node)],
    };

    private static JsonObject RenderJson(PreviewDiff diff) => new()
    {
        ["formatVersion"] = JsonFormatVersion,
        ["stack"] = diff.Stack,
        ["project"] = diff.Project,
        ["current"] = RampJson(diff.Current.Ramp),
        ["proposed"] = RampJson(diff.Proposed.Ramp),
        ["summary"] = new JsonObject(new[] { PreviewOp.Create, PreviewOp.Update, PreviewOp.Replace, PreviewOp.Delete, PreviewOp.Same }
            .Select(op => KeyValuePair.Create(Verb(op), (JsonNode?)diff.Count(op)))),
        ["resources"] = new JsonArray([.. diff.Resources.Select(ResourceJson)]),
        ["outputs"] = new JsonObject(diff.Outputs.Select(o => KeyValuePair.Create(o.Name, (JsonNode?)new JsonObject
        {
            ["op"] = Verb(o.Op),
            ["old"] = PreviewValues.Normalize(o.Current?.Value),
            ["new"] = PreviewValues.Normalize(o.Proposed?.Value),
            ["secret"] = (o.Current?.IsSecret ?? false) || (o.Proposed?.IsSecret ?? false),
        }))),
    };

    private static JsonObject RampJson(RampPosition ramp) => new()
    {
        ["step"] = ramp.Step,
        ["weights"] = new JsonObject { ["blue"] = ramp.BlueWeight, ["green"] = ramp.GreenWeight },
        ["live"] = ramp.Live.ConfigName(),
        ["schedule"] = new JsonArray([.. ramp.Schedule.Select(p => (JsonNode?)p)]),
    };

    private static JsonObject ResourceJson(ResourceChange change) => new()
    {
        ["urn"] = change.Urn,
        ["type"] = change.Resource.Type,
        ["name"] = change.Resource.Name,
        ["parent"] = change.Resource.Parent,
        ["provider"] = change.Resource.Provider,
        ["op"] = Verb(change.Op),
        ["diffs"] = new JsonArray([.. change.Diffs.Select(d => (JsonNode?)new JsonObject
        {
            ["path"] = d.Path,
            ["old"] = PreviewValues.Normalize(d.Old),
            ["new"] = PreviewValues.Normalize(d.New),
            ["replaces"] = d.ForcesReplacement,
        })]),
        ["inputs"] = PreviewValues.Normalize(change.Resource.Inputs),
        ["dependencies"] = new JsonArray([.. change.Resource.Dependencies.Select(d => (JsonNode?)d)]),
        ["protect"] = change.Resource.Options.Protect,
        ["retainOnDelete"] = change.Resource.Options.RetainOnDelete,
        ["deleteBeforeReplace"] = change.Resource.Options.DeleteBeforeReplace,
        ["replaceOnChanges"] = new JsonArray([.. change.Resource.Options.ReplaceOnChanges.Select(d => (JsonNode?)d)]),
        ["ignoreChanges"] = new JsonArray([.. change.Resource.Options.IgnoreChanges.Select(d => (JsonNode?)d)]),
        ["customTimeouts"] = change.Resource.Options.TimeoutsJson(),
    };

    private static string RenderMarkdown(PreviewDiff diff, string? chartFileName)
    {
        var md = new StringBuilder();
        var changes = diff.Changes.ToList();
        md.Append(CultureInfo.InvariantCulture, $"### Preview of `{diff.Stack}`: {Summary(diff)}\n\n");
        md.Append(CultureInfo.InvariantCulture, $"**Ramp:** {RampText(diff)}\n\n");
        if (chartFileName is not null)
        {
            md.Append(CultureInfo.InvariantCulture, $"![ramp schedule of {diff.Stack}, current and proposed step]({chartFileName})\n\n");
        }

        if (changes.Count == 0)
        {
            md.Append("No resource changes.\n");
        }
        else
        {
            md.Append("| | Resource | Type | Changes |\n| --- | --- | --- | --- |\n");
            foreach (var change in changes)
            {
                List<string> lines = change.Op switch
                {
                    PreviewOp.Create => ["new"],
                    PreviewOp.Delete => ["removed"],
                    _ => [.. change.Diffs.Take(MarkdownDiffsPerResource).Select(MarkdownDiff)],
                };
                if (change.Diffs.Count > MarkdownDiffsPerResource)
                {
                    lines.Add($"… and {change.Diffs.Count - MarkdownDiffsPerResource} more");
                }

                md.Append(CultureInfo.InvariantCulture,
                    $"| `{Symbol(change.Op)}` {Verb(change.Op)} | `{Cell(change.Resource.Name)}` | `{Cell(change.Resource.Type)}` | {string.Join("<br>", lines)} |\n");
            }
        }

        var outputs = diff.Outputs.Where(o => o.Op != PreviewOp.Same).ToList();
        if (outputs.Count > 0)
        {
            md.Append("\n<details><summary>Stack outputs that change</summary>\n\n| Output | Change |\n| --- | --- |\n");
            foreach (var o in outputs)
            {
                md.Append(CultureInfo.InvariantCulture, $"| `{o.Name}` | {Cell(OutputPair(o))} |\n");
            }

            md.Append("\n</details>\n");
        }

        return md.ToString();
    }

    private static string MarkdownDiff(PropertyDiff d) =>
        $"`{Cell(d.Path)}`: {Cell(PreviewValues.Display(d.Old))} → {Cell(PreviewValues.Display(d.New))}{(d.ForcesReplacement ? " **(forces replacement)**" : "")}";

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
