using BlueGreen.Release;

namespace BlueGreen.Tests;

/// <summary>Rules across keys: the step and its time, retirement, the two colours' tags, the step after a promotion.</summary>
public class CrossKeyRejectionTests
{
    private static readonly DateTimeOffset Now = TestConfig.Now;

    [Fact]
    public void Weights_outside_0_to_100_are_rejected()
    {
        var problems = TestConfig.Staging().With("ramp.schedule", "[0,50,100,120]").Problems();

        Assert.Contains(problems, p => p.Message ==
            "bluegreen:ramp.schedule: [0, 50, 100, 120] has 120 outside 0–100; each step is a percentage of traffic from 0 to 100");
        Assert.Contains(problems, p => p.Message.Contains("does not end at 100", StringComparison.Ordinal));
    }

    [Fact]
    public void A_step_above_0_needs_the_time_it_was_set()
    {
        var problem = TestConfig.Staging().With("ramp.step", "2").OnlyProblem();

        Assert.Equal("ramp.stepSetAt", problem.Key);
        Assert.Contains("is missing; ramp.step is 2", problem.Message);
    }

    [Fact]
    public void Retiring_the_new_colour_while_it_still_receives_traffic_is_rejected()
    {
        var problem = TestConfig.Staging()
            .With("ramp.step", "2")
            .With("ramp.stepSetAt", TestConfig.Timestamp(Now.AddHours(-3)))
            .With("release.promotedAt", TestConfig.Timestamp(Now.AddDays(-10)))
            .With("release.retired", "green")
            .OnlyProblem();

        Assert.Equal(
            "bluegreen:release.retired: green still receives 25 % of traffic at ramp.step 2; set ramp.step to 0 (all traffic on the live colour) before retiring it",
            problem.Message);
    }

    [Fact]
    public void Retiring_before_the_stabilization_window_has_passed_is_rejected_with_the_earliest_time()
    {
        var problem = TestConfig.Prod()
            .With("release.live", "green")
            .With("release.promotedAt", "2025-06-09T12:00:00Z")
            .With("release.retired", "blue")
            .OnlyProblem();

        Assert.Equal("release.retired", problem.Key);
        Assert.StartsWith("bluegreen:release.retired: blue cannot be retired yet:", problem.Message);
        Assert.Contains("the 72h stabilization window ends at 2025-06-12T12:00:00Z", problem.Message);
    }

    [Fact]
    public void Retiring_without_a_promotion_time_is_rejected()
    {
        var problem = TestConfig.Staging().With("release.retired", "green").OnlyProblem();

        Assert.Equal("release.retired", problem.Key);
        Assert.Contains("release.promotedAt is not set", problem.Message);
    }

    [Fact]
    public void Retiring_once_the_stabilization_window_has_passed_is_accepted()
    {
        var settings = TestConfig.Prod()
            .With("release.live", "green")
            .With("release.promotedAt", "2025-06-07T11:59:59Z")
            .With("release.retired", "blue")
            .Valid();

        Assert.Equal(Colour.Blue, settings.Release.Retired);
        Assert.Equal([Colour.Green], settings.Split.ForwardTargets);
        Assert.Equal(100, settings.Split.Green);
        Assert.Equal([Colour.Green], settings.DeployedColours);
    }

    [Fact]
    public void A_retired_colour_needs_no_image_tag()
    {
        var settings = TestConfig.Staging()
            .Without("green.imageTag")
            .With("release.promotedAt", "2025-06-01T00:00:00Z")
            .With("release.retired", "green")
            .Valid();

        Assert.Null(settings.Green.ImageTag);
    }

    [Fact]
    public void The_same_image_tag_on_both_colours_during_a_ramp_is_rejected()
    {
        var problem = TestConfig.Staging().With("green.imageTag", "1.4.2").OnlyProblem();

        Assert.Equal("green.imageTag", problem.Key);
        Assert.StartsWith("bluegreen:green.imageTag: 1.4.2 is also bluegreen:blue.imageTag", problem.Message);
        Assert.Contains("must run a different image tag", problem.Message);
    }

    [Fact]
    public void The_same_image_tag_names_the_new_colour_when_green_is_live()
    {
        var problem = TestConfig.Staging().With("release.live", "green").With("green.imageTag", "1.4.2").OnlyProblem();

        Assert.Equal("blue.imageTag", problem.Key);
    }

    [Fact]
    public void The_same_image_tag_is_fine_once_a_colour_is_retired()
    {
        var settings = TestConfig.Staging()
            .With("green.imageTag", "1.4.2")
            .With("release.promotedAt", "2025-06-01T00:00:00Z")
            .With("release.retired", "green")
            .Valid();

        Assert.Equal("1.4.2", settings.Green.ImageTag);
    }

    [Fact]
    public void A_step_set_before_the_promotion_must_be_0()
    {
        // release.live flipped to the promoted colour but ramp.step left at the top would send
        // everything back to the old colour.
        var problem = TestConfig.Staging()
            .With("release.live", "green")
            .With("ramp.step", "4")
            .With("ramp.stepSetAt", "2025-06-10T08:00:00Z")
            .With("release.promotedAt", "2025-06-10T10:00:00Z")
            .OnlyProblem();

        Assert.Equal("ramp.step", problem.Key);
        Assert.Contains("before the promotion at 2025-06-10T10:00:00Z", problem.Message);
    }
}
