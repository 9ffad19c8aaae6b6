namespace BlueGreen.Release;

/// <summary>
/// One step of a ramp: the share of traffic the new colour gets at that step, and how long the step
/// must bake (run with its alarms quiet) before the ramp may advance past it.
/// </summary>
/// <param name="Index">Position in the schedule; <c>ramp.step</c> holds it.</param>
/// <param name="PercentToNew">Percentage of traffic to the new colour, 0–100.</param>
/// <param name="Bake">Minimum time at this step before advancing (or promoting, at the last step).</param>
public sealed record RampStep(int Index, int PercentToNew, TimeSpan Bake)
{
    /// <summary>The share of traffic that stays on the live colour.</summary>
    public int PercentToLive => 100 - PercentToNew;

    /// <summary>When the step has baked, applied at <paramref name="appliedAt"/>: the one answer to "the end of a bake"
    /// (the bake gate on <c>ramp.stepSetAt</c> or on the deployed update's end, <c>watch</c>, the timeline).</summary>
    public DateTimeOffset BakedAt(DateTimeOffset appliedAt) => appliedAt + Bake;
}

/// <summary>
/// The percentages of traffic sent to the new colour, step by step, and each step's bake time.
/// A valid schedule starts at 0, rises strictly and ends at 100, e.g. <c>[0, 5, 25, 50, 100]</c>:
/// step 0 gives the new colour no weighted traffic (only the test route reaches it), so step 0 is
/// both where a ramp starts and where a rollback returns; the last step gives it everything, after
/// which it can be promoted.
/// </summary>
public sealed record RampSchedule
{
    /// <summary>The schedule used when <c>ramp.schedule</c> is not set.</summary>
    public static IReadOnlyList<int> DefaultPercentages { get; } = [0, 5, 25, 50, 100];

    private RampSchedule(IReadOnlyList<RampStep> steps) => Steps = steps;

    /// <summary>The steps, in order; never empty.</summary>
    public IReadOnlyList<RampStep> Steps { get; }

    /// <summary>The percentages to the new colour, in order.</summary>
    public IReadOnlyList<int> Percentages => [.. Steps.Select(s => s.PercentToNew)];

    /// <summary>How many steps there are.</summary>
    public int Count => Steps.Count;

    /// <summary>The index of the last step (100 % to the new colour).</summary>
    public int LastIndex => Steps.Count - 1;

    /// <summary>The step at <paramref name="index"/>.</summary>
    public RampStep this[int index] => Contains(index)
        ? Steps[index]
        : throw new ArgumentOutOfRangeException(
            nameof(index), index, $"Step {index} is not in the schedule; steps run from 0 to {LastIndex}.");

    /// <summary>Whether <paramref name="index"/> names a step of this schedule.</summary>
    public bool Contains(int index) => index >= 0 && index < Steps.Count;

    /// <summary>A schedule with one bake time per step.</summary>
    /// <exception cref="ArgumentException">The percentages break a rule of <see cref="ProblemsWith"/>,
    /// the bake times do not match the steps one to one, or a bake time is negative.</exception>
    public static RampSchedule Create(IReadOnlyList<int> percentages, IReadOnlyList<TimeSpan> bakeTimes)
    {
        ArgumentNullException.ThrowIfNull(percentages);
        ArgumentNullException.ThrowIfNull(bakeTimes);
        var problems = ProblemsWith(percentages);
        if (problems.Count > 0)
        {
            throw new ArgumentException(
                $"[{string.Join(", ", percentages)}] {string.Join("; and ", problems)}", nameof(percentages));
        }

        if (bakeTimes.Count != percentages.Count)
        {
            throw new ArgumentException(
                $"{bakeTimes.Count} bake times for {percentages.Count} steps; give one per step.", nameof(bakeTimes));
        }

        if (bakeTimes.Any(b => b < TimeSpan.Zero))
        {
            throw new ArgumentException("Bake times are never negative.", nameof(bakeTimes));
        }

        return new RampSchedule([.. percentages.Select((p, i) => new RampStep(i, p, bakeTimes[i]))]);
    }

    /// <summary>A schedule whose every step bakes for <paramref name="bakeEachStep"/>.</summary>
    public static RampSchedule Create(IReadOnlyList<int> percentages, TimeSpan bakeEachStep)
    {
        ArgumentNullException.ThrowIfNull(percentages);
        return Create(percentages, [.. percentages.Select(_ => bakeEachStep)]);
    }

    /// <summary>
    /// Every rule the percentages break, each as the text that follows the value in an error message
    /// (e.g. "is not strictly increasing; ..."); empty when the schedule is valid.
    /// </summary>
    public static IReadOnlyList<string> ProblemsWith(IReadOnlyList<int> percentages)
    {
        ArgumentNullException.ThrowIfNull(percentages);
        if (percentages.Count == 0)
        {
            return ["is empty; list the percentages sent to the new colour at each step, from 0 to 100, e.g. [0, 5, 25, 50, 100]"];
        }

        var problems = new List<string>();
        var outside = percentages.Where(p => p is < 0 or > 100).ToList();
        if (outside.Count > 0)
        {
            problems.Add($"has {string.Join(", ", outside)} outside 0–100; each step is a percentage of traffic from 0 to 100");
        }

        if (percentages[0] != 0)
        {
            problems.Add("does not start at 0; the first step must be 0 (only the test route reaches the new colour), which is also where a rollback returns");
        }

        if (percentages.Zip(percentages.Skip(1)).Any(pair => pair.Second <= pair.First))
        {
            problems.Add("is not strictly increasing; each step must be greater than the one before and the last must be 100");
        }

        if (percentages[^1] != 100)
        {
            problems.Add("does not end at 100; the last step must send all traffic to the new colour so that it can be promoted");
        }

        return problems;
    }

    /// <inheritdoc />
    public bool Equals(RampSchedule? other) => other is not null && Steps.SequenceEqual(other.Steps);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var step in Steps)
        {
            hash.Add(step);
        }

        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString() => $"[{string.Join(", ", Percentages)}]";
}
