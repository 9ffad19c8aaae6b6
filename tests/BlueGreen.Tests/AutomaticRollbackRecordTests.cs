using BlueGreen.Release;

namespace BlueGreen.Tests;

/// <summary>The release model's reading of the automatic rollback record and what it decides.</summary>
public class AutomaticRollbackRecordTests
{
    private const string ExecutionId = "8f2c1a57-3d4e-4b6a-9c0d-1e2f3a4b5c6d";

    private static readonly AutomaticRollbackRecord GreenRolledBack = new(ExecutionId, "2025-06-10T11:40:00Z", "shop-staging-green-rollback", Colour.Green, Colour.Blue);

    /// <summary>Staging with green at <paramref name="step"/> of [0, 5, 25, 50, 100].</summary>
    private static TestConfig AtStep(int step) => TestConfig.Staging()
        .With("ramp.step", step.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .With("ramp.stepSetAt", "2025-06-10T10:00:00Z");

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("none")]
    [InlineData(" none\n")]
    public void None_a_missing_parameter_and_an_empty_value_are_no_rollback(string? value) =>
        Assert.Null(AutomaticRollbackRecord.Parse(value));

    [Fact]
    public void The_record_the_runbook_writes_reads_back()
    {
        var value = $$"""{"executionId":"{{ExecutionId}}","at":"2025-06-10T11:40:00Z","alarm":"shop-staging-green-rollback","rolledBack":"green","to":"blue"}""";

        Assert.Equal(GreenRolledBack, AutomaticRollbackRecord.Parse(value));
    }

    [Theory]
    [InlineData("yes", "is neither 'none' nor a record")]
    [InlineData("""{"at":"2025-06-10T11:40:00Z","alarm":"a","rolledBack":"green","to":"blue"}""", "executionId '' is not an automation execution id")]
    [InlineData("""{"executionId":"8f2c1a57-3d4e-4b6a-9c0d-1e2f3a4b5c6d","at":"2025-06-10_11.40.00","alarm":"a","rolledBack":"green","to":"blue"}""", "at '2025-06-10_11.40.00' is not an ISO 8601 time")]
    [InlineData("""{"executionId":"8f2c1a57-3d4e-4b6a-9c0d-1e2f3a4b5c6d","at":"2025-06-10T11:40:00Z","alarm":"a","rolledBack":"green","to":"green"}""", "must be blue and green")]
    public void Anything_else_is_an_error_never_taken_for_no_rollback(string value, string why)
    {
        var error = Assert.Throws<FormatException>(() => AutomaticRollbackRecord.Parse(value));

        Assert.Contains(why, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ExecutionId, true)]
    [InlineData("8F2C1A57-3D4E-4B6A-9C0D-1E2F3A4B5C6D", true)]
    [InlineData("yes", false)]
    [InlineData("2025-06-10T11:40:00.000Z", false)]
    [InlineData("8f2c1a57-3d4e-4b6a-9c0d-1e2f3a4b5c6", false)]
    [InlineData("8f2c1a57-3d4e-4b6a-9c0d-1e2f3a4b5c6g", false)]
    public void An_execution_id_is_a_36_character_uuid(string text, bool isId) =>
        Assert.Equal(isId, AutomaticRollbackRecord.IsExecutionId(text));

    [Fact]
    public void An_unacknowledged_rollback_stands_against_a_config_giving_the_rolled_back_colour_weight()
    {
        var refusal = GreenRolledBack.Refusal(AtStep(2).Valid());

        Assert.NotNull(refusal);
        Assert.Contains($"automation execution {ExecutionId}", refusal, StringComparison.Ordinal);
        Assert.Contains("this config gives green 25 % again", refusal, StringComparison.Ordinal);
        Assert.Null(GreenRolledBack.Refusal(AtStep(0).Valid()));
        Assert.Null(GreenRolledBack.Refusal(AtStep(2).With("rollback.acknowledged", ExecutionId).Valid()));
        Assert.NotNull(GreenRolledBack.Refusal(AtStep(2).With("rollback.acknowledged", "1f2c1a57-3d4e-4b6a-9c0d-1e2f3a4b5c6d").Valid()));
    }

    [Fact]
    public void The_listener_declares_the_rolled_back_weights_while_the_rollback_stands_and_the_configs_otherwise()
    {
        var settings = AtStep(3).Valid();

        var standing = AutomaticRollbackRecord.ForwardActionFor(settings, GreenRolledBack);
        Assert.Equal([new WeightedTarget(Colour.Blue, 100), new WeightedTarget(Colour.Green, 0)], standing.Targets);
        Assert.False(standing.Stickiness.Enabled);
        var none = AutomaticRollbackRecord.ForwardActionFor(settings, null);
        Assert.Equal([new WeightedTarget(Colour.Blue, 50), new WeightedTarget(Colour.Green, 50)], none.Targets);
        Assert.True(none.Stickiness.Enabled);
        var acknowledged = AtStep(3).With("rollback.acknowledged", ExecutionId).Valid();
        Assert.Equal(none.Targets, AutomaticRollbackRecord.ForwardActionFor(acknowledged, GreenRolledBack).Targets);
    }

    [Theory]
    [InlineData("operation error SSM: GetParameter, https response error StatusCode: 400, ParameterNotFound: ", true)]
    [InlineData("reading SSM Parameter (/bluegreen/shop-prod/automatic-rollback): couldn't find resource", true)]
    [InlineData("AccessDeniedException: not authorized to perform ssm:GetParameter", false)]
    public void Only_a_missing_parameter_reads_as_not_there_yet(string error, bool notFound) =>
        Assert.Equal(notFound, AutomaticRollbackRecord.IsNotFound(error));

    [Fact]
    public void Aws_rolls_back_on_its_own_while_ramping_and_after_a_promotion_only_when_chosen()
    {
        var ramping = AtStep(2).Valid();
        var stabilizing = TestConfig.Staging().With("release.live", "green").With("release.promotedAt", "2025-06-10T09:00:00Z").With("ramp.stepSetAt", "2025-06-10T08:00:00Z");

        Assert.True(ramping.Rollback.AutomaticIn(ramping.Phase));
        Assert.False(AtStep(2).With("rollback.automatic", "false").Valid().Rollback.AutomaticIn(ramping.Phase));
        var byDefault = stabilizing.Valid();
        Assert.Equal(ReleasePhaseKind.Stabilizing, byDefault.Phase.Kind);
        Assert.False(byDefault.Rollback.AutomaticIn(byDefault.Phase));
        var chosen = stabilizing.With("rollback.automaticAfterPromotion", "true").Valid();
        Assert.True(chosen.Rollback.AutomaticIn(chosen.Phase));
    }
}
