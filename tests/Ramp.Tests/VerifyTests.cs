using BlueGreen.Ramp.Tools;
using BlueGreen.Release;
using Moq;

namespace BlueGreen.Ramp.Tests;

/// <summary><c>ramp verify</c>: the gates where the change is applied, against what is deployed.</summary>
public class VerifyTests
{
    /// <summary>The repo's prod file edited to <paramref name="fileStep"/>, with step <paramref name="deployedStep"/>
    /// deployed by an update that finished <paramref name="appliedAgo"/> before now.</summary>
    internal static Harness Deployed(int deployedStep, int fileStep, TimeSpan appliedAgo)
    {
        var h = new Harness("prod");
        h.Set(ConfigEdit.Number(ConfigKeys.RampStep, fileStep), ConfigEdit.Time(ConfigKeys.RampStepSetAt, h.Clock.Now));
        h.Outputs = h.Outputs with
        {
            Live = Colour.Blue,
            Step = deployedStep,
            Releases = new Dictionary<Colour, string> { [Colour.Blue] = "1.4.2", [Colour.Green] = "1.5.0" },
        };
        h.Pulumi.Setup(p => p.LastUpdateFinishedAsync("prod", It.IsAny<CancellationToken>())).ReturnsAsync(h.Clock.Now - appliedAgo);
        h.Aws.Setup(a => a.HasCredentialsAsync(It.IsAny<CancellationToken>())).ReturnsAsync(true);
        return h;
    }

    [Fact]
    public async Task A_hand_edited_jump_from_step_0_to_4_is_refused_before_pulumi_up()
    {
        using var h = Deployed(deployedStep: 0, fileStep: 4, appliedAgo: TimeSpan.FromDays(2));

        Assert.Equal(ExitCodes.Refused, await h.Run("verify"));

        Assert.Contains("may not be applied: the file jumps from the deployed step 0 to step 4; the ramp moves one step at a time", h.Output, StringComparison.Ordinal);
        h.Pulumi.Verify(p => p.UpAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task The_bake_counts_from_when_the_deployed_steps_update_finished()
    {
        using var h = Deployed(deployedStep: 1, fileStep: 2, appliedAgo: TimeSpan.FromHours(1)); // step 1 bakes 2h

        Assert.Equal(ExitCodes.Refused, await h.Run("verify"));
        Assert.Contains("step 1 → 2: step 1 was applied at 2026-01-05T08:00:00Z and bakes 2h", h.Output, StringComparison.Ordinal);
        Assert.Contains("It may go ahead at 2026-01-05T10:00:00Z", h.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_baked_forward_step_passes_only_without_a_critical_alarm()
    {
        using var h = Deployed(deployedStep: 1, fileStep: 2, appliedAgo: TimeSpan.FromHours(3));
        Assert.Equal(0, await h.Run("verify"));
        Assert.Contains("Gate bake (step 1): passed — step 1 has baked 2h", h.Output, StringComparison.Ordinal);
        Assert.Contains("Verified: step 1 → 2.", h.Output, StringComparison.Ordinal);

        h.AlarmStates["shop-prod-green-err-crit"] = AlarmState.Alarm;
        Assert.Equal(ExitCodes.Refused, await h.Run("verify"));
        Assert.Contains("critical green alarms not OK: shop-prod-green-err-crit (ALARM)", h.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rollback_always_passes_even_mid_bake_with_an_alarm_firing()
    {
        using var h = Deployed(deployedStep: 3, fileStep: 0, appliedAgo: TimeSpan.FromMinutes(1));
        h.AlarmStates["shop-prod-green-err-crit"] = AlarmState.Alarm;

        Assert.Equal(0, await h.Run("verify"));
        Assert.Contains("a rollback (step 3 → 0) always passes", h.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Stack_history_gives_the_end_of_the_newest_successful_update()
    {
        const string json = """
            [
              {"kind": "update", "result": "failed", "startTime": "2026-01-05T10:00:00Z", "endTime": "2026-01-05T10:05:00Z"},
              {"kind": "update", "result": "succeeded", "startTime": "2026-01-05T08:00:00Z", "endTime": "2026-01-05T08:03:00Z"},
              {"kind": "refresh", "result": "succeeded", "startTime": "2026-01-05T09:00:00Z", "endTime": "2026-01-05T09:01:00Z"}
            ]
            """;

        Assert.Equal(new DateTimeOffset(2026, 1, 5, 8, 3, 0, TimeSpan.Zero), PulumiCli.ParseLastUpdateFinished(json));
    }

    [Fact]
    public async Task Next_uses_the_same_check_so_the_cli_never_proposes_what_ci_would_refuse()
    {
        // The file says step 1 was set 3h ago (baked), but its update only finished 30 minutes ago.
        using var h = Deployed(deployedStep: 1, fileStep: 1, appliedAgo: TimeSpan.FromMinutes(30));
        h.Set(ConfigEdit.Time(ConfigKeys.RampStepSetAt, h.Clock.Now - TimeSpan.FromHours(3)));
        var before = h.Text;

        Assert.Equal(ExitCodes.Refused, await h.Run("next", "--yes"));

        Assert.Equal(before, h.Text);
        Assert.Contains("Refused: step 1 → 2: step 1 was applied at", h.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Force_with_a_reason_passes_the_gates_records_the_reason_and_ci_honours_it_for_that_step_only()
    {
        using var h = Deployed(deployedStep: 1, fileStep: 1, appliedAgo: TimeSpan.FromMinutes(10)); // mid-bake
        h.AlarmStates["shop-prod-green-err-crit"] = AlarmState.Alarm;

        Assert.Equal(0, await h.Run("next", "--yes", "--force", "--reason", "known cold-cache spike, INC-1234"));

        Assert.Equal("2", h.Value(ConfigKeys.RampStep));
        Assert.Equal("known cold-cache spike, INC-1234", h.Value(ConfigKeys.RampForceReason));
        Assert.Contains("Forced past the bake (step 1) gate: known cold-cache spike, INC-1234", h.Output, StringComparison.Ordinal);
        Assert.Contains("Forced past the critical green alarms gate: known cold-cache spike, INC-1234", h.Output, StringComparison.Ordinal);

        // CI sees the recorded reason for this step (deployed is still step 1): it passes.
        Assert.Equal(0, await h.Run("verify"));
        Assert.Contains("Verified: step 1 → 2 (forced past the bake, alarm and health gates: known cold-cache spike, INC-1234)", h.Output, StringComparison.Ordinal);

        // status shows it (the file's side; no live read here).
        h.Aws.Setup(a => a.HasCredentialsAsync(It.IsAny<CancellationToken>())).ReturnsAsync(false);
        Assert.Equal(ExitCodes.Ok, await h.Run("status"));
        Assert.Contains("Forced: step 2 passed its gates because: known cold-cache spike, INC-1234", h.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_next_unforced_step_clears_the_reason()
    {
        using var h = Deployed(deployedStep: 2, fileStep: 2, appliedAgo: TimeSpan.FromDays(1));
        h.Set(ConfigEdit.Quoted(ConfigKeys.RampForceReason, "earlier"), ConfigEdit.Time(ConfigKeys.RampStepSetAt, h.Clock.Now - TimeSpan.FromDays(1)));

        Assert.Equal(0, await h.Run("next", "--yes"));

        Assert.Null(h.Value(ConfigKeys.RampForceReason) is { Length: > 0 } reason ? reason : null);
    }

    [Theory]
    [InlineData("--force")]
    [InlineData("--reason", "because")]
    public async Task Force_and_reason_go_together(params string[] flags)
    {
        using var h = Deployed(deployedStep: 1, fileStep: 1, appliedAgo: TimeSpan.FromDays(1));
        var before = h.Text;

        Assert.Equal(ExitCodes.Error, await h.Run(["next", "--yes", .. flags]));
        Assert.Equal(before, h.Text);
    }
}
