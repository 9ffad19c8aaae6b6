using BlueGreen.Release;

namespace BlueGreen.Ramp.Tests;

/// <summary>
/// The walk of a whole release, each move made by the CLI and then checked by <c>ramp verify</c> against what
/// is deployed before the apply workflow's <c>pulumi up</c> — the stack's outputs after each up come from running
/// the stack in-process on the file: start, every step, promote, rollback, every step again, promote, retire.
/// </summary>
public class WalkTests
{
    private static readonly TimeSpan[] Bakes = [TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(4), TimeSpan.FromHours(8), TimeSpan.FromHours(1)];

    /// <summary>The CLI writes the move (no terminal: not applied), CI verifies it, and the apply workflow applies it.</summary>
    private static async Task MoveVerifyApply(Harness h, params string[] move)
    {
        Assert.True(await h.Run(move) == 0, h.Output);
        Assert.True(await h.Run("verify") == 0, h.Output);
        await h.ApplyAsync();
    }

    private static async Task EveryStep(Harness h)
    {
        for (var step = 1; step <= 4; step++)
        {
            h.Clock.Advance(Bakes[step - 1]);
            await MoveVerifyApply(h, "next");
            Assert.Equal(step, h.Outputs.Step);
        }

        h.Clock.Advance(Bakes[^1]);
        await MoveVerifyApply(h, "promote");
        Assert.Equal(Colour.Green, h.Outputs.Live);
    }

    [Fact]
    public async Task A_whole_release_passes_through_the_cli_and_through_verify_alike()
    {
        using var h = new Harness("prod");
        h.NoAutomaticRollbackOnRecord();
        await h.DeployInProcessAsync();

        await MoveVerifyApply(h, "start", "--version", "1.6.0");
        Assert.Equal("1.6.0", h.Outputs.Releases[Colour.Green]);
        await EveryStep(h);

        h.Clock.Advance(TimeSpan.FromHours(1));
        h.LiveWeights(blue: 100, green: 0); // what the targeted up leaves on the listener, which rollback confirms
        Assert.True(await h.Run("rollback") == 0, h.Output); // the emergency path: the listener alone, at once
        Assert.Equal(0, await h.Run("verify"));
        Assert.Contains("Verified: all traffic back to blue: a rollback always passes", h.Output, StringComparison.Ordinal);
        await h.ApplyAsync(); // the committed rollback, applied by the workflow
        Assert.Equal(Colour.Blue, h.Outputs.Live);

        await EveryStep(h);

        h.Clock.Advance(TimeSpan.FromHours(72));
        await MoveVerifyApply(h, "retire");
        Assert.Equal("blue", h.Value(ConfigKeys.ReleaseRetired));
        Assert.DoesNotContain("Refused", h.Output, StringComparison.Ordinal);

        // The gates were read and judged on the way, not skipped: by the CLI and by verify, in both ramps.
        foreach (var gate in new[] { "smoke test of 1.6.0", "green target health", "critical green alarms", "bake (step 4)" })
        {
            Assert.True(h.Output.Split($"Gate {gate}: passed").Length - 1 >= 4, $"{gate}: checked by the CLI and verify in both ramps");
        }
    }

    [Fact]
    public async Task A_failed_smoke_job_holds_the_first_step_in_the_cli_and_in_verify()
    {
        using var h = new Harness("prod");
        h.NoAutomaticRollbackOnRecord();
        h.NoAutomaticRollbackOnRecord();
        await h.DeployInProcessAsync();
        h.SmokeJobSucceeds = false;
        await MoveVerifyApply(h, "start", "--version", "1.6.0");
        h.Clock.Advance(Bakes[0]);
        var before = h.Text;

        Assert.Equal(ExitCodes.Refused, await h.Run("next", "--force", "--reason", "in a hurry"));
        Assert.Contains("the smoke test of 1.6.0 has not passed in the deployed stack", h.Output, StringComparison.Ordinal);
        Assert.Equal(before, h.Text);

        h.Set(ConfigEdit.Number(ConfigKeys.RampStep, 1), ConfigEdit.Time(ConfigKeys.RampStepSetAt, h.Clock.Now));
        Assert.Equal(ExitCodes.Refused, await h.Run("verify"));
        Assert.Contains("may not be applied: step 0 → 1: the smoke test of 1.6.0 has not passed", h.Output, StringComparison.Ordinal);
    }
}
