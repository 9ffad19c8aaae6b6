using BlueGreen.Release;

namespace BlueGreen.Tests;

/// <summary>The ramp as a timeline (what <c>ramp plan</c> shows), and the listener drift rules.</summary>
public class ReleaseTimelineTests
{
    private static readonly DateTimeOffset Now = TestConfig.Now;

    [Fact]
    public void Each_step_can_be_set_once_the_one_before_has_baked_counting_from_step_set_at_and_from_now()
    {
        // Default schedule [0, 5, 25, 50, 100] with prod bake times; step 1 set 30 minutes ago.
        var settings = TestConfig.Prod()
            .With("ramp.bake", """["30m","2h","4h","8h","1h"]""")
            .With("ramp.step", "1")
            .With("ramp.stepSetAt", TestConfig.Timestamp(Now.AddMinutes(-30)))
            .Valid();

        var timeline = ReleaseTimeline.Of(settings, Now);

        Assert.True(timeline.Steps[0].Done);
        var (one, two, three, four) = (timeline.Steps[1], timeline.Steps[2], timeline.Steps[3], timeline.Steps[4]);
        Assert.Equal((Now.AddMinutes(-30), Now), (one.FromStepSetAt!.Value, one.FromNow!.Value));
        Assert.Equal((Now.AddMinutes(90), Now.AddHours(2)), (two.FromStepSetAt!.Value, two.FromNow!.Value));
        Assert.Equal((Now.AddMinutes(330), Now.AddHours(6)), (three.FromStepSetAt!.Value, three.FromNow!.Value));
        Assert.Equal((Now.AddMinutes(810), Now.AddHours(14)), (four.FromStepSetAt!.Value, four.FromNow!.Value));
        Assert.Equal(Now.AddMinutes(870), timeline.PromotionFromStepSetAt);
        Assert.Equal(Now.AddHours(15), timeline.PromotionFromNow);
        Assert.Equal(TimeSpan.FromMinutes(30 + 120 + 240 + 480 + 60), timeline.TotalBake);
    }

    [Fact]
    public void A_step_set_long_ago_is_never_earlier_than_now()
    {
        var settings = TestConfig.Staging().With("ramp.step", "1").With("ramp.stepSetAt", TestConfig.Timestamp(Now.AddDays(-1))).Valid();

        var timeline = ReleaseTimeline.Of(settings, Now);

        Assert.All(timeline.Steps.Skip(2), s => Assert.True(s.FromStepSetAt >= Now));
    }

    [Fact]
    public void Without_a_release_in_progress_the_timeline_is_of_a_release_started_now()
    {
        var idle = TestConfig.Staging()
            .With("release.retired", "green")
            .With("release.promotedAt", TestConfig.Timestamp(Now.AddDays(-9)))
            .With("ramp.stepSetAt", TestConfig.Timestamp(Now.AddDays(-10)))
            .Valid();

        var timeline = ReleaseTimeline.Of(idle, Now);

        Assert.DoesNotContain(timeline.Steps, s => s.Done);
        Assert.All(timeline.Steps, s => Assert.Null(s.FromStepSetAt));
        Assert.Equal(Now, timeline.Steps[0].FromNow);
        Assert.Null(timeline.PromotionFromStepSetAt);
    }

    [Theory]
    [InlineData(75, 25, 75, 25, true, true)]
    [InlineData(75, 25, 100, 0, false, false)]
    [InlineData(100, 0, 100, null, true, true)] // green at 0 missing from the action: no drift
    public void The_listener_agrees_when_it_sends_the_splits_weights(int blue, int green, int liveBlue, int? liveGreen, bool agrees, bool sameTraffic)
    {
        var split = TrafficSplit.Of(blue, green);

        Assert.Equal(agrees, split.AgreesWithListener(Colour.Blue, liveBlue) && split.AgreesWithListener(Colour.Green, liveGreen));
        Assert.Equal(sameTraffic, split.SendsSameTraffic(Colour.Blue, liveBlue) && split.SendsSameTraffic(Colour.Green, liveGreen));
    }

    [Fact]
    public void A_retired_colour_still_in_the_listener_is_drift_but_sends_no_traffic()
    {
        var split = TrafficSplit.AllTo(Colour.Blue, retired: Colour.Green);

        Assert.False(split.AgreesWithListener(Colour.Green, 0));
        Assert.True(split.AgreesWithListener(Colour.Green, null));
        Assert.True(split.SendsSameTraffic(Colour.Green, 0));
    }
}
