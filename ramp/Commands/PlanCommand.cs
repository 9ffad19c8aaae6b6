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
        var inProgress = s.Phase.Kind == ReleasePhaseKind.Ramping;
        var current = inProgress ? ramp.Step : 0;
        var setAt = inProgress ? ramp.StepSetAt : null;
        var total = ramp.Schedule.Steps.Aggregate(TimeSpan.Zero, (sum, step) => sum + step.Bake);
        Out.MarkupLineInterpolated($"[bold]Ramp plan for {s.StackName}[/] at {UtcTimestamp.Format(now)}: {s.NewColour.ConfigName()} {s.ReleaseOf(s.NewColour).ImageTag ?? "(no tag)"} replaces {s.Release.Live.ConfigName()} {s.ReleaseOf(s.Release.Live).ImageTag ?? ""}; schedule {ramp.Schedule.ToString()}, {DurationText.Format(total)} of bake in all");
        WritePhase(s);
        if (!inProgress)
        {
            Out.MarkupLine("No release is in progress: the timeline is for a release started now ('start --version TAG').");
        }

        Out.MarkupLine("Earliest time each step can be set, counting from ramp.stepSetAt and from now:");
        var table = new Table().Border(TableBorder.Rounded).AddColumns(
            "step", $"to {s.NewColour.ConfigName()}", "bake", "from stepSetAt", "from now");
        var fromNow = now;
        DateTimeOffset? fromSetAt = setAt;
        foreach (var step in ramp.Schedule.Steps)
        {
            var index = step.Index.ToString(CultureInfo.InvariantCulture);
            if (step.Index < current)
            {
                table.AddRow(index, $"{step.PercentToNew} %", DurationText.Format(step.Bake), "done", "done");
                continue;
            }

            table.AddRow(
                step.Index == current ? $"[bold]▶ {index}[/]" : $"  {index}",
                $"{step.PercentToNew} %",
                DurationText.Format(step.Bake),
                fromSetAt is { } a ? Esc(When(a, now)) : "—",
                Esc(When(fromNow, now)));
            fromNow += step.Bake;
            fromSetAt = fromSetAt is { } b ? Max(b + step.Bake, now) : null;
        }

        table.AddRow("", "promote", "", fromSetAt is { } p ? Esc(When(p, now)) : "—", Esc(When(fromNow, now)));
        Out.Write(table);
        Out.MarkupLineInterpolated($"Completion (promotion) at the earliest: {(fromSetAt is { } done ? Esc(UtcTimestamp.Format(done)) + " counting from stepSetAt, " : "")}{UtcTimestamp.Format(fromNow)} counting from now; retire {DurationText.Format(s.Release.StabilizationWindow)} after the promotion.");
        return ExitCodes.Ok;
    }
}
