using BlueGreen.Components;
using BlueGreen.Release;
using Pulumi;

namespace BlueGreen.Tests.Components;

/// <summary>What the load balancer accepts of a forward action (the release model decides it; the listener only checks it).</summary>
public class ForwardActionRulesTests
{
    private static readonly Dictionary<Colour, Input<string>> Arns = new() { [Colour.Blue] = "arn:blue", [Colour.Green] = "arn:green" };

    private static ForwardAction Action(int blue, int green, int duration = 3600) =>
        new([new WeightedTarget(Colour.Blue, blue), new WeightedTarget(Colour.Green, green)], new TargetGroupStickiness(true, duration));

    [Theory]
    [InlineData(60, 30, 3600, "sum to 100")]
    [InlineData(-10, 110, 3600, "0 to 100")]
    [InlineData(50, 50, 0, "1–604800")]
    [InlineData(50, 50, 604801, "1–604800")]
    public void Bad_weights_or_durations_are_refused(int blue, int green, int duration, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => ForwardActionRules.Validate(Action(blue, green, duration), Arns, "Forward"));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal("Forward", error.ParamName);
    }

    [Fact]
    public void An_empty_action_is_refused() =>
        Assert.Throws<ArgumentException>(() => ForwardActionRules.Validate(new ForwardAction([], new TargetGroupStickiness(false, 60)), Arns, "Forward"));

    [Fact]
    public void A_colour_twice_is_refused() =>
        Assert.Throws<ArgumentException>(() => ForwardActionRules.Validate(
            new ForwardAction([new(Colour.Blue, 50), new(Colour.Blue, 50)], new TargetGroupStickiness(false, 60)), Arns, "Forward"));

    [Fact]
    public void A_target_without_its_target_group_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => ForwardActionRules.Validate(
            Action(50, 50), new Dictionary<Colour, Input<string>> { [Colour.Blue] = "arn:blue" }, "Forward"));

        Assert.Contains("green needs its target group ARN", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_action_the_release_model_decides_is_accepted()
    {
        var schedule = RampSchedule.Create([0, 1, 5, 25, 50, 99, 100], [.. Enumerable.Repeat(TimeSpan.FromMinutes(5), 7)]);
        foreach (var live in Colours.All)
        {
            for (var step = 0; step <= schedule.LastIndex; step++)
            {
                var action = TrafficSplit.For(live, schedule, step).ForwardAction(new StickinessSettings(true, TimeSpan.FromDays(7)));
                ForwardActionRules.Validate(action, Arns, "Forward");
            }

            ForwardActionRules.Validate(TrafficSplit.AllTo(live, retired: live.Other()).ForwardAction(StickinessSettings.Default), Arns, "Forward");
        }
    }
}
