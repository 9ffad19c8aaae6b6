using System.Collections.Concurrent;
using System.Collections.Immutable;
using BlueGreen.Preview;
using BlueGreen.Release;
using BlueGreen.Release.StackFiles;
using BlueGreen.Stacks;
using Moq;
using Pulumi;
using Pulumi.Testing;

namespace BlueGreen.Tests.Stacks;

/// <summary>Stack config reaches Pulumi through process-wide environment variables: these tests run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class StackRunCollection
{
    public const string Name = "whole-stack runs";
}

/// <summary>The whole program, run in Pulumi's test mode on the real stack files with one key changed at a time.</summary>
[Collection(StackRunCollection.Name)]
public sealed class BlueGreenStackTests
{
    private const string ListenerType = "aws:lb/listener:Listener";
    private const string TargetGroupType = "aws:lb/targetGroup:TargetGroup";

    private static string RepoRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Pulumi.yaml")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("Pulumi.yaml not found above the test output folder");
        }
    }

    internal sealed record Run(ImmutableArray<Resource> Resources, IReadOnlyList<MockResourceArgs> Registered)
    {
        public IEnumerable<MockResourceArgs> OfType(string type) => Registered.Where(r => r.Type == type);

        public MockResourceArgs HttpsListener => OfType(ListenerType).Single(l => Equals(l.Inputs.GetValueOrDefault("port"), 443.0));
    }

    internal static async Task<Run> RunStackAsync(string stack, IDictionary<string, string?> overrides, string? automaticRollbackRecord = "none")
    {
        var file = StackFile.Load(RepoRoot, stack);
        var config = file.Config.ToDictionary(p => p.Key, p => (string?)p.Value);
        foreach (var (key, value) in overrides)
        {
            config[$"{ConfigKeys.Namespace}:{key}"] = value;
        }

        // The preview's fake cloud: the same answers the offline preview gets.
        var mocks = new PreviewMocks(config.GetValueOrDefault("aws:region") ?? "eu-west-1") { AutomaticRollbackRecord = automaticRollbackRecord };
        var resources = await InProcessStack.RunAsync(
            config.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!), file.SecretKeys, mocks, new TestOptions { ProjectName = "bluegreen", StackName = stack });
        return new Run(resources, mocks.Registered);
    }

    internal static Dictionary<string, string?> AtStep(int step) => new()
    {
        [ConfigKeys.RampStep] = step.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [ConfigKeys.RampStepSetAt] = UtcTimestamp.Format(DateTimeOffset.UtcNow.AddMinutes(-1)),
    };

    internal static IReadOnlyList<(string Arn, double Weight)> ForwardWeights(MockResourceArgs listener)
    {
        var action = (ImmutableDictionary<string, object>)((ImmutableArray<object>)listener.Inputs["defaultActions"])[0];
        var forward = (ImmutableDictionary<string, object>)action["forward"];
        return [.. ((ImmutableArray<object>)forward["targetGroups"]).Cast<ImmutableDictionary<string, object>>()
            .Select(t => ((string)t["arn"], (double)t["weight"]))];
    }

    public static TheoryData<string, int> EveryStepOfBothStacks()
    {
        var data = new TheoryData<string, int>();
        foreach (var stack in new[] { "staging", "prod" })
        {
            var file = StackFile.Load(RepoRoot, stack);
            var schedule = System.Text.Json.JsonSerializer.Deserialize<int[]>(file.Get(ConfigKeys.RampSchedule)!)!;
            foreach (var percent in schedule)
            {
                data.Add(stack, percent);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryStepOfBothStacks))]
    public async Task Every_step_of_both_stacks_forwards_the_schedules_weights_to_both_target_groups(string stack, int percentToGreen)
    {
        var schedule = System.Text.Json.JsonSerializer.Deserialize<int[]>(StackFile.Load(RepoRoot, stack).Get(ConfigKeys.RampSchedule)!)!;

        var run = await RunStackAsync(stack, AtStep(Array.IndexOf(schedule, percentToGreen)));

        var weights = ForwardWeights(run.HttpsListener);
        Assert.Equal(2, weights.Count);
        Assert.Equal(100, weights.Sum(w => w.Weight));
        Assert.Equal(percentToGreen, weights.Single(w => w.Arn.Contains("green", StringComparison.Ordinal)).Weight);
        Assert.Equal(100 - percentToGreen, weights.Single(w => w.Arn.Contains("blue", StringComparison.Ordinal)).Weight);
    }

    [Fact]
    public async Task Invalid_config_is_rejected_with_every_problem_and_registers_no_resource()
    {
        var overrides = new Dictionary<string, string?>
        {
            [ConfigKeys.RampSchedule] = "[0, 50, 25, 100]",
            [ConfigKeys.BackupRetentionDays] = "7",
        };

        var error = await Assert.ThrowsAnyAsync<Exception>(() => RunStackAsync("prod", overrides));

        Assert.Contains("bluegreen:ramp.schedule", error.Message, StringComparison.Ordinal);
        Assert.Contains("bluegreen:backup.retentionDays", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_config_registers_nothing_but_the_stack()
    {
        var file = StackFile.Load(RepoRoot, "prod");
        var config = file.Config.ToDictionary(p => p.Key, p => p.Value);
        config["bluegreen:ramp.step"] = "9";
        var mocks = new PreviewMocks("eu-west-1");

        await Assert.ThrowsAnyAsync<Exception>(() => InProcessStack.RunAsync(config, file.SecretKeys, mocks, new TestOptions { StackName = "prod" }));

        Assert.Empty(mocks.Registered);
    }

    [Fact]
    public async Task Retiring_blue_removes_exactly_blues_resources_and_its_place_in_the_listener()
    {
        var promoted = new Dictionary<string, string?>
        {
            [ConfigKeys.ReleaseLive] = "green",
            [ConfigKeys.RampStep] = "0",
            [ConfigKeys.RampStepSetAt] = UtcTimestamp.Format(DateTimeOffset.UtcNow.AddDays(-4)),
            [ConfigKeys.ReleasePromotedAt] = UtcTimestamp.Format(DateTimeOffset.UtcNow.AddDays(-4)),
        };
        var retired = new Dictionary<string, string?>(promoted) { [ConfigKeys.ReleaseRetired] = "blue" };

        var before = await RunStackAsync("prod", promoted);
        var after = await RunStackAsync("prod", retired);

        var gone = before.Registered.Select(r => r.Name!).Except(after.Registered.Select(r => r.Name!)).ToList();
        Assert.NotEmpty(gone);
        // Blue's own resources, plus what only exists while a release is in progress (the rollback
        // alarm that compares the new colour with the old one, the pre-release snapshot without an archive
        // entry, and the release's smoke and migration Jobs).
        Assert.All(gone, name => Assert.True(
            name.Contains("blue", StringComparison.Ordinal) || name.Contains("rollback", StringComparison.Ordinal)
            || name.Contains("relative", StringComparison.Ordinal) || name.Contains("pre-release", StringComparison.Ordinal)
            || name.StartsWith("shop-smoke-", StringComparison.Ordinal) || name.StartsWith("shop-migrate-", StringComparison.Ordinal),
            $"retiring blue removed {name}"));
        Assert.DoesNotContain(after.Registered, r => r.Name!.Contains("blue", StringComparison.Ordinal));
        var weights = ForwardWeights(after.HttpsListener);
        Assert.Equal(100, Assert.Single(weights).Weight);
    }

    [Fact]
    public async Task The_namespace_injects_alb_readiness_gates()
    {
        var run = await RunStackAsync("prod", new Dictionary<string, string?>());

        var ns = run.OfType("kubernetes:core/v1:Namespace").Single();
        var labels = (ImmutableDictionary<string, object>)((ImmutableDictionary<string, object>)ns.Inputs["metadata"])["labels"];
        Assert.Equal("enabled", labels["elbv2.k8s.aws/pod-readiness-gate-inject"]);
    }

    [Fact]
    public async Task Stack_outputs_report_the_live_colour_step_and_weights()
    {
        var run = await RunStackAsync("prod", AtStep(2));

        var stack = run.Resources.OfType<BlueGreenStack>().Single();
        Assert.Equal("blue", await Pulumi.Utilities.OutputUtilities.GetValueAsync(stack.LiveColour));
        Assert.Equal(2, await Pulumi.Utilities.OutputUtilities.GetValueAsync(stack.Step));
        Assert.Equal(75, await Pulumi.Utilities.OutputUtilities.GetValueAsync(stack.BlueWeight));
        Assert.Equal(25, await Pulumi.Utilities.OutputUtilities.GetValueAsync(stack.GreenWeight));
        Assert.Equal(2, run.OfType(TargetGroupType).Count());
    }

    [Fact]
    public async Task Alarm_thresholds_flow_from_the_stack_config_to_the_alarms()
    {
        var run = await RunStackAsync("prod", new Dictionary<string, string?>
        {
            [ConfigKeys.AlarmsErrorRateCritical] = "2",
            [ConfigKeys.AlarmsErrorRateWindow] = "10m",
            [ConfigKeys.AlarmsLatencyP95Critical] = "1500ms",
            [ConfigKeys.AlarmsRelativeErrorRateDelta] = "0.8",
        });

        MockResourceArgs Alarm(string name) => run.Registered.Single(r => r.Name == name);
        foreach (var colour in new[] { "blue", "green" })
        {
            Assert.Equal(2.0, Alarm($"shop-alarms-{colour}-err-crit").Inputs["threshold"]);
            Assert.Equal(10.0, Alarm($"shop-alarms-{colour}-err-crit").Inputs["evaluationPeriods"]);
            Assert.Equal(1.5, Alarm($"shop-alarms-{colour}-p95-crit").Inputs["threshold"]);
        }

        Assert.Equal(0.8, Alarm("shop-alarms-green-err-vs-old").Inputs["threshold"]);
        Assert.Equal(2.0, Alarm("shop-alarms-elb-5xx").Inputs["threshold"]);
    }

    [Fact]
    public async Task The_p95_window_reaches_every_p95_alarm_warning_critical_and_against_the_old_colour()
    {
        var run = await RunStackAsync("prod", new Dictionary<string, string?> { [ConfigKeys.AlarmsLatencyP95Window] = "15m" });

        MockResourceArgs Alarm(string name) => run.Registered.Single(r => r.Name == name);
        foreach (var name in new[] { "shop-alarms-green-p95-warn", "shop-alarms-green-p95-crit", "shop-alarms-green-p95-vs-old", "shop-alarms-blue-p95-warn" })
        {
            Assert.Equal(15.0, Alarm(name).Inputs["evaluationPeriods"]);
        }
    }

    [Fact]
    public async Task A_release_runs_its_smoke_test_against_the_new_colour_and_its_migration_with_its_own_image()
    {
        var run = await RunStackAsync("prod", new Dictionary<string, string?>());

        var smoke = run.Registered.Single(r => r.Name == "shop-smoke-1.5.0-job").Inputs;
        var container = (ImmutableDictionary<string, object>)((ImmutableArray<object>)((ImmutableDictionary<string, object>)((ImmutableDictionary<string, object>)((ImmutableDictionary<string, object>)smoke["spec"])["template"])["spec"])["containers"])[0];
        Assert.Equal("123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop:1.5.0", container["image"]);
        var env = ((ImmutableArray<object>)container["env"]).Cast<ImmutableDictionary<string, object>>().ToDictionary(e => (string)e["name"], e => (string)e["value"]);
        Assert.Equal("1.5.0", env["RELEASE"]);
        Assert.StartsWith("http://shop-green", env["TARGET_URL"], StringComparison.Ordinal);
        Assert.EndsWith(".shop.svc.cluster.local:80", env["TARGET_URL"], StringComparison.Ordinal);
        Assert.Contains(run.Registered, r => r.Name == "shop-migrate-1.5.0-job");
        Assert.DoesNotContain(run.Registered, r => r.Name == "shop-edge-maintenance");

        // During a release maintenance needs the automatic rollback off (its 503s count as the load balancer's 5xx).
        var maintenance = await RunStackAsync("prod", new Dictionary<string, string?> { [ConfigKeys.MaintenanceEnabled] = "true", [ConfigKeys.RollbackAutomatic] = "false" });
        Assert.Contains(maintenance.Registered, r => r.Name == "shop-edge-maintenance");
    }

    [Fact]
    public async Task An_idle_stack_runs_no_job()
    {
        var idle = await RunStackAsync("prod", new Dictionary<string, string?>
        {
            [ConfigKeys.ReleaseRetired] = "green",
            [ConfigKeys.ReleasePromotedAt] = UtcTimestamp.Format(DateTimeOffset.UtcNow.AddDays(-10)),
            [ConfigKeys.RampStepSetAt] = UtcTimestamp.Format(DateTimeOffset.UtcNow.AddDays(-11)),
        });

        Assert.DoesNotContain(idle.Registered, r => r.Type == "kubernetes:batch/v1:Job");
    }
}
