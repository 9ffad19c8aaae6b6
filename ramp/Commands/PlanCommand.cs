using System.Globalization;
using BlueGreen.Release;
using Spectre.Console;

namespace BlueGreen.Ramp;

/// <summary>The ramp CLI's plan: the whole schedule as a timeline.</summary>
public sealed partial class RampApp
{
    public async Task<int> PlanAsync(CommandOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var state = await LoadAsync(options, cancellationToken).ConfigureAwait(false);
        var s = state.Settings;
        var now = Now;
        var ramp = s.Ramp;
        var timeline = ReleaseTimeline.Of(s, now);
        Out.MarkupLineInterpolated($"[bold]Ramp plan for {s.StackName}[/] at {UtcTimestamp.Format(now)}: {s.OtherColour.ConfigName()} {s.ReleaseOf(s.OtherColour).ImageTag ?? "(no tag)"} replaces {s.Release.Live.ConfigName()} {s.ReleaseOf(s.Release.Live).ImageTag ?? ""}; schedule {ramp.Schedule.ToString()}, {DurationText.Format(timeline.TotalBake)} of bake in all");
        WritePhase(s);
        if (s.Phase.Kind != ReleasePhaseKind.Ramping)
        {
            Out.MarkupLine("No release is in progress: the timeline is for a release started now ('start --version TAG').");
        }

        Out.MarkupLine("Earliest time each step can be set, counting from ramp.stepSetAt and from now:");
        var table = new Table().Border(TableBorder.Rounded).AddColumns(
            "step", $"to {s.OtherColour.ConfigName()}", "bake", "from stepSetAt", "from now");
        var current = timeline.Steps.FirstOrDefault(t => !t.Done)?.Step.Index;
        foreach (var (step, done, fromSetAt, fromNow) in timeline.Steps)
        {
            var index = step.Index.ToString(CultureInfo.InvariantCulture);
            table.AddRow(
                done ? index : step.Index == current ? $"[bold]▶ {index}[/]" : $"  {index}",
                $"{step.PercentToNew} %",
                DurationText.Format(step.Bake),
                done ? "done" : fromSetAt is { } a ? Esc(When(a, now)) : "—",
                done ? "done" : Esc(When(fromNow!.Value, now)));
        }

        table.AddRow("", "promote", "", timeline.PromotionFromStepSetAt is { } p ? Esc(When(p, now)) : "—", Esc(When(timeline.PromotionFromNow, now)));
        Out.Write(table);
        var fromStepSetAt = timeline.PromotionFromStepSetAt is { } promotion ? $"{UtcTimestamp.Format(promotion)} counting from stepSetAt, " : "";
        Out.MarkupLineInterpolated($"Completion (promotion) at the earliest: {fromStepSetAt}{UtcTimestamp.Format(timeline.PromotionFromNow)} counting from now; retire {DurationText.Format(s.Release.StabilizationWindow)} after the promotion.");
        return ExitCodes.Ok;
    }
}
