using System.Globalization;
using BlueGreen.Release;
using ScottPlot;

namespace BlueGreen.Preview;

/// <summary>A small chart of the ramp schedule (percent of traffic to the new colour at each step) with the
/// current and the proposed step marked, for the PR comment.</summary>
public static class RampChart
{
    public const int Width = 480;

    public const int Height = 280;

    /// <summary>Writes the chart of <paramref name="diff"/> as a PNG to <paramref name="path"/>.</summary>
    public static void SavePng(PreviewDiff diff, string path)
    {
        ArgumentNullException.ThrowIfNull(diff);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var plot = Build(diff);
        plot.SavePng(path, Width, Height);
    }

    /// <summary>The chart as PNG bytes.</summary>
    public static byte[] ToPng(PreviewDiff diff)
    {
        ArgumentNullException.ThrowIfNull(diff);
        using var plot = Build(diff);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    private static Plot Build(PreviewDiff diff)
    {
        var (current, proposed) = (diff.Current.Ramp, diff.Proposed.Ramp);
        var schedule = proposed.Schedule;
        double[] steps = [.. Enumerable.Range(0, schedule.Count).Select(i => (double)i)];
        double[] percents = [.. schedule.Select(p => (double)p)];

        var plot = new Plot();
        var line = plot.Add.Scatter(steps, percents, Colors.Gray);
        line.LegendText = "schedule";
        line.MarkerSize = 6;

        var was = plot.Add.Marker(current.Step, current.PercentToNew, MarkerShape.OpenCircle, 18, Colors.DimGray);
        was.LegendText = $"current: step {current.Step} ({current.PercentToNew} %)";
        var next = plot.Add.Marker(proposed.Step, proposed.PercentToNew, MarkerShape.FilledCircle, 12, ColourOf(proposed.NewColour));
        next.LegendText = $"proposed: step {proposed.Step} ({proposed.PercentToNew} %)";

        plot.Title($"{diff.Stack}: traffic to {proposed.NewColour.ConfigName()}");
        plot.XLabel("ramp step");
        plot.YLabel($"% to {proposed.NewColour.ConfigName()}");
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            steps, [.. Enumerable.Range(0, schedule.Count).Select(i => i.ToString(CultureInfo.InvariantCulture))]);
        plot.Axes.SetLimits(-0.5, Math.Max(1, schedule.Count - 1) + 0.5, -8, 108);
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    private static Color ColourOf(Colour colour) => colour == Colour.Blue ? Colors.RoyalBlue : Colors.SeaGreen;
}
