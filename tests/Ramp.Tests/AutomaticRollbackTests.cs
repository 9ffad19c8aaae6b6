using BlueGreen.Ramp.Tools;
using BlueGreen.Release;
using Moq;

namespace BlueGreen.Ramp.Tests;

/// <summary>
/// AWS rolled green back on its own (the record is set, the live listener sends blue 100 %) and the stack file
/// does not say so yet: every command that could undo it refuses, status says what happened, and
/// <c>ramp rollback</c> acknowledges it by changing the listener alone.
/// </summary>
public class AutomaticRollbackTests
{
    private const string ExecutionId = "8f2c1a57-3d4e-4b6a-9c0d-1e2f3a4b5c6d";

    private const string Record =
        $$"""{"executionId":"{{ExecutionId}}","at":"2026-01-05T10:12:00Z","alarm":"shop-prod-green-rollback","rolledBack":"green","to":"blue"}""";

    private const string RecordName = "/bluegreen/shop-prod/automatic-rollback";

    /// <summary>Green at <paramref name="step"/>, set long enough ago to have baked, deployed as such; then AWS rolled it back.</summary>
    private static Harness RolledBackByAws(int step = 2, string? record = Record)
    {
        var h = new Harness("prod");
        h.Set(ConfigEdit.Number(ConfigKeys.RampStep, step), ConfigEdit.Time(ConfigKeys.RampStepSetAt, h.Clock.Now));
        h.Outputs = h.Outputs with
        {
            Live = Colour.Blue,
            Step = step,
            Releases = new Dictionary<Colour, string> { [Colour.Blue] = "1.4.2", [Colour.Green] = "1.5.0" },
        };
        h.Clock.Advance(TimeSpan.FromDays(2));
        h.Pulumi.Setup(p => p.LastUpdateFinishedAsync("prod", It.IsAny<CancellationToken>())).ReturnsAsync(h.Clock.Now - TimeSpan.FromDays(2));
        h.LiveWeights(blue: 100, green: 0);
        h.Aws.Setup(a => a.GetParameterAsync(RecordName, It.IsAny<CancellationToken>())).ReturnsAsync(record);
        return h;
    }

    private static void NothingApplied(Harness h)
    {
        h.Pulumi.Verify(p => p.UpAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        h.Pulumi.Verify(p => p.UpTargetAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task Verify_refuses_before_pulumi_up_with_what_aws_did()
    {
        using var h = RolledBackByAws();

        Assert.Equal(ExitCodes.Refused, await h.Run("verify"));

        Assert.Contains($"AWS rolled green back automatically at 2026-01-05T10:12:00Z (shop-prod-green-rollback went to ALARM; automation execution {ExecutionId})", h.Output, StringComparison.Ordinal);
        Assert.Contains("Run 'ramp rollback --stack prod'", h.Output, StringComparison.Ordinal);
        NothingApplied(h);
    }

    [Fact]
    public async Task Verify_still_reads_the_record_with_the_automatic_rollback_turned_off()
    {
        using var h = RolledBackByAws();
        h.Set(ConfigEdit.Plain(ConfigKeys.RollbackAutomatic, "false"));

        Assert.Equal(ExitCodes.Refused, await h.Run("verify"));
    }

    [Fact]
    public async Task Verify_cannot_pass_without_reading_the_record()
    {
        using var h = RolledBackByAws();
        h.Aws.Setup(a => a.HasCredentialsAsync(It.IsAny<CancellationToken>())).ReturnsAsync(false);

        Assert.Equal(ExitCodes.Error, await h.Run("verify"));

        Assert.Contains($"the automatic rollback record {RecordName} cannot be read", h.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_no_record_yet_verify_passes()
    {
        using var h = RolledBackByAws(record: null);

        Assert.Equal(ExitCodes.Ok, await h.Run("verify"));
    }

    [Theory]
    [InlineData("next", 2)]
    [InlineData("next", 2, "--force", "--reason", "the alarm is a false positive")]
    [InlineData("promote", 4)]
    public async Task Moving_on_is_refused(string command, int step, params string[] more)
    {
        using var h = RolledBackByAws(step);

        Assert.Equal(ExitCodes.Refused, await h.Run([command, "--yes", .. more]));

        Assert.Contains("AWS rolled green back automatically", h.Output, StringComparison.Ordinal);
        Assert.Equal(step.ToString(System.Globalization.CultureInfo.InvariantCulture), h.Value(ConfigKeys.RampStep));
        NothingApplied(h);
    }

    [Fact]
    public async Task Retire_after_a_rollback_of_the_promotion_is_refused_it_would_delete_the_colour_aws_sends_traffic_to()
    {
        using var h = RolledBackByAws();
        h.Set(
            ConfigEdit.Plain(ConfigKeys.ReleaseLive, "green"),
            ConfigEdit.Number(ConfigKeys.RampStep, 0),
            ConfigEdit.Time(ConfigKeys.RampStepSetAt, h.Clock.Now - TimeSpan.FromDays(5)),
            ConfigEdit.Time(ConfigKeys.ReleasePromotedAt, h.Clock.Now - TimeSpan.FromDays(4)));
        h.Outputs = h.Outputs with { Live = Colour.Green, Step = 0 }; // the promotion was applied; AWS then moved only the listener

        Assert.Equal(ExitCodes.Refused, await h.Run("retire", "--yes"));

        Assert.Contains("AWS rolled green back automatically", h.Output, StringComparison.Ordinal);
        Assert.Equal("none", h.Value(ConfigKeys.ReleaseRetired));
        NothingApplied(h);
    }

    [Fact]
    public async Task Status_exits_non_zero_and_says_what_happened()
    {
        using var h = RolledBackByAws();

        Assert.Equal(ExitCodes.Drift, await h.Run("status"));

        Assert.Contains($"Automatic rollback: AWS rolled green back automatically at 2026-01-05T10:12:00Z (shop-prod-green-rollback went to ALARM; automation execution {ExecutionId}) and sent all traffic to blue", h.Output, StringComparison.Ordinal);
        Assert.Contains("run 'ramp rollback --stack prod'", h.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rollback_acknowledges_the_execution_and_applies_the_listener_alone()
    {
        using var h = RolledBackByAws();

        Assert.Equal(ExitCodes.Ok, await h.Run("rollback", "--yes"));

        Assert.Equal("0", h.Value(ConfigKeys.RampStep));
        Assert.Equal(ExecutionId, h.Value(ConfigKeys.RollbackAcknowledged));
        Assert.Equal([$"up prod --target {StackContract.ListenerUrn("prod", "shop")}"], h.PulumiCalls);
        // Acknowledged, the same file now verifies and status agrees.
        Assert.Equal(ExitCodes.Ok, await h.Run("verify"));
        Assert.Equal(ExitCodes.Ok, await h.Run("status"));
        Assert.Contains($"Automatic rollback: green to blue at 2026-01-05T10:12:00Z (shop-prod-green-rollback, execution {ExecutionId}); the stack file agrees.", h.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_acknowledgement_that_is_not_an_execution_id_is_refused_naming_the_key_the_file_and_line()
    {
        using var h = RolledBackByAws();
        h.Set(ConfigEdit.Quoted(ConfigKeys.RollbackAcknowledged, "yes"));

        Assert.Equal(ExitCodes.Error, await h.Run("status"));

        var line = File.ReadAllLines(h.FilePath).ToList().FindIndex(l => l.Contains("bluegreen:rollback.acknowledged", StringComparison.Ordinal)) + 1;
        Assert.Contains($"Pulumi.prod.yaml:{line}: bluegreen:rollback.acknowledged", h.Output, StringComparison.Ordinal);
        Assert.Contains("is not an automation execution id; use an automation execution id (36 hex digits and hyphens", h.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreadable_record_is_an_error_not_a_pass()
    {
        using var h = RolledBackByAws(record: "yes");

        Assert.Equal(ExitCodes.Error, await h.Run("verify"));

        Assert.Contains($"{RecordName}: the automatic rollback record is neither 'none' nor a record the runbook writes", h.Output, StringComparison.Ordinal);
    }
}
