namespace BlueGreen.Release;

/// <summary>
/// May the ramp advance past the current step? Only once the step has baked: its bake time has passed
/// since <c>ramp.stepSetAt</c>. At the last step, advancing means promoting.
/// Time is passed in; nothing here reads the clock.
/// </summary>
public static class BakeGate
{
    /// <summary>Decides for step <paramref name="stepIndex"/> set at <paramref name="stepSetAt"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The step is not in the schedule.</exception>
    public static GateDecision Evaluate(RampSchedule schedule, int stepIndex, DateTimeOffset? stepSetAt, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var step = schedule[stepIndex];
        var next = stepIndex == schedule.LastIndex ? "promotion" : $"step {stepIndex + 1}";
        if (stepSetAt is not { } setAt)
        {
            return GateDecision.Block(
                $"{ConfigKeys.Full(ConfigKeys.RampStepSetAt)} is not set, so step {stepIndex} has no known start; " +
                "set it to when the step was applied");
        }

        var bakedAt = step.BakedAt(setAt);
        return now >= bakedAt
            ? GateDecision.Pass(
                $"step {stepIndex} ({step.PercentToNew} %) has baked for {DurationText.Format(step.Bake)} since " +
                $"{UtcTimestamp.Format(setAt)}; {next} may go ahead")
            : GateDecision.WaitUntil(
                bakedAt,
                $"step {stepIndex} ({step.PercentToNew} %) bakes for {DurationText.Format(step.Bake)} from " +
                $"{UtcTimestamp.Format(setAt)}; {next} may go ahead at {UtcTimestamp.Format(bakedAt)}");
    }

    /// <summary>Decides for the current step of <paramref name="ramp"/>.</summary>
    public static GateDecision Evaluate(RampSettings ramp, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(ramp);
        return Evaluate(ramp.Schedule, ramp.Step, ramp.StepSetAt, now);
    }
}
