using BlueGreen.Release;

namespace BlueGreen.Tests;

public class RampScheduleTests
{
    [Fact]
    public void Steps_carry_their_index_percentage_and_bake_time()
    {
        var schedule = RampSchedule.Create([0, 20, 100], [TimeSpan.Zero, TimeSpan.FromMinutes(30), TimeSpan.FromHours(1)]);

        Assert.Equal(
            [
                new RampStep(0, 0, TimeSpan.Zero),
                new RampStep(1, 20, TimeSpan.FromMinutes(30)),
                new RampStep(2, 100, TimeSpan.FromHours(1)),
            ],
            schedule.Steps);
        Assert.Equal(80, schedule[1].PercentToLive);
        Assert.Equal(2, schedule.LastIndex);
        Assert.Equal("[0, 20, 100]", schedule.ToString());
    }

    [Fact]
    public void Two_schedules_with_the_same_steps_are_equal()
    {
        Assert.Equal(RampSchedule.Create([0, 100], TimeSpan.FromHours(1)), RampSchedule.Create([0, 100], TimeSpan.FromHours(1)));
        Assert.NotEqual(RampSchedule.Create([0, 100], TimeSpan.FromHours(1)), RampSchedule.Create([0, 100], TimeSpan.FromHours(2)));
        Assert.Equal(
            RampSchedule.Create([0, 100], TimeSpan.FromHours(1)).GetHashCode(),
            RampSchedule.Create([0, 100], TimeSpan.FromHours(1)).GetHashCode());
    }

    [Theory]
    [InlineData(new[] { 0, 100 })]
    [InlineData(new[] { 0, 1, 2, 3, 100 })]
    [InlineData(new[] { 0, 5, 25, 50, 100 })]
    public void Valid_schedules_have_no_problems(int[] percentages)
    {
        Assert.Empty(RampSchedule.ProblemsWith(percentages));
    }

    [Theory]
    [InlineData(new[] { 100 }, "does not start at 0")]
    [InlineData(new[] { 0 }, "does not end at 100")]
    [InlineData(new[] { 0, 0, 100 }, "is not strictly increasing")]
    [InlineData(new[] { 0, 60, 40, 100 }, "is not strictly increasing")]
    [InlineData(new[] { 0, 50, 100, 100 }, "is not strictly increasing")]
    [InlineData(new[] { -1, 0, 100 }, "has -1 outside 0–100")]
    public void Invalid_schedules_name_the_broken_rule(int[] percentages, string problem)
    {
        Assert.Contains(RampSchedule.ProblemsWith(percentages), p => p.StartsWith(problem, StringComparison.Ordinal));
        var error = Assert.Throws<ArgumentException>(() => RampSchedule.Create(percentages, TimeSpan.Zero));
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void Bake_times_must_match_the_steps_and_never_be_negative()
    {
        Assert.Throws<ArgumentException>(() => RampSchedule.Create([0, 100], [TimeSpan.Zero]));
        Assert.Throws<ArgumentException>(() => RampSchedule.Create([0, 100], [TimeSpan.Zero, TimeSpan.FromMinutes(-1)]));
    }

    [Fact]
    public void A_step_outside_the_schedule_is_refused()
    {
        var schedule = RampSchedule.Create([0, 100], TimeSpan.Zero);

        Assert.False(schedule.Contains(2));
        Assert.False(schedule.Contains(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => schedule[2]);
    }
}
