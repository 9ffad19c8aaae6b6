using System.Text;
using BlueGreen.Release;

namespace BlueGreen.Ramp;

/// <summary>A verdict as <c>ramp verdict</c> shows it: the stack, the move, the refusal (null when it passes), each gate.</summary>
/// <param name="Stack">The stack.</param>
/// <param name="Live">Whether the live state was read (<c>--live</c>).</param>
/// <param name="Move">The move in words.</param>
/// <param name="Refusal">Why it is refused (may span lines: every problem of an invalid file), or null.</param>
/// <param name="EarliestAt">When it could go ahead, if only time stands in the way.</param>
/// <param name="Gates">Each gate's outcome.</param>
/// <param name="Moved">How what is deployed differs from the base branch's file, or null.</param>
/// <param name="ForceReason">The file's <c>ramp.forceReason</c> for this move, or null.</param>
public sealed record VerdictView(
    string Stack, bool Live, string Move, string? Refusal, DateTimeOffset? EarliestAt, IReadOnlyList<GateResult> Gates, string? Moved, string? ForceReason)
{
    /// <summary>The view of the release model's <paramref name="verdict"/>.</summary>
    public static VerdictView Of(string stack, MoveVerdict verdict, bool live, string? moved)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        return new(stack, live, verdict.Move, verdict.Refusal, verdict.EarliestAt, verdict.Gates, moved, verdict.Plan.ForceReason);
    }
}

/// <summary>
/// The verdict as text, as a markdown block for the top of a pull-request comment and job summary, and as GitHub
/// workflow commands (annotations). It words what <see cref="MoveVerdict"/> decided; it decides nothing.
/// </summary>
public static class VerdictReport
{
    /// <summary>What a gate that needs the live state says in a run without the read-only preview role.</summary>
    public const string NotReadHere = "not read: this run has no preview role";

    /// <summary>"ramp verdict (prod): refused — step 0 → 2: the file jumps …", or "… passes — step 1 → 2".</summary>
    public static string FirstLine(VerdictView view, bool markdown)
    {
        ArgumentNullException.ThrowIfNull(view);
        var head = $"ramp verdict ({view.Stack}): {(view.Refusal is null ? "passes" : "refused")}";
        var forced = view.Gates.Count(g => g.Outcome == GateOutcome.Forced);
        var notRead = view.Gates.Count(g => g.Outcome == GateOutcome.NotRead);
        var rest = view.Refusal is { } refusal
            ? $"{view.Move}: {refusal.Split('\n')[0].TrimEnd('\r', ':')}"
            : view.Move + (forced > 0 ? $" — {forced} gate(s) forced by {ConfigKeys.Full(ConfigKeys.RampForceReason)}" : "")
                        + (notRead > 0 ? $" — {notRead} gate(s) not read (no preview role)" : "");
        return markdown ? $"**{head}** — {Cell(rest)}" : $"{head} — {rest}";
    }

    public static string Text(VerdictView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var text = new StringBuilder();
        text.AppendLine(FirstLine(view, markdown: false));
        text.AppendLine(Judged(view, markdown: false));
        if (view.Moved is { } moved)
        {
            text.AppendLine($"What is deployed moved since the base branch's file: {moved}. Judged against what is deployed.");
        }

        if (MoreLines(view) is { } more)
        {
            text.AppendLine(more);
        }

        if (view.EarliestAt is { } at)
        {
            text.AppendLine($"It may go ahead at {UtcTimestamp.Format(at)}.");
        }

        foreach (var gate in view.Gates)
        {
            text.AppendLine($"  {gate.Gate.Name}: {Word(gate.Outcome)} — {Why(gate, view)}");
        }

        return text.ToString();
    }

    public static string Markdown(VerdictView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var md = new StringBuilder();
        md.AppendLine(FirstLine(view, markdown: true)).AppendLine();
        md.AppendLine(Judged(view, markdown: true)).AppendLine();
        if (view.Moved is { } moved)
        {
            md.AppendLine($"> **What is deployed moved since the base branch's file:** {Cell(moved)}. The verdict is judged against what is deployed.").AppendLine();
        }

        if (MoreLines(view) is { } more)
        {
            md.AppendLine("```text").AppendLine(more).AppendLine("```").AppendLine();
        }

        if (view.EarliestAt is { } at)
        {
            md.AppendLine($"It may go ahead at {UtcTimestamp.Format(at)}.").AppendLine();
        }

        if (view.Gates.Count > 0)
        {
            md.AppendLine("| gate | verdict | why |").AppendLine("|---|---|---|");
            foreach (var gate in view.Gates)
            {
                md.AppendLine($"| {Cell(gate.Gate.Name)} | {(gate.Outcome == GateOutcome.Refused ? "**refused**" : Word(gate.Outcome))} | {Cell(Why(gate, view))} |");
            }

            md.AppendLine();
        }

        return md.ToString();
    }

    /// <summary>
    /// The workflow commands: <c>::error</c> for a refusal, <c>::warning</c> for each forced gate, with the data
    /// and the title escaped as GitHub's runner reads them (actions/toolkit, packages/core/src/command.ts:
    /// escapeData and escapeProperty).
    /// </summary>
    public static IReadOnlyList<string> Annotations(VerdictView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var title = $"title={EscapeProperty($"ramp verdict ({view.Stack})")}";
        List<string> lines = [];
        if (view.Refusal is { } refusal)
        {
            lines.Add($"::error {title}::{EscapeData($"{view.Move}: {refusal.TrimEnd()}")}");
        }

        foreach (var gate in view.Gates.Where(g => g.Outcome == GateOutcome.Forced))
        {
            lines.Add($"::warning {title}::{EscapeData($"forced past the {gate.Gate.Name} gate ({gate.Reason}): {view.ForceReason}")}");
        }

        return lines;
    }

    /// <summary>A workflow command's message: <c>%</c>, CR and LF percent-encoded.</summary>
    public static string EscapeData(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);
    }

    /// <summary>A workflow command's property value: as <see cref="EscapeData"/>, and <c>:</c> and <c>,</c> too.</summary>
    public static string EscapeProperty(string text) =>
        EscapeData(text).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);

    private static string Judged(VerdictView view, bool markdown)
    {
        var file = markdown ? $"`Pulumi.{view.Stack}.yaml`" : $"Pulumi.{view.Stack}.yaml";
        return view.Live
            ? $"Judged against what is deployed (the stack's outputs and history) and the live state, read with the read-only preview role, as 'ramp verify' will before pulumi up."
            : $"Judged offline, with the base branch's {file} taken as deployed: the file valid, one step at a time, a new release only through step 0, " +
              "promotion only from the last step, the stabilization window before retire, the bake not over even by the base file's step time. What needs the live state is " + NotReadHere + "; 'ramp verify' reads it before pulumi up.";
    }

    /// <summary>The lines of a refusal after its first (the first line of the verdict), e.g. each problem of an invalid file.</summary>
    private static string? MoreLines(VerdictView view) =>
        view.Refusal?.Split('\n', 2) is [_, var rest] && rest.Trim().Length > 0 ? rest.TrimEnd() : null;

    private static string Word(GateOutcome outcome) => outcome switch
    {
        GateOutcome.Passed => "passed",
        GateOutcome.Refused => "refused",
        GateOutcome.Forced => "forced",
        _ => "not read",
    };

    private static string Why(GateResult gate, VerdictView view)
    {
        var why = gate.Outcome switch
        {
            GateOutcome.NotRead => $"this run has no preview role to read {gate.Reason}",
            GateOutcome.Forced => $"{gate.Reason}; passed by {ConfigKeys.Full(ConfigKeys.RampForceReason)}: {view.ForceReason}",
            _ => gate.Reason,
        };
        return gate.Warnings.Count > 0 ? $"{why}; warnings in ALARM (not blocking): {string.Join(", ", gate.Warnings)}" : why;
    }

    /// <summary>Text for one markdown line or table cell: no line breaks, no column separator.</summary>
    private static string Cell(string text) =>
        text.Replace("\r", "", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal);
}
