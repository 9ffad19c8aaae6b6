using BlueGreen.Release;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace BlueGreen.Tests;

/// <summary>A valid ramp: a schedule from 0 to 100, a live colour and a step in the schedule.</summary>
public sealed record RampCase(int[] Percentages, Colour Live, int Step)
{
    public RampSchedule Schedule => RampSchedule.Create(Percentages, TimeSpan.FromMinutes(10));

    public Colour New => Live.Other();

    public override string ToString() => $"live {Live}, step {Step} of [{string.Join(", ", Percentages)}]";
}

/// <summary>Any list of small whole numbers, valid schedule or not.</summary>
public sealed record AnyPercentages(int[] Values)
{
    public override string ToString() => $"[{string.Join(", ", Values)}]";
}

public static class ReleaseArbitraries
{
    private static Gen<int[]> ValidPercentages =>
        Gen.SubListOf(Enumerable.Range(1, 99))
            .Select(middle => new[] { 0 }.Concat(middle.Order()).Append(100).ToArray());

    public static Arbitrary<RampCase> RampCases() =>
        (from percentages in ValidPercentages
         from live in Gen.Elements(Colour.Blue, Colour.Green)
         from step in Gen.Choose(0, percentages.Length - 1)
         select new RampCase(percentages, live, step))
        .ToArbitrary();

    public static Arbitrary<AnyPercentages> AnyPercentages() =>
        Gen.OneOf(
                ValidPercentages,
                Gen.ArrayOf(Gen.Choose(-10, 110)),
                ValidPercentages.SelectMany(p => Gen.Choose(0, p.Length - 1).Select(i => Mutate(p, i))))
            .Select(values => new AnyPercentages(values))
            .ToArbitrary();

    /// <summary>A near miss: one element of a valid schedule changed to a neighbour's value or off by one.</summary>
    private static int[] Mutate(int[] valid, int index)
    {
        var copy = (int[])valid.Clone();
        copy[index] = index > 0 ? copy[index - 1] : copy[index] + 1;
        return copy;
    }
}

/// <summary>Properties of the traffic split and the schedule rules over random valid ramps.</summary>
[Properties(Arbitrary = [typeof(ReleaseArbitraries)], MaxTest = 300)]
public class ReleaseProperties
{
    [Property]
    public bool Weights_sum_to_100_and_stay_within_0_to_100(RampCase ramp)
    {
        var split = TrafficSplit.For(ramp.Live, ramp.Schedule, ramp.Step);
        return split.Blue + split.Green == 100 && split.Blue is >= 0 and <= 100 && split.Green is >= 0 and <= 100;
    }

    [Property]
    public bool The_new_colour_gets_the_steps_percentage_and_the_live_colour_the_rest(RampCase ramp)
    {
        var split = TrafficSplit.For(ramp.Live, ramp.Schedule, ramp.Step);
        return split.WeightOf(ramp.New) == ramp.Percentages[ramp.Step] &&
               split.WeightOf(ramp.Live) == 100 - ramp.Percentages[ramp.Step];
    }

    [Property]
    public bool The_new_colours_weight_never_falls_along_the_schedule(RampCase ramp)
    {
        var weights = Enumerable.Range(0, ramp.Percentages.Length)
            .Select(step => TrafficSplit.For(ramp.Live, ramp.Schedule, step).WeightOf(ramp.New))
            .ToList();
        return weights.Zip(weights.Skip(1)).All(pair => pair.First <= pair.Second) &&
               weights[0] == 0 && weights[^1] == 100;
    }

    [Property]
    public bool Rollback_sends_everything_to_the_live_colour_like_step_0(RampCase ramp)
    {
        var rollback = TrafficSplit.Rollback(ramp.Live);
        return rollback.WeightOf(ramp.Live) == 100 &&
               rollback == TrafficSplit.For(ramp.Live, ramp.Schedule, 0) &&
               !rollback.ForwardAction(StickinessSettings.Default).Stickiness.Enabled;
    }

    [Property]
    public bool Forward_targets_never_include_a_retired_colour_and_are_never_empty(RampCase ramp, bool retireNew)
    {
        Colour? retired = retireNew ? ramp.New : null;
        var split = TrafficSplit.For(ramp.Live, ramp.Schedule, ramp.Step, retired);
        var targets = split.ForwardAction(StickinessSettings.Default).Targets;
        return targets.Count > 0 &&
               targets.All(t => t.Colour != retired) &&
               targets.Sum(t => t.Weight) == 100 &&
               split.ForwardTargets.Contains(ramp.Live) &&
               (!retireNew || split.WeightOf(ramp.Live) == 100);
    }

    [Property]
    public bool Stickiness_never_holds_clients_on_a_colour_with_weight_0(RampCase ramp, bool retireNew)
    {
        Colour? retired = retireNew ? ramp.New : null;
        var split = TrafficSplit.For(ramp.Live, ramp.Schedule, ramp.Step, retired);
        var stickiness = split.ForwardAction(new StickinessSettings(true, TimeSpan.FromDays(7))).Stickiness;
        var everyTargetHasTraffic = split.ForwardTargets.All(c => split.WeightOf(c) > 0) && split.ForwardTargets.Count == 2;
        return stickiness.Enabled == everyTargetHasTraffic && stickiness.DurationSeconds == 604800;
    }

    [Property]
    public bool The_reader_accepts_exactly_the_schedules_that_rise_from_0_to_100(AnyPercentages schedule)
    {
        var values = schedule.Values;
        var valid = values.Length > 0 && values[0] == 0 && values[^1] == 100 &&
                    values.Zip(values.Skip(1)).All(pair => pair.First < pair.Second);
        var result = TestConfig.Staging().With("ramp.schedule", $"[{string.Join(",", values)}]").Read();
        return valid
            ? result.IsValid && result.Settings.Ramp.Schedule.Percentages.SequenceEqual(values)
            : !result.IsValid && result.Problems.All(p => p.Key == ConfigKeys.RampSchedule);
    }

    [Property]
    public bool The_reader_splits_traffic_as_TrafficSplit_For_does(RampCase ramp)
    {
        var settings = TestConfig.Staging()
            .With("release.live", ramp.Live.ConfigName())
            .With("ramp.schedule", $"[{string.Join(",", ramp.Percentages)}]")
            .With("ramp.step", ramp.Step.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .With("ramp.stepSetAt", "2025-06-10T11:00:00Z")
            .Valid();
        return settings.Split == TrafficSplit.For(ramp.Live, ramp.Schedule, ramp.Step) && settings.OtherColour == ramp.New;
    }

    [Property]
    public bool The_bake_gate_passes_exactly_when_the_bake_time_has_passed(RampCase ramp, PositiveInt bakeMinutes, int offsetMinutes)
    {
        var bake = TimeSpan.FromMinutes(bakeMinutes.Get);
        var schedule = RampSchedule.Create(ramp.Percentages, bake);
        var setAt = TestConfig.Now;
        var now = setAt + bake + TimeSpan.FromMinutes(offsetMinutes);
        var decision = BakeGate.Evaluate(schedule, ramp.Step, setAt, now);
        return decision.Passed == (offsetMinutes >= 0) &&
               decision.EarliestAt == (decision.Passed ? null : setAt + bake);
    }

    [Property]
    public bool Durations_survive_formatting(NonNegativeInt milliseconds)
    {
        var duration = TimeSpan.FromMilliseconds(milliseconds.Get) * 1000;
        return DurationText.Parse(DurationText.Format(duration)) == duration;
    }
}
