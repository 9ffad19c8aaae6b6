using System.Collections.Immutable;
using BlueGreen.Release;
using Pulumi.Testing;
using static BlueGreen.Tests.Stacks.BlueGreenStackTests;

namespace BlueGreen.Tests.Stacks;

/// <summary>The automatic rollback record in the whole program: declared in every phase, read at every run, and
/// what the listener sends derives from it.</summary>
[Collection(StackRunCollection.Name)]
public sealed class AutomaticRollbackStackTests
{
    private const string ExecutionId = "8f2c1a57-3d4e-4b6a-9c0d-1e2f3a4b5c6d";

    private const string GreenRolledBack =
        $$"""{"executionId":"{{ExecutionId}}","at":"2026-11-25T22:41:07Z","alarm":"shop-prod-green-rollback","rolledBack":"green","to":"blue"}""";

    private static readonly string Promoted = UtcTimestamp.Format(DateTimeOffset.UtcNow.AddDays(-1));

    private static Dictionary<string, string?> Stabilizing() => new()
    {
        [ConfigKeys.ReleaseLive] = "green",
        [ConfigKeys.RampStep] = "0",
        [ConfigKeys.RampStepSetAt] = UtcTimestamp.Format(DateTimeOffset.UtcNow.AddDays(-2)),
        [ConfigKeys.ReleasePromotedAt] = Promoted,
    };

    private static Dictionary<string, string?> Idle() => new(Stabilizing())
    {
        [ConfigKeys.ReleaseRetired] = "blue",
        [ConfigKeys.ReleasePromotedAt] = UtcTimestamp.Format(DateTimeOffset.UtcNow.AddDays(-10)),
        [ConfigKeys.RampStepSetAt] = UtcTimestamp.Format(DateTimeOffset.UtcNow.AddDays(-11)),
    };

    private static Dictionary<string, string?> With(Dictionary<string, string?> config, string key, string value) => new(config) { [key] = value };

    private static (double Blue, double Green, bool Sticky) Listener(Run run)
    {
        var weights = ForwardWeights(run.HttpsListener);
        var forward = (ImmutableDictionary<string, object>)((ImmutableDictionary<string, object>)((ImmutableArray<object>)run.HttpsListener.Inputs["defaultActions"])[0])["forward"];
        var sticky = (bool)((ImmutableDictionary<string, object>)forward["stickiness"])["enabled"];
        double Of(string colour) => weights.SingleOrDefault(w => w.Arn.Contains(colour, StringComparison.Ordinal)).Weight;
        return (Of("blue"), Of("green"), sticky);
    }

    private static MockResourceArgs Record(Run run) => run.Registered.Single(r => r.Type == "aws:ssm/parameter:Parameter");

    [Fact]
    public async Task With_no_record_yet_the_first_preview_reads_no_rollback_and_sends_the_configured_weights()
    {
        var run = await RunStackAsync("prod", AtStep(2), automaticRollbackRecord: null);

        Assert.Equal((75.0, 25.0, true), Listener(run));
        Assert.Equal("/bluegreen/shop-prod/automatic-rollback", Record(run).Inputs["name"]);
    }

    [Fact]
    public async Task An_unacknowledged_rollback_makes_the_listener_declare_the_rolled_back_weights_with_stickiness_off()
    {
        var run = await RunStackAsync("prod", AtStep(2), GreenRolledBack);

        Assert.Equal((100.0, 0.0, false), Listener(run));
    }

    [Fact]
    public async Task The_rolled_back_state_or_the_acknowledged_execution_sends_the_configured_weights()
    {
        Assert.Equal((100.0, 0.0, false), Listener(await RunStackAsync("prod", AtStep(0), GreenRolledBack)));

        var acknowledged = With(AtStep(2), ConfigKeys.RollbackAcknowledged, ExecutionId);
        Assert.Equal((75.0, 25.0, true), Listener(await RunStackAsync("prod", acknowledged, GreenRolledBack)));
    }

    [Fact]
    public async Task After_a_rollback_of_a_promotion_the_listener_keeps_the_previous_colour_until_acknowledged()
    {
        var run = await RunStackAsync("prod", Stabilizing(), GreenRolledBack);

        Assert.Equal((100.0, 0.0, false), Listener(run));
    }

    public static TheoryData<string> Phases => ["ramping", "stabilizing", "idle", "ramping, automatic off"];

    [Theory]
    [MemberData(nameof(Phases))]
    public async Task The_record_is_the_same_resource_in_every_phase_and_an_existing_record_is_read_in_each(string phase)
    {
        var config = phase switch
        {
            "ramping" => AtStep(2),
            "stabilizing" => Stabilizing(),
            "idle" => Idle(),
            _ => With(AtStep(2), ConfigKeys.RollbackAutomatic, "false"),
        };

        var run = await RunStackAsync("prod", config, GreenRolledBack);

        var record = Record(run);
        Assert.Equal(("shop-auto-rollback-record", "none"), (record.Name, (string)record.Inputs["value"]));
        Assert.Equal("/bluegreen/shop-prod/automatic-rollback", record.Inputs["name"]);
        // Read, whatever the phase: where the config gives green weight, the listener keeps it at 0.
        if (phase != "idle")
        {
            Assert.Equal((100.0, 0.0, false), Listener(run));
        }
    }

    [Fact]
    public async Task Automatic_off_declares_no_rule_but_keeps_the_record()
    {
        var on = await RunStackAsync("prod", AtStep(2));
        var off = await RunStackAsync("prod", With(AtStep(2), ConfigKeys.RollbackAutomatic, "false"));

        Assert.Contains(on.Registered, r => r.Name == "shop-auto-rollback-rule");
        Assert.Contains(on.Registered, r => r.Name == "shop-auto-rollback-dlq");
        Assert.DoesNotContain(off.Registered, r => r.Type is "aws:cloudwatch/eventRule:EventRule" or "aws:ssm/document:Document" or "aws:sqs/queue:Queue");
        Assert.Contains(off.Registered, r => r.Name == "shop-auto-rollback-record");
        Assert.Empty(off.Registered.Select(r => r.Name).Except(on.Registered.Select(r => r.Name)));
    }

    [Fact]
    public async Task After_a_promotion_aws_rolls_back_on_its_own_only_with_automaticAfterPromotion()
    {
        var byDefault = await RunStackAsync("prod", Stabilizing());
        var chosen = await RunStackAsync("prod", With(Stabilizing(), ConfigKeys.RollbackAutomaticAfterPromotion, "true"));

        Assert.DoesNotContain(byDefault.Registered, r => r.Name == "shop-auto-rollback-rule");
        Assert.Contains(chosen.Registered, r => r.Name == "shop-auto-rollback-rule");
    }

    [Fact]
    public async Task An_unreadable_record_fails_the_run_rather_than_count_as_no_rollback()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => RunStackAsync("prod", AtStep(2), "yes"));

        Assert.Contains("the automatic rollback record is neither 'none' nor a record the runbook writes", error.ToString(), StringComparison.Ordinal);
    }
}
