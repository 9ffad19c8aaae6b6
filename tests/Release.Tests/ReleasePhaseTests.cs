using BlueGreen.Release;

namespace BlueGreen.Tests;

/// <summary>The one owner of "which phase is the stack in?": decided from the config alone.</summary>
public class ReleasePhaseTests
{
    private static readonly string LongAgo = UtcTimestamp.Format(TestConfig.Now - TimeSpan.FromDays(10));
    private static readonly string DaysAgo = UtcTimestamp.Format(TestConfig.Now - TimeSpan.FromDays(5));
    private static readonly string HourAgo = UtcTimestamp.Format(TestConfig.Now - TimeSpan.FromHours(1));

    [Fact]
    public void A_release_never_promoted_is_ramping_with_the_live_colour_as_rollback_target()
    {
        var phase = TestConfig.Prod().Valid().Phase;

        Assert.Equal(new ReleasePhase(ReleasePhaseKind.Ramping, Colour.Blue, Colour.Green, Colour.Blue), phase);
        Assert.Equal(Colour.Green, phase.Ramping);
        Assert.True(phase.ComparesColours);
    }

    [Fact]
    public void After_a_promotion_the_same_colour_stays_at_risk_and_the_previous_one_is_the_rollback_target()
    {
        var phase = TestConfig.Prod()
            .With("release.live", "green").With("ramp.stepSetAt", LongAgo).With("release.promotedAt", HourAgo)
            .Valid().Phase;

        Assert.Equal(new ReleasePhase(ReleasePhaseKind.Stabilizing, Colour.Green, Colour.Green, Colour.Blue), phase);
        Assert.Null(phase.Ramping);
        Assert.False(phase.ComparesColours);
        Assert.Equal(Colour.Green, phase.ReleaseUnderWay);
    }

    [Fact]
    public void A_step_set_after_the_promotion_starts_a_ramp_again()
    {
        var phase = TestConfig.Prod()
            .With("release.live", "blue").With("release.promotedAt", DaysAgo).With("ramp.stepSetAt", HourAgo)
            .Valid().Phase;

        Assert.Equal(ReleasePhaseKind.Ramping, phase.Kind);
        Assert.Equal(Colour.Green, phase.AtRisk);
    }

    [Fact]
    public void With_the_other_colour_retired_the_stack_is_idle()
    {
        var phase = TestConfig.Prod()
            .With("release.live", "green").With("ramp.stepSetAt", LongAgo).With("release.promotedAt", DaysAgo).With("release.retired", "blue")
            .Valid().Phase;

        Assert.Equal(new ReleasePhase(ReleasePhaseKind.Idle, Colour.Green, null, null), phase);
        Assert.Equal(["start --version TAG"], phase.AllowedMoves(TestConfig.Prod().Valid()));
    }
}

/// <summary>The release moves are decisions, never exceptions: the CLI and CI make their own messages from them.</summary>
public class ReleaseMovesTests
{
    private static readonly DateTimeOffset Now = TestConfig.Now;

    [Fact]
    public void A_step_still_baking_is_a_refusal_with_the_time_it_may_go_ahead()
    {
        var settings = TestConfig.Prod().With("ramp.step", "1").With("ramp.stepSetAt", UtcTimestamp.Format(Now - TimeSpan.FromMinutes(10))).Valid();

        var decision = ReleaseMoves.Next(settings, Now);

        Assert.True(decision.IsRefused);
        Assert.Null(decision.Change);
        Assert.Equal(Now - TimeSpan.FromMinutes(10) + settings.Ramp.CurrentStep.Bake, decision.EarliestAt);
    }

    [Fact]
    public void A_rollback_at_step_0_while_ramping_has_nothing_to_do()
    {
        var decision = ReleaseMoves.Rollback(TestConfig.Prod().Valid(), Now);

        Assert.Equal(MovePlan.Nothing(MoveKind.Rollback), decision);
    }

    [Fact]
    public void A_baked_step_is_allowed_with_the_edits_it_makes()
    {
        var settings = TestConfig.Prod().With("ramp.step", "1").With("ramp.stepSetAt", UtcTimestamp.Format(Now - TimeSpan.FromDays(1))).Valid();

        var change = ReleaseMoves.Next(settings, Now).Change!;

        Assert.Equal([ConfigEdit.Number(ConfigKeys.RampStep, 2), ConfigEdit.Time(ConfigKeys.RampStepSetAt, Now)], change.Edits);
    }
}
