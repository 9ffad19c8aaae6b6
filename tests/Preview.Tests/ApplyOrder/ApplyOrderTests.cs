using BlueGreen.Release;

namespace BlueGreen.Preview.Tests.ApplyOrder;

/// <summary>
/// Each move of a release, on the repo's stack files, as an update the engine, pulumi-kubernetes and the AWS Load
/// Balancer Controller can finish (<see cref="AwaitRules"/> cites the rules). The last test puts back the old
/// dependency (the listener waiting for the smoke Job at every weight) and shows the start deadlocks under it.
/// </summary>
[Collection(PreviewRunCollection.Name)]
public sealed class ApplyOrderTests
{
    public static TheoryData<string> Stacks() => ["staging", "prod"];

    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    /// <summary>Green (1.5.0) live, blue (1.4.2) retired.</summary>
    private static PreviewConfig Idle(string stack) => Repo.Config(stack).With(Repo.GreenLiveBlueRetired());

    private static PreviewConfig Started(string stack)
    {
        var idle = Idle(stack);
        return idle.After(ReleaseMoves.Start(idle.ReadSettings().Settings!, "1.6.0", Now.AddDays(-5)));
    }

    private static PreviewConfig AtStep(PreviewConfig config, int step, TimeSpan ago) => config.With(Repo.AtStep(step, ago));

    private static async Task<ApplyOutcome> PlayAsync(PreviewConfig before, PreviewConfig after) =>
        AwaitRules.Play(await ApplyGraph.RunAsync(before), await ApplyGraph.RunAsync(after));

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task A_start_from_idle_can_complete_its_smoke_test_waits_for_ready_pods_and_nothing_waits_for_it(string stack)
    {
        var outcome = await PlayAsync(Idle(stack), Started(stack));

        Assert.True(outcome.CanComplete, outcome.ToString());
        var order = outcome.Completed.ToList();
        // The new colour's group is attached at weight 0 (and by its test route) before its pods can be ready;
        // the smoke Job runs against ready pods, and comes last of the three.
        Assert.True(order.IndexOf("shop-edge-https") < order.IndexOf("shop-blue-deploy"), outcome.ToString());
        Assert.True(order.IndexOf("shop-blue-deploy") < order.IndexOf("shop-smoke-1.6.0-job"), outcome.ToString());
        Assert.True(order.IndexOf("shop-migrate-1.6.0-job") < order.IndexOf("shop-blue-deploy"), outcome.ToString());
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task A_step_a_rollback_a_promotion_and_a_retirement_can_each_complete(string stack)
    {
        var started = Started(stack);
        var last = Repo.StepCount(stack) - 1;
        var step1 = AtStep(started, 1, TimeSpan.FromDays(4));
        var lastStep = AtStep(started, last, TimeSpan.FromDays(4.5));
        var rolledBack = AtStep(started, 0, TimeSpan.FromDays(3));
        var promoted = lastStep.With(new Dictionary<string, string?>
        {
            [ConfigKeys.ReleaseLive] = "blue",
            [ConfigKeys.RampStep] = "0",
            [ConfigKeys.ReleasePromotedAt] = Repo.Time(TimeSpan.FromDays(4)),
        });
        var retired = promoted.After(ReleaseMoves.Retire(promoted.ReadSettings().Settings!, Now));

        foreach (var (name, before, after) in new[]
        {
            ("step 0 → 1", started, step1),
            ("rollback 1 → 0", step1, rolledBack),
            ("promotion", lastStep, promoted),
            ("retirement", promoted, retired),
        })
        {
            var outcome = await PlayAsync(before, after);
            Assert.True(outcome.CanComplete, $"{stack} {name}: {outcome}");
        }

        // The first weight above 0 is the only step that waits for the smoke Job.
        var graph = await ApplyGraph.RunAsync(step1);
        Assert.Contains(graph.Named("shop-smoke-1.6.0-job").Urn, graph.Dependencies[graph.Named("shop-edge-https").Urn]);
        var atZero = await ApplyGraph.RunAsync(started);
        Assert.DoesNotContain(atZero.Named("shop-smoke-1.6.0-job").Urn, atZero.Dependencies[atZero.Named("shop-edge-https").Urn]);
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task The_start_deadlocks_when_the_listener_waits_for_the_smoke_job_at_weight_0_as_it_used_to(string stack)
    {
        var before = await ApplyGraph.RunAsync(Idle(stack));
        var after = (await ApplyGraph.RunAsync(Started(stack))).WithDependency("shop-edge-https", "shop-smoke-1.6.0-job");

        var outcome = AwaitRules.Play(before, after);

        Assert.False(outcome.CanComplete, outcome.ToString());
        Assert.Contains("readiness gate", outcome.Stuck["shop-blue-deploy"], StringComparison.Ordinal);
        Assert.Contains("shop-blue-deploy", outcome.Stuck["shop-smoke-1.6.0-job"], StringComparison.Ordinal);
        Assert.Contains("shop-smoke-1.6.0-job", outcome.Stuck["shop-edge-https"], StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task A_start_and_a_first_step_in_one_edit_would_deadlock_so_the_apply_gate_refuses_it(string stack)
    {
        var combined = AtStep(Started(stack), 1, TimeSpan.Zero);

        var outcome = await PlayAsync(Idle(stack), combined);

        Assert.False(outcome.CanComplete, outcome.ToString());
        var deployed = new DeployedRamp(Colour.Green, 0, null, "1.5.0", Now.AddDays(-1));
        var plan = ReleaseMoves.FromDeployed(combined.ReadSettings().Settings!, deployed, Now);
        Assert.True(plan.IsRefused);
        Assert.Contains("a new release enters at step 0", plan.Refusal, StringComparison.Ordinal);
    }
}
