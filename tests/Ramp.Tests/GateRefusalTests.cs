using BlueGreen.Release;
using Moq;

namespace BlueGreen.Ramp.Tests;

/// <summary>
/// The gates of a move refuse through the CLI (exit 2, the file untouched, no pulumi up) whatever move needs them;
/// a rollback is never refused. Table-driven: one row per gate and move.
/// </summary>
public class GateRefusalTests
{
    private const string Record = """{"executionId":"8f2c1a57-3d4e-4b6a-9c0d-1e2f3a4b5c6d","at":"2026-01-05T10:12:00.000Z","alarm":"shop-prod-green-rollback","rolledBack":"green","to":"blue"}""";

    /// <summary>The prod file at <paramref name="step"/>, baked a day, in the given state.</summary>
    private static Harness Setup(int step, string state)
    {
        var h = Harness.AtStep(step, TimeSpan.FromDays(1));
        switch (state)
        {
            case "maintenance":
                // Maintenance while a colour is at risk is refused by the config unless the automatic rollback is off
                // (the fixed 503s count in HTTPCode_ELB_5XX_Count, which feeds the rollback alarm).
                h.Set(ConfigEdit.Plain(ConfigKeys.RollbackAutomatic, "false"), ConfigEdit.Plain(ConfigKeys.MaintenanceEnabled, "true"));
                break;
            case "rolled back by AWS":
                h.LiveWeights(blue: 100, green: 0); // what the runbook's ModifyListener left
                h.Aws.Setup(a => a.GetParameterAsync("/bluegreen/shop-prod/automatic-rollback", It.IsAny<CancellationToken>())).ReturnsAsync(Record);
                break;
            case "green in ALARM":
                h.AlarmStates["shop-prod-green-err-crit"] = AlarmState.Alarm;
                break;
            case "green unhealthy":
                h.Aws.Setup(a => a.HealthyTargetsAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync(0);
                break;
        }

        return h;
    }

    public static TheoryData<string, int, string[], string> Refusals => new()
    {
        { "maintenance", 1, ["next"], "maintenance mode is on" },
        { "maintenance", 4, ["promote"], "maintenance mode is on" },
        { "maintenance", 1, ["next", "--force", "--reason", "INC-1"], "maintenance mode is on" },
        { "rolled back by AWS", 1, ["next"], "nobody has acknowledged it" },
        { "rolled back by AWS", 4, ["promote", "--force", "--reason", "INC-1"], "nobody has acknowledged it" },
        { "green in ALARM", 2, ["next"], "critical green alarms not OK" },
        { "green in ALARM", 4, ["promote"], "critical green alarms not OK" },
        { "green unhealthy", 0, ["next"], "green's target group has 0 healthy target(s)" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_gate_that_does_not_pass_refuses_the_move_and_changes_nothing(string state, int step, string[] move, string reason)
    {
        using var h = Setup(step, state);
        var before = h.Text;

        Assert.Equal(ExitCodes.Refused, await h.Run([.. move, "--yes"]));

        Assert.Contains(reason, h.Output, StringComparison.Ordinal);
        Assert.Equal(before, h.Text);
        h.Pulumi.Verify(p => p.UpAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Theory]
    [InlineData("maintenance")]
    [InlineData("rolled back by AWS")]
    [InlineData("green in ALARM")]
    public async Task A_rollback_is_never_refused(string state)
    {
        using var h = Setup(2, state);

        Assert.Equal(0, await h.Run("rollback"));
        Assert.Equal("0", h.Value(ConfigKeys.RampStep));
    }
}
