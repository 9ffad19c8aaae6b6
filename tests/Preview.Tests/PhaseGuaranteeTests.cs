using BlueGreen.Release;

namespace BlueGreen.Preview.Tests;

/// <summary>
/// What the moves around a promotion may change, previewed on the repo's real stack files: promotion
/// replaces nothing and creates no snapshot, and a rollback after it moves the listener back without
/// anything that can fail mid-incident (no snapshot, no replacement).
/// </summary>
[Collection(PreviewRunCollection.Name)]
public sealed class PhaseGuaranteeTests
{
    private const string HttpsListener = "shop-edge-https";

    public static TheoryData<string> Stacks() => ["staging", "prod"];

    /// <summary>Green at the last step, set three hours ago.</summary>
    private static PreviewConfig AtLastStep(string stack) =>
        Repo.Config(stack).With(Repo.AtStep(Repo.StepCount(stack) - 1, TimeSpan.FromHours(3)));

    /// <summary>Green promoted an hour ago, blue kept as the rollback target.</summary>
    private static PreviewConfig Promoted(string stack) => AtLastStep(stack).With(new Dictionary<string, string?>
    {
        [ConfigKeys.ReleaseLive] = "green",
        [ConfigKeys.RampStep] = "0",
        [ConfigKeys.ReleasePromotedAt] = Repo.Time(TimeSpan.FromHours(1)),
    });

    private static IEnumerable<string> Names(PreviewDiff diff, PreviewOp op) =>
        diff.Resources.Where(r => r.Op == op).Select(r => r.Resource.Name).Order(StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task Promotion_replaces_nothing_creates_nothing_and_keeps_the_weights(string stack)
    {
        var diff = await PreviewDiff.RunAsync(AtLastStep(stack), Promoted(stack));

        Assert.Empty(Names(diff, PreviewOp.Replace));
        Assert.Empty(Names(diff, PreviewOp.Create));
        Assert.DoesNotContain(diff.Changes, c => c.Resource.Type == "aws:rds/clusterSnapshot:ClusterSnapshot");
        Assert.DoesNotContain(diff.Changes, c => c.Resource.Name == HttpsListener);
        Assert.DoesNotContain("shop-auto-rollback-record", diff.Changes.Select(c => c.Resource.Name));
        Assert.Equal((diff.Current.Ramp.BlueWeight, diff.Current.Ramp.GreenWeight), (diff.Proposed.Ramp.BlueWeight, diff.Proposed.Ramp.GreenWeight));
        Assert.Equal((0, 100), (diff.Proposed.Ramp.BlueWeight, diff.Proposed.Ramp.GreenWeight));

        // The rollback alarm keeps watching green (now live); the alarms comparing green with blue go, as
        // blue takes no traffic any more.
        Assert.Equal(["shop-alarms-rollback"], Names(diff, PreviewOp.Update));
        // ... and AWS no longer rolls back on its own (rollback.automaticAfterPromotion is off by default): the
        // rules, runbooks, roles, queue and alarms of the automatic rollback go; its record stays.
        Assert.Equal(["shop-alarms-green-err-vs-old", "shop-alarms-green-p95-vs-old", .. AutomaticRollback(diff.Current)], Names(diff, PreviewOp.Delete));
        var rollbackAlarm = diff.Proposed.Resources.Single(r => r.Name == "shop-alarms-rollback");
        Assert.Contains("shop-" + stack + "-green-error-rate-critical", rollbackAlarm.Inputs["alarmRule"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task A_rollback_after_promotion_moves_the_listener_back_and_replaces_nothing(string stack)
    {
        var promoted = Promoted(stack);
        var rolledBack = promoted.With(new Dictionary<string, string?>
        {
            [ConfigKeys.ReleaseLive] = "blue",
            [ConfigKeys.RampStep] = "0",
            [ConfigKeys.RampStepSetAt] = Repo.Time(TimeSpan.FromMinutes(1)),
        });

        var diff = await PreviewDiff.RunAsync(promoted, rolledBack);

        Assert.Empty(Names(diff, PreviewOp.Replace));
        Assert.Empty(Names(diff, PreviewOp.Delete));
        Assert.DoesNotContain(diff.Changes, c => c.Resource.Type == "aws:rds/clusterSnapshot:ClusterSnapshot");
        Assert.Equal((100, 0), (diff.Proposed.Ramp.BlueWeight, diff.Proposed.Ramp.GreenWeight));
        Assert.Contains(HttpsListener, Names(diff, PreviewOp.Update));
        // Besides the listener: green is judged against blue again, by the same rollback alarm.
        Assert.Equal(["shop-alarms-rollback", HttpsListener], Names(diff, PreviewOp.Update));
        // ... and AWS rolls green back on its own again.
        Assert.Equal(["shop-alarms-green-err-vs-old", "shop-alarms-green-p95-vs-old", .. AutomaticRollback(diff.Proposed)], Names(diff, PreviewOp.Create));
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task With_automaticAfterPromotion_the_automatic_rollback_stays_through_the_promotion(string stack)
    {
        var diff = await PreviewDiff.RunAsync(
            AtLastStep(stack).With(new Dictionary<string, string?> { [ConfigKeys.RollbackAutomaticAfterPromotion] = "true" }),
            Promoted(stack).With(new Dictionary<string, string?> { [ConfigKeys.RollbackAutomaticAfterPromotion] = "true" }));

        Assert.Equal(["shop-alarms-green-err-vs-old", "shop-alarms-green-p95-vs-old"], Names(diff, PreviewOp.Delete));
        Assert.Empty(Names(diff, PreviewOp.Create));
    }

    /// <summary>The automatic rollback's resources but its component and record, which exist in every phase.</summary>
    private static IEnumerable<string> AutomaticRollback(PreviewRun run) => run.Resources.Select(r => r.Name)
        .Where(n => n.StartsWith("shop-auto-rollback-", StringComparison.Ordinal) && n != "shop-auto-rollback-record").Order(StringComparer.Ordinal);

    private static TimeSpan Days(double days) => TimeSpan.FromDays(days);

    /// <summary>Every step of the ramp from <paramref name="atZero"/>, the n-th set <paramref name="from"/> ago minus n hours:
    /// each changes the HTTPS listener and nothing else. Returns the config at the last step.</summary>
    private static async Task<PreviewConfig> RampAllStepsAsync(string stack, PreviewConfig atZero, TimeSpan from)
    {
        var previous = atZero;
        for (var step = 1; step < Repo.StepCount(stack); step++)
        {
            var next = atZero.With(Repo.AtStep(step, from - TimeSpan.FromHours(step)));
            var move = await PreviewDiff.RunAsync(previous, next);
            Assert.Equal([HttpsListener], move.Changes.Select(c => c.Resource.Name));
            previous = next;
        }

        return previous;
    }

    private static async Task<PreviewConfig> PromoteAsync(PreviewConfig atLastStep, string colour, TimeSpan ago)
    {
        var promoted = atLastStep.With(new Dictionary<string, string?>
        {
            [ConfigKeys.ReleaseLive] = colour,
            [ConfigKeys.RampStep] = "0",
            [ConfigKeys.ReleasePromotedAt] = Repo.Time(ago),
        });
        var promote = await PreviewDiff.RunAsync(atLastStep, promoted);
        Assert.Empty(Names(promote, PreviewOp.Replace));
        Assert.Empty(Names(promote, PreviewOp.Create));
        Assert.DoesNotContain(promote.Changes, c => c.Resource.Name == HttpsListener || Repo.IsReleaseOwn(c.Resource.Name));
        Assert.Equal(ReleasePhaseKind.Stabilizing, promoted.ReadSettings().Settings!.Phase.Kind);
        return promoted;
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task A_whole_release_on_the_other_colour_walks_every_move_with_the_smallest_change(string stack)
    {
        // Green live since a promotion a month ago, blue retired: the stack is idle.
        var idle = Repo.Config(stack).With(new Dictionary<string, string?>
        {
            [ConfigKeys.ReleaseLive] = "green",
            [ConfigKeys.ReleaseRetired] = "blue",
            [ConfigKeys.RampStep] = "0",
            [ConfigKeys.RampStepSetAt] = Repo.Time(Days(31)),
            [ConfigKeys.ReleasePromotedAt] = Repo.Time(Days(30)),
        });
        Assert.Equal(ReleasePhaseKind.Idle, idle.ReadSettings().Settings!.Phase.Kind);

        // start: blue's resources, the rollback alarm watching blue, the alarms comparing it with green, and
        // one pre-release snapshot named after the new release; nothing replaced, nothing deleted.
        var started = idle.With(new Dictionary<string, string?>
        {
            [ConfigKeys.BlueImageTag] = "1.6.0",
            [ConfigKeys.ReleaseRetired] = "none",
            [ConfigKeys.RampStep] = "0",
            [ConfigKeys.RampStepSetAt] = Repo.Time(Days(20)),
        });
        var start = await PreviewDiff.RunAsync(idle, started);
        Assert.Empty(Names(start, PreviewOp.Replace));
        Assert.Empty(Names(start, PreviewOp.Delete));
        var snapshot = Assert.Single(start.Changes, c => c.Resource.Type == "aws:rds/clusterSnapshot:ClusterSnapshot");
        Assert.Equal(PreviewOp.Create, snapshot.Op);
        Assert.Equal($"shop-{stack}-pre-1-6-0", snapshot.Resource.Inputs["dbClusterSnapshotIdentifier"]!.GetValue<string>());
        Assert.All(Names(start, PreviewOp.Create), name => Assert.True(
            name.Contains("blue", StringComparison.Ordinal) || name is "shop-alarms-rollback" || Repo.IsReleaseOwn(name)
                || name.StartsWith("shop-auto-rollback", StringComparison.Ordinal)
                || name.EndsWith("-vs-old", StringComparison.Ordinal),
            $"start creates {name}"));

        // every step, promote, a rollback of the promotion, every step again, promote again.
        var promoted = await PromoteAsync(await RampAllStepsAsync(stack, started, Days(20)), "blue", Days(19));
        var rolledBack = promoted.With(new Dictionary<string, string?>
        {
            [ConfigKeys.ReleaseLive] = "green",
            [ConfigKeys.RampStep] = "0",
            [ConfigKeys.RampStepSetAt] = Repo.Time(Days(18)),
        });
        var rollback = await PreviewDiff.RunAsync(promoted, rolledBack);
        Assert.Empty(Names(rollback, PreviewOp.Replace));
        Assert.Empty(Names(rollback, PreviewOp.Delete));
        Assert.DoesNotContain(rollback.Changes, c => Repo.IsReleaseOwn(c.Resource.Name));
        Assert.Equal((0, 100), (rollback.Proposed.Ramp.BlueWeight, rollback.Proposed.Ramp.GreenWeight));
        var promotedAgain = await PromoteAsync(await RampAllStepsAsync(stack, rolledBack, Days(17)), "blue", Days(10));

        // retire green once the window is over: only deletions, and not of anything blue.
        var retired = promotedAgain.With(new Dictionary<string, string?> { [ConfigKeys.ReleaseRetired] = "green" });
        var retire = await PreviewDiff.RunAsync(promotedAgain, retired);
        Assert.Empty(Names(retire, PreviewOp.Create));
        Assert.Empty(Names(retire, PreviewOp.Replace));
        Assert.Contains("shop-green", Names(retire, PreviewOp.Delete));
        Assert.DoesNotContain(Names(retire, PreviewOp.Delete), name => name.Contains("blue", StringComparison.Ordinal));
        Assert.Equal(ReleasePhaseKind.Idle, retired.ReadSettings().Settings!.Phase.Kind);
    }
}
