namespace BlueGreen.Release;

/// <summary>How long <c>ramp watch</c> guards the colour at risk by default.</summary>
public static class WatchWindow
{
    /// <summary>
    /// The end of the current step's bake while ramping (from <c>ramp.stepSetAt</c>, or from
    /// <paramref name="now"/> when it is not set), the end of the stabilization window after a promotion; with
    /// what it is, for the operator.
    /// </summary>
    public static (DateTimeOffset Until, string What) End(StackSettings settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Phase.Kind == ReleasePhaseKind.Stabilizing)
        {
            return (settings.Release.StableAt!.Value, $"the {DurationText.Format(settings.Release.StabilizationWindow)} stabilization window");
        }

        var step = settings.Ramp.CurrentStep;
        return (step.BakedAt(settings.Ramp.StepSetAt ?? now), $"step {step.Index}'s {DurationText.Format(step.Bake)} bake");
    }
}
