using BlueGreen.Release;

namespace BlueGreen.Preview.Tests;

/// <summary>
/// What each release move may change, checked by previewing it on the repo's real stack files: the
/// promises a reviewer relies on when a PR moves the ramp.
/// </summary>
[Collection(PreviewRunCollection.Name)]
public sealed class GuaranteeTests
{
    private const string HttpsListener = "shop-edge-https";
    private const string ListenerType = "aws:lb/listener:Listener";

    public static TheoryData<string, int> RampSteps()
    {
        var data = new TheoryData<string, int>();
        foreach (var stack in new[] { "staging", "prod" })
        {
            for (var step = 0; step < Repo.StepCount(stack) - 1; step++)
            {
                data.Add(stack, step);
            }
        }

        return data;
    }

    public static TheoryData<string, int> StepsAboveZero()
    {
        var data = new TheoryData<string, int>();
        foreach (var stack in new[] { "staging", "prod" })
        {
            for (var step = 1; step < Repo.StepCount(stack); step++)
            {
                data.Add(stack, step);
            }
        }

        return data;
    }

    public static TheoryData<string> Stacks() => ["staging", "prod"];

    [Theory]
    [MemberData(nameof(RampSteps))]
    public async Task A_ramp_step_updates_exactly_the_https_listener_and_replaces_nothing(string stack, int step)
    {
        var config = Repo.Config(stack);

        var diff = await PreviewDiff.RunAsync(
            config.With(Repo.AtStep(step, TimeSpan.FromHours(3))),
            config.With(Repo.AtStep(step + 1, TimeSpan.FromMinutes(1))));

        var change = Assert.Single(diff.Changes);
        Assert.Equal((ListenerType, HttpsListener, PreviewOp.Update), (change.Resource.Type, change.Resource.Name, change.Op));
        Assert.All(change.Diffs, d => Assert.StartsWith("defaultActions[0].forward.", d.Path, StringComparison.Ordinal));
        Assert.Equal(0, diff.Count(PreviewOp.Replace));
        Assert.Equal((step, step + 1), (diff.Current.Ramp.Step, diff.Proposed.Ramp.Step));
    }

    [Theory]
    [MemberData(nameof(StepsAboveZero))]
    public async Task A_rollback_updates_exactly_the_https_listener_and_sends_everything_to_the_live_colour(string stack, int step)
    {
        var config = Repo.Config(stack);

        var diff = await PreviewDiff.RunAsync(
            config.With(Repo.AtStep(step, TimeSpan.FromHours(3))),
            config.With(Repo.AtStep(0, TimeSpan.FromMinutes(1))));

        var change = Assert.Single(diff.Changes);
        Assert.Equal((ListenerType, HttpsListener, PreviewOp.Update), (change.Resource.Type, change.Resource.Name, change.Op));
        Assert.Equal((100, 0), (diff.Proposed.Ramp.BlueWeight, diff.Proposed.Ramp.GreenWeight));
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task Retiring_a_colour_deletes_exactly_its_resources_and_what_only_exists_during_a_release(string stack)
    {
        var promoted = Repo.Config(stack).With(Repo.GreenPromoted());

        var diff = await PreviewDiff.RunAsync(promoted, Retired(promoted));

        // Blue's own resources (its component and everything under it, its test route and alarms), plus what
        // only exists while a colour is at risk: the composite rollback alarm and the release's smoke and migration
        // Jobs (the alarms comparing the colours and, by default, the automatic rollback went at the promotion).
        // The automatic rollback record stays: it exists in every phase.
        // The pre-release snapshot stays: it is how the retired release is restored, while it is archived.
        var expected = diff.Current.Resources
            .Where(r => !r.Name.StartsWith("shop-auto-rollback", StringComparison.Ordinal))
            .Where(r => r.Name.Contains("-blue", StringComparison.Ordinal) || r.Name.EndsWith("-rollback", StringComparison.Ordinal)
                || r.Name.EndsWith("-vs-old", StringComparison.Ordinal)
                || r.Name.StartsWith("shop-smoke-", StringComparison.Ordinal) || r.Name.StartsWith("shop-migrate-", StringComparison.Ordinal))
            .Select(r => r.Name)
            .Order(StringComparer.Ordinal);
        var deleted = diff.Resources.Where(r => r.Op == PreviewOp.Delete).Select(r => r.Resource.Name).Order(StringComparer.Ordinal);
        Assert.Equal(expected, deleted);
        Assert.Contains(diff.Proposed.Resources, r => r.Name == "shop-backups-pre-release-1.5.0");
        Assert.Contains("shop-blue", deleted);
        Assert.DoesNotContain(diff.Changes, c => c.Op is PreviewOp.Create or PreviewOp.Replace);
        Assert.DoesNotContain(diff.Proposed.Resources, r => r.Name.Contains("blue", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task Retiring_a_colour_otherwise_updates_only_the_https_listener_and_the_dashboard(string stack)
    {
        var promoted = Repo.Config(stack).With(Repo.GreenPromoted());

        var diff = await PreviewDiff.RunAsync(promoted, Retired(promoted));

        var updated = diff.Resources.Where(r => r.Op == PreviewOp.Update).Select(r => r.Resource.Name).Order(StringComparer.Ordinal);
        Assert.Equal(["shop-alarms-dashboard", HttpsListener], updated);
    }

    /// <summary>What 'ramp retire' writes: blue retired, and 1.4.2 archived.</summary>
    private static PreviewConfig Retired(PreviewConfig promoted) =>
        promoted.After(ReleaseMoves.Retire(promoted.ReadSettings().Settings!, DateTimeOffset.UtcNow));

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task A_new_release_on_the_idle_colour_touches_only_that_colour_and_the_pre_release_snapshot(string stack)
    {
        // Both stack files have blue live and green idle at step 0.
        var config = Repo.Config(stack);
        Assert.Equal("blue", config.ReadSettings().Settings!.Release.Live.ConfigName());

        var diff = await PreviewDiff.RunAsync(config, config.With(new Dictionary<string, string?> { [ConfigKeys.GreenImageTag] = "1.6.0" }));

        var green = diff.Current.Resources.Single(r => r.Name == "shop-green").Urn;
        Assert.NotEmpty(diff.Changes);
        Assert.All(diff.Changes, c => Assert.True(
            c.Resource.Parent == green || Repo.IsReleaseOwn(c.Resource.Name),
            $"a new green release would {c.Op} {c.Resource.Name}"));

        // The release replaced at step 0 (1.5.0, never promoted) leaves nothing behind; 1.6.0 gets its own
        // snapshot, smoke test and migration.
        Assert.Equal(
            ["shop-backups-pre-release-1.6.0", "shop-migrate-1.6.0", "shop-migrate-1.6.0-job", "shop-smoke-1.6.0", "shop-smoke-1.6.0-job"],
            diff.Resources.Where(r => r.Op == PreviewOp.Create).Select(r => r.Resource.Name).Order(StringComparer.Ordinal));
        Assert.Equal(
            ["shop-backups-pre-release-1.5.0", "shop-migrate-1.5.0", "shop-migrate-1.5.0-job", "shop-smoke-1.5.0", "shop-smoke-1.5.0-job"],
            diff.Resources.Where(r => r.Op == PreviewOp.Delete).Select(r => r.Resource.Name).Order(StringComparer.Ordinal));
        Assert.Equal(PreviewOp.Update, Assert.Single(diff.Changes, c => c.Resource.Name == "shop-green-deploy").Op);
        Assert.DoesNotContain(diff.Changes, c => c.Resource.Name.Contains("blue", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task A_new_app_port_replaces_each_target_group_and_its_binding_together(string stack)
    {
        // The controller refuses an in-place change of a binding's target group: the binding goes with it.
        var config = Repo.Config(stack);

        var diff = await PreviewDiff.RunAsync(config, config.With(new Dictionary<string, string?> { [ConfigKeys.AppPort] = "9090" }));

        var replaced = diff.Resources.Where(r => r.Op == PreviewOp.Replace).Select(r => r.Resource.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var colour in new[] { "blue", "green" })
        {
            Assert.Contains($"shop-{colour}-tg", replaced);
            Assert.Contains($"shop-{colour}-tgb", replaced);
        }
    }
}
