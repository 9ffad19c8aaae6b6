namespace BlueGreen.Release;

/// <summary>When a step of the ramp can be set at the earliest.</summary>
/// <param name="Step">The step.</param>
/// <param name="Done">Whether the ramp is already past it.</param>
/// <param name="FromStepSetAt">The earliest time counting from when the current step was set (null when unknown or done).</param>
/// <param name="FromNow">The earliest time counting from now, as if the current step were set now (null when done).</param>
public sealed record TimelineStep(RampStep Step, bool Done, DateTimeOffset? FromStepSetAt, DateTimeOffset? FromNow);

/// <summary>
/// The ramp as a timeline: the earliest time each step, and the promotion, can happen — counting from
/// <c>ramp.stepSetAt</c> (no step sooner than now) and from now. The arithmetic <c>ramp plan</c> shows.
/// </summary>
/// <param name="Steps">Every step of the schedule, in order.</param>
/// <param name="PromotionFromStepSetAt">The earliest promotion counting from <c>ramp.stepSetAt</c>, or null.</param>
/// <param name="PromotionFromNow">The earliest promotion counting from now.</param>
/// <param name="TotalBake">The bake time of the whole schedule.</param>
public sealed record ReleaseTimeline(
    IReadOnlyList<TimelineStep> Steps, DateTimeOffset? PromotionFromStepSetAt, DateTimeOffset PromotionFromNow, TimeSpan TotalBake)
{
    /// <summary>The timeline of <paramref name="settings"/> at <paramref name="now"/>: of the release being ramped,
    /// or when none is, of a release started now.</summary>
    public static ReleaseTimeline Of(StackSettings settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var ramp = settings.Ramp;
        var ramping = settings.Phase.Kind == ReleasePhaseKind.Ramping;
        var current = ramping ? ramp.Step : 0;
        DateTimeOffset? fromSetAt = ramping ? ramp.StepSetAt : null;
        var fromNow = now;
        var steps = new List<TimelineStep>();
        foreach (var step in ramp.Schedule.Steps)
        {
            if (step.Index < current)
            {
                steps.Add(new TimelineStep(step, Done: true, null, null));
                continue;
            }

            steps.Add(new TimelineStep(step, Done: false, fromSetAt, fromNow));
            fromNow += step.Bake;
            fromSetAt = fromSetAt is { } at ? Later(step.BakedAt(at), now) : null;
        }

        return new ReleaseTimeline(steps, fromSetAt, fromNow, ramp.Schedule.Steps.Aggregate(TimeSpan.Zero, (sum, step) => sum + step.Bake));
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
