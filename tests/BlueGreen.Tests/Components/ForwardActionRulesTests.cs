using BlueGreen.Components;
using BlueGreen.Release;

namespace BlueGreen.Tests.Components;

public class ForwardActionRulesTests
{
    [Theory]
    [InlineData(90, 10, true)]
    [InlineData(50, 50, true)]
    [InlineData(1, 99, true)]
    [InlineData(100, 0, false)]
    [InlineData(0, 100, false)]
    public void Stickiness_is_on_only_while_every_colour_has_weight(int blue, int green, bool expected)
    {
        var decision = ForwardActionRules.Decide(
            [new ColourWeight(Colour.Blue, blue), new ColourWeight(Colour.Green, green)], stickinessRequested: true, 3600);

        Assert.Equal(expected, decision.StickinessEnabled);
        Assert.Equal(3600, decision.StickinessDurationSeconds);
    }

    [Fact]
    public void Stickiness_not_requested_stays_off() =>
        Assert.False(ForwardActionRules.Decide(
            [new ColourWeight(Colour.Blue, 50), new ColourWeight(Colour.Green, 50)], stickinessRequested: false, 60).StickinessEnabled);

    [Fact]
    public void A_single_target_group_has_nothing_to_stick_to() =>
        Assert.False(ForwardActionRules.Decide([new ColourWeight(Colour.Green, 100)], stickinessRequested: true, 60).StickinessEnabled);

    [Fact]
    public void Targets_keep_their_order_and_weights()
    {
        var decision = ForwardActionRules.Decide(
            [new ColourWeight(Colour.Green, 70), new ColourWeight(Colour.Blue, 30)], stickinessRequested: true, 60);
        Assert.Equal([new ColourWeight(Colour.Green, 70), new ColourWeight(Colour.Blue, 30)], decision.Targets);
    }

    [Theory]
    [InlineData(60, 30, 3600, "sum to 100")]
    [InlineData(-10, 110, 3600, "0 to 100")]
    [InlineData(50, 50, 0, "1–604800")]
    [InlineData(50, 50, 604801, "1–604800")]
    public void Bad_weights_or_durations_are_refused(int blue, int green, int duration, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => ForwardActionRules.Decide(
            [new ColourWeight(Colour.Blue, blue), new ColourWeight(Colour.Green, green)], true, duration, "TargetGroups"));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal("TargetGroups", error.ParamName);
    }

    [Fact]
    public void An_empty_action_is_refused() =>
        Assert.Throws<ArgumentException>(() => ForwardActionRules.Decide([], true, 60));

    [Fact]
    public void A_colour_twice_is_refused() =>
        Assert.Throws<ArgumentException>(() => ForwardActionRules.Decide(
            [new ColourWeight(Colour.Blue, 50), new ColourWeight(Colour.Blue, 50)], true, 60));

    [Fact]
    public void Agrees_with_the_release_models_rule_at_every_step()
    {
        foreach (var green in Enumerable.Range(0, 101))
        {
            var split = TrafficSplit.Of(100 - green, green);
            var decision = ForwardActionRules.Decide(
                [new ColourWeight(Colour.Blue, split.Blue), new ColourWeight(Colour.Green, split.Green)], true, 60);
            Assert.Equal(split.StickinessAllowed, decision.StickinessEnabled);
        }
    }
}
