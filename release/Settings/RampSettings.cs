namespace BlueGreen.Release;

/// <summary>The ramp: schedule, current step and when it was set.</summary>
/// <param name="Schedule">The percentages to the new colour and bake times.</param>
/// <param name="Step">The current step's index in the schedule.</param>
/// <param name="StepSetAt">When the current step was applied; required once the step is above 0.</param>
public sealed record RampSettings(RampSchedule Schedule, int Step, DateTimeOffset? StepSetAt)
{
    /// <summary>Why the current step was taken past a gate (<c>ramp --force --reason</c>), or null: it is in
    /// the commit and the PR, <c>status</c> shows it, and the apply-time check honours it for this step only.</summary>
    public string? ForceReason { get; init; }

    /// <summary>Whether the scheduled <c>ramp advance</c> proposes (or also merges) the next step once it is due
    /// (<c>ramp.autoProgress</c>); off by default.</summary>
    public AutoProgressMode AutoProgress { get; init; } = AutoProgressMode.Off;

    /// <summary>The current step.</summary>
    public RampStep CurrentStep => Schedule[Step];

    /// <summary>Bake time per step when not set: 1h in prod, 10m in staging.</summary>
    public static TimeSpan DefaultBake(StackEnvironment environment) =>
        environment == StackEnvironment.Prod ? TimeSpan.FromHours(1) : TimeSpan.FromMinutes(10);
}
