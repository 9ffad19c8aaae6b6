using BlueGreen.Release;

namespace BlueGreen.Tests;

/// <summary>The release model's answer to "is the next proposal due": the mode, the phase, a pending apply, the
/// plan's own refusals, and the ramp pull requests on record.</summary>
public class AutoProgressTests
{
    private static readonly DateTimeOffset Now = TestConfig.Now;

    private static StackSettings Ramping(string mode, int step = 2, TimeSpan? setAgo = null) => TestConfig.Staging()
        .With("ramp.autoProgress", mode)
        .With("ramp.step", step.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .With("ramp.stepSetAt", UtcTimestamp.Format(Now - (setAgo ?? TimeSpan.FromHours(1))))
        .Valid();

    private static void SamePlan(MovePlan expected, MovePlan actual)
    {
        Assert.Equal(expected.Kind, actual.Kind);
        Assert.Equal(expected.Change!.Edits, actual.Change!.Edits);
        Assert.Equal(expected.Gates, actual.Gates);
        Assert.Null(actual.ForceReason);
    }

    private static DeployedRamp DeployedAt(int step) => new(Colour.Blue, step, "1.4.2", "1.5.0", Now - TimeSpan.FromHours(1));

    [Theory]
    [InlineData(null, AutoProgressMode.Off)]
    [InlineData("off", AutoProgressMode.Off)]
    [InlineData("propose", AutoProgressMode.Propose)]
    [InlineData("merge", AutoProgressMode.Merge)]
    public void The_mode_is_read_and_off_by_default(string? text, AutoProgressMode mode)
    {
        var config = TestConfig.Staging();
        Assert.Equal(mode, (text is null ? config : config.With("ramp.autoProgress", text)).Valid().Ramp.AutoProgress);
    }

    [Fact]
    public void Baked_and_deployed_as_the_file_says_the_next_step_is_the_plan_of_next_without_force()
    {
        var s = Ramping("propose");
        var move = AutoProgress.Move(s, DeployedAt(2), Now);

        Assert.False(move.IsRefused, move.Refusal);
        SamePlan(ReleaseMoves.Next(s, Now), move);
        Assert.Equal("ramp/staging/1.5.0-step-3-after-20250610T110000Z", AutoProgress.BranchOf(s, move));
    }

    [Fact]
    public void At_the_last_step_it_is_the_promotion()
    {
        var s = Ramping("merge", step: 4);
        var move = AutoProgress.Move(s, DeployedAt(4), Now);

        Assert.Equal(MoveKind.Promote, move.Kind);
        SamePlan(ReleaseMoves.Promote(s, Now), move);
        Assert.Equal("ramp/staging/1.5.0-promote-after-20250610T110000Z", AutoProgress.BranchOf(s, move));
    }

    [Fact]
    public void Off_is_never_due()
    {
        var move = AutoProgress.Move(Ramping("off"), DeployedAt(2), Now);

        Assert.Equal("bluegreen:ramp.autoProgress is off: a person runs every step", move.Refusal);
    }

    [Fact]
    public void Not_before_the_bake_with_when()
    {
        var move = AutoProgress.Move(Ramping("propose", setAgo: TimeSpan.FromMinutes(4)), DeployedAt(2), Now);

        Assert.True(move.IsRefused);
        Assert.Equal(Now + TimeSpan.FromMinutes(6), move.EarliestAt); // staging bakes 10m
    }

    [Fact]
    public void Not_while_the_file_is_ahead_of_what_is_deployed()
    {
        var move = AutoProgress.Move(Ramping("propose"), DeployedAt(1), Now);

        Assert.StartsWith("the stack file is ahead of what is deployed (deployed: step 1; the file: step 2", move.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void An_open_ramp_pull_request_of_the_stack_holds_every_proposal_and_one_of_another_stack_none()
    {
        RampProposal[] open = [new(5, "https://github.com/o/r/pull/5", "ramp/staging/1.5.0-step-2", ProposalState.Open)];
        RampProposal[] other = [new(6, "https://github.com/o/r/pull/6", "ramp/prod/1.5.0-step-2", ProposalState.Open)];

        Assert.Contains("#5", AutoProgress.Blocking(open, "staging", "ramp/staging/1.5.0-step-3"), StringComparison.Ordinal);
        Assert.Null(AutoProgress.Blocking(other, "staging", "ramp/staging/1.5.0-step-3"));
    }

    [Fact]
    public void A_closed_unmerged_proposal_holds_its_own_step_only_and_a_merged_one_nothing()
    {
        RampProposal[] closed = [new(5, "https://github.com/o/r/pull/5", "ramp/staging/1.5.0-step-3", ProposalState.ClosedUnmerged)];
        RampProposal[] merged = [new(5, "https://github.com/o/r/pull/5", "ramp/staging/1.5.0-step-3", ProposalState.Merged)];

        Assert.Contains("closed without merging", AutoProgress.Blocking(closed, "staging", "ramp/staging/1.5.0-step-3"), StringComparison.Ordinal);
        Assert.Null(AutoProgress.Blocking(closed, "staging", "ramp/staging/1.5.0-step-4"));
        Assert.Null(AutoProgress.Blocking(merged, "staging", "ramp/staging/1.5.0-step-3"));
    }

    [Fact]
    public void A_branch_name_is_a_valid_git_ref_for_any_image_tag()
    {
        var s = TestConfig.Staging().With("green.imageTag", "1.5.0..rc_1").With("ramp.autoProgress", "propose").With("ramp.step", "1")
            .With("ramp.stepSetAt", UtcTimestamp.Format(Now - TimeSpan.FromHours(1))).Valid();

        // git check-ref-format: no ".." in a ref.
        Assert.Equal("ramp/staging/1.5.0-rc_1-step-2-after-20250610T110000Z", AutoProgress.BranchOf(s, AutoProgress.Move(s, null, Now)));
    }

    [Fact]
    public void The_same_step_ramped_again_after_a_rollback_gets_a_branch_of_its_own()
    {
        // The first attempt's step 2 was set an hour ago; after a rollback the release climbs again and reaches step 2
        // later: its proposal must be neither held by the first attempt's closed one nor pushed onto its old branch.
        var first = Ramping("propose", step: 2);
        var again = Ramping("propose", step: 2, setAgo: TimeSpan.FromMinutes(5));
        var firstBranch = AutoProgress.BranchOf(first, AutoProgress.Move(first, DeployedAt(2), Now));
        var againBranch = AutoProgress.BranchOf(again, AutoProgress.Move(again, DeployedAt(2), Now));
        RampProposal[] closed = [new(5, "https://github.com/o/r/pull/5", firstBranch, ProposalState.ClosedUnmerged)];

        Assert.NotEqual(firstBranch, againBranch);
        Assert.NotNull(AutoProgress.Blocking(closed, "staging", firstBranch));
        Assert.Null(AutoProgress.Blocking(closed, "staging", againBranch));
    }
}
