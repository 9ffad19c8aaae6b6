using BlueGreen.Release;
using Moq;

namespace BlueGreen.Ramp.Tests;

/// <summary>
/// <c>ramp verdict</c>: a pull request's stack file judged as a move, offline against the base branch's file (nothing
/// live read: no pulumi, no aws) and with <c>--live</c> against what the fakes say is deployed, as verify reads it.
/// </summary>
public class VerdictTests
{
    /// <summary>The base branch's file at <paramref name="baseStep"/>, deployed at that step two days ago (blue live,
    /// green 1.5.0 ramping), and the pull request's file: the base with <paramref name="pr"/>.</summary>
    private static Harness PullRequest(int baseStep, params ConfigEdit[] pr)
    {
        var h = VerifyTests.Deployed(deployedStep: baseStep, fileStep: baseStep, appliedAgo: TimeSpan.FromDays(2));
        h.Set(ConfigEdit.Time(ConfigKeys.RampStepSetAt, h.Clock.Now - TimeSpan.FromDays(2))); // set in the file, then applied
        Directory.CreateDirectory(Path.GetDirectoryName(BasePath(h))!);
        File.WriteAllText(BasePath(h), h.Text);
        h.Set(pr);
        return h;
    }

    private static string BasePath(Harness h) => Path.Combine(h.Directory, "base", "Pulumi.prod.yaml");

    private static Task<int> Verdict(Harness h, bool live, params string[] args) =>
        h.Run(["verdict", "--base", BasePath(h), .. live ? new[] { "--live" } : [], .. args]);

    private static ConfigEdit Step(Harness h, int step) => ConfigEdit.Number(ConfigKeys.RampStep, step);

    /// <summary>Offline reads nothing live: not one call to pulumi, aws or git.</summary>
    private static void AssertNothingLiveRead(Harness h)
    {
        h.Pulumi.VerifyNoOtherCalls();
        h.Aws.VerifyNoOtherCalls();
        h.Git.VerifyNoOtherCalls();
    }

    private static void AssertNothingLiveReadUnlessLive(Harness h, bool live)
    {
        if (!live)
        {
            AssertNothingLiveRead(h);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_jump_from_step_0_to_2_is_refused_with_the_reason(bool live)
    {
        using var h = PullRequest(0);
        h.Set(Step(h, 2));

        Assert.Equal(ExitCodes.Refused, await Verdict(h, live));

        Assert.Contains("ramp verdict (prod): refused — step 0 → 2: the file jumps from the deployed step 0 to step 2; the ramp moves one step at a time", h.Output, StringComparison.Ordinal);
        AssertNothingLiveReadUnlessLive(h, live);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_new_tag_that_jumps_is_refused_because_a_new_release_enters_at_step_0(bool live)
    {
        using var h = PullRequest(0);
        h.Set(ConfigEdit.Quoted(ConfigKeys.GreenImageTag, "1.6.0"), Step(h, 2));

        Assert.Equal(ExitCodes.Refused, await Verdict(h, live));

        Assert.Contains("refused — a new release with traffic (step 0 → 2): 1.6.0 is not deployed yet on green (the deployed release there is 1.5.0), but the file gives it 25 %", h.Output, StringComparison.Ordinal);
        AssertNothingLiveReadUnlessLive(h, live);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_retire_before_the_stabilization_window_is_refused_naming_the_key_and_line(bool live)
    {
        using var h = PullRequest(0);
        h.Set(ConfigEdit.Plain(ConfigKeys.ReleaseLive, "green"), ConfigEdit.Time(ConfigKeys.ReleasePromotedAt, h.Clock.Now));
        File.WriteAllText(BasePath(h), h.Text); // the base: green promoted now
        h.Outputs = h.Outputs with { Live = Colour.Green };
        h.Set(ConfigEdit.Plain(ConfigKeys.ReleaseRetired, "blue"));
        h.Clock.Advance(TimeSpan.FromHours(24));

        Assert.Equal(ExitCodes.Refused, await Verdict(h, live));

        Assert.Contains("ramp verdict (prod): refused — the stack file is not valid", h.Output, StringComparison.Ordinal);
        var line = File.ReadAllLines(h.FilePath).ToList().FindIndex(l => l.Contains("bluegreen:release.retired:", StringComparison.Ordinal)) + 1;
        Assert.Contains($"{Environment.NewLine}Pulumi.prod.yaml:{line}: bluegreen:release.retired: blue cannot be retired yet", h.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(h.Directory, h.Output, StringComparison.Ordinal); // named as in the repository
        Assert.Contains("release.retired", h.Output, StringComparison.Ordinal);
        Assert.Contains("the 72h stabilization window ends at 2026-01-08T09:00:00Z", h.Output, StringComparison.Ordinal);
        AssertNothingLiveRead(h); // an invalid file is refused before anything live is read
    }

    [Theory]
    [InlineData(2, false)]
    [InlineData(2, true)]
    [InlineData(4, false)]
    public async Task A_promotion_is_refused_unless_it_leaves_the_last_step(int baseStep, bool live)
    {
        using var h = PullRequest(baseStep);
        h.Set(ConfigEdit.Plain(ConfigKeys.ReleaseLive, "green"), Step(h, 0), ConfigEdit.Time(ConfigKeys.ReleasePromotedAt, h.Clock.Now));

        var exit = await Verdict(h, live);

        if (baseStep == 4)
        {
            Assert.Equal(ExitCodes.Ok, exit);
            Assert.Contains("ramp verdict (prod): passes — promotion of green", h.Output, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(ExitCodes.Refused, exit);
            Assert.Contains("refused — promotion of green (step 2 → 0): the file makes green live from the deployed step 2; a promotion leaves the last step 4", h.Output, StringComparison.Ordinal);
        }

        AssertNothingLiveReadUnlessLive(h, live);
    }

    /// <summary>Issue 23: the comment names the move the change is, "a hand edit that is none of these" included: a change
    /// that moves no traffic (here the stickiness duration) is said to be that, and passes.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_change_that_moves_no_traffic_is_named_so_and_passes(bool live)
    {
        using var h = PullRequest(1);
        h.Set(ConfigEdit.Plain(ConfigKeys.StickinessDuration, "2h"));

        Assert.Equal(ExitCodes.Ok, await Verdict(h, live));

        Assert.Contains("ramp verdict (prod): passes — no traffic moves forward", h.Output, StringComparison.Ordinal);
        AssertNothingLiveReadUnlessLive(h, live);
    }

    [Fact]
    public async Task A_proper_step_passes_offline_with_the_live_gates_said_to_be_not_read()
    {
        using var h = PullRequest(1);
        h.Set(Step(h, 2));

        Assert.Equal(ExitCodes.Ok, await Verdict(h, live: false));

        Assert.Contains("ramp verdict (prod): passes — step 1 → 2 — 3 gate(s) not read (no preview role)", h.Output, StringComparison.Ordinal);
        Assert.Contains("bake (step 1): not read — this run has no preview role to read the bake of the deployed step 1", h.Output, StringComparison.Ordinal);
        Assert.Contains("critical green alarms: not read", h.Output, StringComparison.Ordinal);
        Assert.Contains("automatic-rollback record: not read", h.Output, StringComparison.Ordinal);
        Assert.Contains("maintenance mode: passed — maintenance mode is off", h.Output, StringComparison.Ordinal); // the file is its evidence
        AssertNothingLiveRead(h);
    }

    [Fact]
    public async Task Offline_a_step_short_of_its_bake_even_by_the_base_file_s_step_time_is_refused()
    {
        // The base file set step 1 thirty minutes ago; its apply finished no earlier, so its 2h bake cannot be over.
        using var h = VerifyTests.Deployed(deployedStep: 1, fileStep: 1, appliedAgo: TimeSpan.FromMinutes(30));
        h.Set(ConfigEdit.Time(ConfigKeys.RampStepSetAt, h.Clock.Now - TimeSpan.FromMinutes(30)));
        Directory.CreateDirectory(Path.GetDirectoryName(BasePath(h))!);
        File.WriteAllText(BasePath(h), h.Text);
        h.Set(Step(h, 2), ConfigEdit.Time(ConfigKeys.RampStepSetAt, h.Clock.Now));

        Assert.Equal(ExitCodes.Refused, await Verdict(h, live: false));

        Assert.Contains("refused — step 1 → 2: step 1 was applied at 2026-01-05T08:30:00Z and bakes 2h (by the base file's bluegreen:ramp.stepSetAt; its apply finished no earlier)", h.Output, StringComparison.Ordinal);
        AssertNothingLiveRead(h);

        // Recorded as forced, the same bake is a warning, as verify would treat it.
        h.Set(ConfigEdit.Quoted(ConfigKeys.RampForceReason, "INC-7 hotfix"));
        Assert.Equal(ExitCodes.Ok, await Verdict(h, live: false));
        Assert.Contains("bake (step 1): forced", h.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_proper_step_passes_live_once_every_gate_reads_yes_and_is_refused_while_the_step_bakes()
    {
        using var h = PullRequest(1);
        h.Set(Step(h, 2));

        Assert.Equal(ExitCodes.Ok, await Verdict(h, live: true));
        Assert.Contains("ramp verdict (prod): passes — step 1 → 2", h.Output, StringComparison.Ordinal);
        Assert.Contains("bake (step 1): passed — step 1 has baked 2h since its update finished", h.Output, StringComparison.Ordinal);
        Assert.Contains("critical green alarms: passed", h.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("not read", h.Output, StringComparison.Ordinal);

        h.Pulumi.Setup(p => p.LastUpdateFinishedAsync("prod", It.IsAny<CancellationToken>())).ReturnsAsync(h.Clock.Now - TimeSpan.FromHours(1));
        Assert.Equal(ExitCodes.Refused, await Verdict(h, live: true));
        Assert.Contains("refused — step 1 → 2: step 1 was applied at 2026-01-05T08:00:00Z and bakes 2h", h.Output, StringComparison.Ordinal);
        Assert.Contains("It may go ahead at 2026-01-05T10:00:00Z.", h.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_rollback_always_passes_even_with_a_critical_alarm_in_ALARM(bool live)
    {
        using var h = PullRequest(3);
        h.Set(Step(h, 0));
        h.AlarmStates["shop-prod-green-err-crit"] = AlarmState.Alarm;

        Assert.Equal(ExitCodes.Ok, await Verdict(h, live));

        Assert.Contains("ramp verdict (prod): passes — a rollback (step 3 → 0) always passes", h.Output, StringComparison.Ordinal);
        AssertNothingLiveReadUnlessLive(h, live);
    }

    [Fact]
    public async Task A_forced_step_with_an_alarm_passes_with_a_warning_and_an_annotation()
    {
        using var h = PullRequest(1);
        h.Set(Step(h, 2), ConfigEdit.Quoted(ConfigKeys.RampForceReason, "known cold-cache spike, INC-1234"));
        h.AlarmStates["shop-prod-green-err-crit"] = AlarmState.Alarm;

        Assert.Equal(ExitCodes.Ok, await Verdict(h, live: true, "--annotate"));

        Assert.Contains("ramp verdict (prod): passes — step 1 → 2 — 1 gate(s) forced by bluegreen:ramp.forceReason", h.Output, StringComparison.Ordinal);
        Assert.Contains(
            "critical green alarms: forced — critical green alarms not OK: shop-prod-green-err-crit (ALARM); passed by bluegreen:ramp.forceReason: known cold-cache spike, INC-1234",
            h.Output,
            StringComparison.Ordinal);
        Assert.Contains(
            "::warning title=ramp verdict (prod)::forced past the critical green alarms gate (critical green alarms not OK: shop-prod-green-err-crit (ALARM)): known cold-cache spike, INC-1234",
            h.Output,
            StringComparison.Ordinal);
        Assert.DoesNotContain("::error", h.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forced_first_step_whose_smoke_test_failed_is_refused_the_smoke_gate_is_never_forced()
    {
        using var h = PullRequest(0);
        h.Set(Step(h, 1), ConfigEdit.Quoted(ConfigKeys.RampForceReason, "bake waived"));
        h.Export = LiveStateExport.Of(LiveStateExport.SmokeJob("1.5.0", complete: false, failed: true));

        Assert.Equal(ExitCodes.Refused, await Verdict(h, live: true, "--annotate"));

        Assert.Contains("ramp verdict (prod): refused — step 0 → 1: the smoke test of 1.5.0 has not passed in the deployed stack", h.Output, StringComparison.Ordinal);
        Assert.Contains("::error title=ramp verdict (prod)::step 0 → 1: the smoke test of 1.5.0 has not passed", h.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_what_is_deployed_moved_since_the_base_the_verdict_says_so_and_judges_against_what_is_deployed()
    {
        // The PR was opened at step 1 → 2; since then someone rolled back to step 0.
        using var h = PullRequest(1);
        h.Set(Step(h, 2));
        h.Outputs = h.Outputs with { Step = 0 };

        Assert.Equal(ExitCodes.Ok, await Verdict(h, live: false)); // the base file alone cannot see it
        Assert.Equal(ExitCodes.Refused, await Verdict(h, live: true));

        Assert.Contains("What is deployed moved since the base branch's file: the deployed step is 0 (the base file says 1). Judged against what is deployed.", h.Output, StringComparison.Ordinal);
        Assert.Contains("refused — step 0 → 2: the file jumps from the deployed step 0 to step 2", h.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_markdown_block_starts_with_the_verdict_and_lists_each_gate()
    {
        using var h = PullRequest(1);
        h.Set(Step(h, 2));
        var path = Path.Combine(h.Directory, "verdict.md");

        Assert.Equal(ExitCodes.Ok, await Verdict(h, live: false, "--format", "markdown", "--out", path));

        var md = File.ReadAllLines(path);
        Assert.Equal("**ramp verdict (prod): passes** — step 1 → 2 — 3 gate(s) not read (no preview role)", md[0]);
        Assert.Contains("| bake (step 1) | not read | this run has no preview role to read the bake of the deployed step 1, counted from when its update finished (pulumi stack history) |", md);
        Assert.Contains("| maintenance mode | passed | maintenance mode is off |", md);
        Assert.Contains($"Wrote {path}.", h.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreadable_base_file_is_an_error_not_a_verdict()
    {
        using var h = PullRequest(1);
        File.WriteAllText(BasePath(h), "config:\n  bluegreen:ramp.step: [\n");

        Assert.Equal(ExitCodes.Error, await Verdict(h, live: false));
        Assert.Contains("--base", h.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("ramp verdict (prod)", h.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_file_is_refused_with_every_problem_in_one_escaped_annotation()
    {
        using var h = PullRequest(1);
        h.Set(Step(h, 9), ConfigEdit.Plain(ConfigKeys.ReleaseLive, "purple"));

        Assert.Equal(ExitCodes.Refused, await Verdict(h, live: false, "--annotate"));

        var annotation = h.Output.Split('\n').Single(l => l.StartsWith("::error ", StringComparison.Ordinal)).TrimEnd('\r');
        Assert.StartsWith("::error title=ramp verdict (prod)::the stack file is not valid: ", annotation, StringComparison.Ordinal);
        Assert.Contains("problem(s):%0A", annotation, StringComparison.Ordinal); // the problems, one per line, in one command
        Assert.Contains(ConfigKeys.Full(ConfigKeys.ReleaseLive), annotation, StringComparison.Ordinal);
        Assert.Contains(ConfigKeys.Full(ConfigKeys.RampStep), annotation, StringComparison.Ordinal);
        AssertNothingLiveRead(h);
    }

    [Fact]
    public void Annotations_escape_as_the_runner_unescapes_them()
    {
        // actions/toolkit packages/core/src/command.ts: data escapes % CR LF; properties also : and ,.
        Assert.Equal("50 %25 of traffic%0D%0Anext: a, b", VerdictReport.EscapeData("50 % of traffic\r\nnext: a, b"));
        Assert.Equal("ramp verdict (a%3Ab%2Cc) 100%25%0A", VerdictReport.EscapeProperty("ramp verdict (a:b,c) 100%\n"));
    }
}
