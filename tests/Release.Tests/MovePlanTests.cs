using BlueGreen.Release;

namespace BlueGreen.Tests;

/// <summary>
/// The move plan a proposed file makes over what is deployed (what <c>ramp verify</c> checks), table-driven: the
/// refusals that need no live state, and the gates each allowed move names, with the colour from the phase.
/// </summary>
public class MovePlanTests
{
    private static readonly DateTimeOffset Now = TestConfig.Now;
    private static readonly string HourAgo = UtcTimestamp.Format(Now - TimeSpan.FromHours(1));
    private static readonly string DaysAgo = UtcTimestamp.Format(Now - TimeSpan.FromDays(4));
    private static readonly string WeekAgo = UtcTimestamp.Format(Now - TimeSpan.FromDays(7));

    /// <summary>Blue live with 1.4.2, green 1.5.0 being ramped, deployed at <paramref name="step"/> a day ago.</summary>
    private static DeployedRamp Deployed(int step, Colour live = Colour.Blue) => new(live, step, "1.4.2", "1.5.0", Now - TimeSpan.FromDays(1));

    private static StackSettings File(string edits)
    {
        var config = TestConfig.Prod().With("ramp.stepSetAt", WeekAgo);
        foreach (var edit in edits.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var (key, value) = (edit[..edit.IndexOf('=', StringComparison.Ordinal)], edit[(edit.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            config = config.With(key, value.Replace("HOURAGO", HourAgo, StringComparison.Ordinal).Replace("DAYSAGO", DaysAgo, StringComparison.Ordinal));
        }

        return config.Valid();
    }

    public static TheoryData<string, string, int, string, string> Refusals => new()
    {
        { "a jump", "ramp.step=2", 0, "blue", "jumps from the deployed step 0 to step 2" },
        { "a new tag with a jump (bug 2)", "green.imageTag=1.6.0;ramp.step=4", 0, "blue", "1.6.0 is not deployed yet on green" },
        { "a next after a failed start (bug 2)", "green.imageTag=1.6.0;ramp.step=1", 0, "blue", "1.6.0 is not deployed yet on green" },
        { "a new tag on the live colour", "blue.imageTag=1.4.3", 2, "blue", "1.4.3 is not deployed yet on blue" },
        { "a promotion from step 2", "release.live=green;release.promotedAt=HOURAGO", 2, "blue", "makes green live from the deployed step 2" },
        // A retire before the window is refused earlier still: the config reader rejects the file (StackSettingsReader).
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void A_file_that_skips_a_gate_is_refused_before_any_live_state_is_read(string what, string edits, int deployedStep, string deployedLive, string reason)
    {
        var plan = ReleaseMoves.FromDeployed(File(edits), Deployed(deployedStep, Colours.Parse(deployedLive)), Now);

        Assert.True(plan.IsRefused, what);
        Assert.Contains(reason, plan.Refusal, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, int, string, MoveKind, string> Allowed => new()
    {
        { "a proper step", "ramp.step=2", 1, "blue", MoveKind.Next, "automatic-rollback record, maintenance mode, bake (step 1), critical green alarms" },
        { "the first traffic step", "ramp.step=1", 0, "blue", MoveKind.Next, "automatic-rollback record, maintenance mode, bake (step 0), critical green alarms, green target health" },
        { "a promotion (bug 1: the promoted colour's alarms)", "release.live=green;release.promotedAt=HOURAGO", 4, "blue", MoveKind.Promote, "automatic-rollback record, maintenance mode, bake (step 4), critical green alarms" },
        { "a rollback mid-ramp", "ramp.step=0", 3, "blue", MoveKind.Rollback, "" },
        { "a rollback of a promotion", "ramp.stepSetAt=HOURAGO;release.promotedAt=DAYSAGO", 0, "green", MoveKind.Rollback, "" },
        { "a new release at step 0", "green.imageTag=1.6.0", 0, "blue", MoveKind.Start, "automatic-rollback record" },
        { "a retire after the window", "release.live=green;release.promotedAt=DAYSAGO;release.retired=blue", 0, "green", MoveKind.Retire, "automatic-rollback record" },
        { "a change that moves no traffic", "ramp.step=1", 1, "blue", MoveKind.NoTrafficChange, "" },
    };

    [Theory]
    [MemberData(nameof(Allowed))]
    public void An_allowed_move_names_its_gates_and_their_colour(string what, string edits, int deployedStep, string deployedLive, MoveKind kind, string gates)
    {
        var plan = ReleaseMoves.FromDeployed(File(edits), Deployed(deployedStep, Colours.Parse(deployedLive)), Now);

        Assert.False(plan.IsRefused, $"{what}: {plan.Refusal}");
        Assert.Equal(kind, plan.Kind);
        Assert.Equal(gates, string.Join(", ", plan.Gates.Select(g => g.Name)));
    }

    [Fact]
    public void The_cli_and_verify_plan_the_same_gates_for_the_same_step()
    {
        var file = File("ramp.step=1");
        var cli = ReleaseMoves.Next(TestConfig.Prod().With("ramp.stepSetAt", WeekAgo).Valid(), Now);
        var verify = ReleaseMoves.FromDeployed(file, Deployed(0), Now);

        Assert.Equal(cli.Gates, verify.Gates);
        Assert.Equal(cli.Description, verify.Description);
    }

    [Fact]
    public void Every_key_a_move_writes_is_in_its_row_of_the_move_table()
    {
        var settings = TestConfig.Prod().With("ramp.stepSetAt", WeekAgo).Valid();
        var plans = new[]
        {
            ReleaseMoves.Next(settings, Now, "INC-1"),
            ReleaseMoves.Start(TestConfig.Prod().With("ramp.step", "0").Valid(), "1.6.0", Now),
        };

        foreach (var plan in plans)
        {
            Assert.All(plan.Change!.Edits, e => Assert.Contains(e.Key, MoveTable.Of(plan.Kind).Keys));
        }

        Assert.Contains(ConfigKeys.RampForceReason, MoveTable.KeysWritten);
        Assert.Contains(ConfigKeys.ArchiveReleases, MoveTable.KeysWritten);
    }
}
