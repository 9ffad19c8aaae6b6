using BlueGreen.Release;

namespace BlueGreen.Tests;

public class TrafficSplitTests
{
    private static readonly RampSchedule Default = RampSchedule.Create(RampSchedule.DefaultPercentages, TimeSpan.FromHours(1));

    [Theory]
    [InlineData(0, 100, 0)]
    [InlineData(1, 95, 5)]
    [InlineData(2, 75, 25)]
    [InlineData(3, 50, 50)]
    [InlineData(4, 0, 100)]
    public void Weights_of_every_default_step_with_blue_live(int step, int blue, int green)
    {
        var split = TrafficSplit.For(Colour.Blue, Default, step);

        Assert.Equal((blue, green), (split.Blue, split.Green));
    }

    [Theory]
    [InlineData(0, 0, 100)]
    [InlineData(1, 5, 95)]
    [InlineData(2, 25, 75)]
    [InlineData(3, 50, 50)]
    [InlineData(4, 100, 0)]
    public void Weights_of_every_default_step_with_green_live(int step, int blue, int green)
    {
        var split = TrafficSplit.For(Colour.Green, Default, step);

        Assert.Equal((blue, green), (split.Blue, split.Green));
    }

    [Fact]
    public void Rollback_sends_everything_to_the_live_colour_and_equals_step_0()
    {
        Assert.Equal(TrafficSplit.Of(100, 0), TrafficSplit.Rollback(Colour.Blue));
        Assert.Equal(TrafficSplit.Of(0, 100), TrafficSplit.Rollback(Colour.Green));
        Assert.Equal(TrafficSplit.Rollback(Colour.Green), TrafficSplit.For(Colour.Green, Default, 0));
    }

    [Fact]
    public void A_retired_colour_gets_nothing_and_leaves_the_forward_action_whatever_the_step()
    {
        var split = TrafficSplit.For(Colour.Blue, Default, 3, retired: Colour.Green);

        Assert.Equal(100, split.Blue);
        Assert.Equal(0, split.Green);
        Assert.Equal([Colour.Blue], split.ForwardTargets);
        Assert.False(split.IsInForwardAction(Colour.Green));
    }

    [Fact]
    public void A_0_weight_colour_that_is_not_retired_stays_in_the_forward_action()
    {
        var split = TrafficSplit.For(Colour.Blue, Default, 0);

        Assert.Equal([Colour.Blue, Colour.Green], split.ForwardTargets);
    }

    [Fact]
    public void The_live_colour_cannot_be_retired()
    {
        var error = Assert.Throws<ArgumentException>(() => TrafficSplit.For(Colour.Blue, Default, 0, retired: Colour.Blue));

        Assert.Contains("The live colour (blue) cannot be retired", error.Message);
    }

    [Fact]
    public void A_step_past_the_schedule_is_refused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => TrafficSplit.For(Colour.Blue, Default, 5));

        Assert.Contains("steps run from 0 to 4", error.Message);
    }

    [Theory]
    [InlineData(-1, 101)]
    [InlineData(101, -1)]
    [InlineData(50, 49)]
    [InlineData(60, 60)]
    public void Weights_outside_0_to_100_or_not_summing_to_100_are_refused(int blue, int green)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TrafficSplit.Of(blue, green));
    }

    [Fact]
    public void A_retired_colour_with_weight_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TrafficSplit.Of(50, 50, retired: Colour.Green));
    }

    [Theory]
    [InlineData(0, false)] // 0 % to the new colour: stickiness would hold clients on it
    [InlineData(1, true)]
    [InlineData(3, true)]
    [InlineData(4, false)] // 0 % to the live colour
    public void Stickiness_is_on_only_while_both_colours_take_traffic(int step, bool expected)
    {
        var action = TrafficSplit.For(Colour.Blue, Default, step).ForwardAction(new StickinessSettings(true, TimeSpan.FromHours(2)));

        Assert.Equal(new TargetGroupStickiness(expected, 7200), action.Stickiness);
    }

    [Fact]
    public void Stickiness_is_off_with_a_single_target_and_when_not_configured()
    {
        var on = new StickinessSettings(true, TimeSpan.FromHours(1));
        Assert.False(TrafficSplit.For(Colour.Blue, Default, 0, Colour.Green).ForwardAction(on).Stickiness.Enabled);
        Assert.False(TrafficSplit.Of(50, 50).ForwardAction(on with { Enabled = false }).Stickiness.Enabled);
    }

    [Fact]
    public void The_forward_action_lists_weights_blue_first()
    {
        var action = TrafficSplit.For(Colour.Green, Default, 1).ForwardAction(StickinessSettings.Default);

        Assert.Equal([new WeightedTarget(Colour.Blue, 5), new WeightedTarget(Colour.Green, 95)], action.Targets);
    }

    [Fact]
    public void A_split_describes_itself()
    {
        Assert.Equal("blue 100 % / green 0 % (green retired)", TrafficSplit.AllTo(Colour.Blue, Colour.Green).ToString());
    }
}
