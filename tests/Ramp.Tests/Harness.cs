using BlueGreen.Ramp.Tools;
using BlueGreen.Release;
using BlueGreen.Release.StackFiles;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Spectre.Console;
using Spectre.Console.Testing;

namespace BlueGreen.Ramp.Tests;

/// <summary>The fake clock's current time under the name the tests read it by.</summary>
public static class FakeTimeProviderExtensions
{
    extension(FakeTimeProvider clock)
    {
        /// <summary>The fake clock's UTC now.</summary>
        public DateTimeOffset Now => clock.GetUtcNow();
    }
}

/// <summary>
/// The ramp CLI on a temp copy of a repo stack file, with pulumi, aws, git, the confirmation, the
/// offline preview and the sleeper mocked, a fake clock and a console that writes to a string.
/// By default: the file is committed, pulumi is installed and every call succeeds, the stack has
/// blue and green alarms and a composite, every alarm is OK, and there are no AWS credentials.
/// </summary>
public sealed class Harness : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    public Harness(string stack = "prod", string? text = null)
    {
        Stack = stack;
        Directory = Path.Combine(Path.GetTempPath(), "ramp-tests-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        File.WriteAllText(FilePath, text ?? RepoStackFile(stack));
        Clock = new FakeTimeProvider(Start);

        Git.Setup(g => g.StatusPorcelainAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync("");
        Pulumi.Setup(p => p.VersionAsync(It.IsAny<CancellationToken>())).ReturnsAsync("v3.200.0");
        Pulumi.Setup(p => p.PreviewAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback((string s, CancellationToken _) => PulumiCalls.Add($"preview {s}"))
            .ReturnsAsync("Previewing update (prod): ~ 1 to update");
        Pulumi.Setup(p => p.UpAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback((string s, CancellationToken _) => PulumiCalls.Add($"up {s}"))
            .ReturnsAsync("Updating (prod): ~ 1 updated");
        Pulumi.Setup(p => p.UpTargetAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback((string s, string urn, CancellationToken _) => PulumiCalls.Add($"up {s} --target {urn}"))
            .ReturnsAsync("Updating (prod): ~ 1 updated");
        Pulumi.Setup(p => p.StackOutputsAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync(() => Outputs);
        Pulumi.Setup(p => p.StackExportAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync(() => Export);
        Aws.Setup(a => a.HasCredentialsAsync(It.IsAny<CancellationToken>())).ReturnsAsync(false);
        Aws.Setup(a => a.HealthyTargetsAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync(3);
        Aws.Setup(a => a.DescribeAlarmsAsync(It.IsAny<IReadOnlyList<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((IReadOnlyList<string> names, CancellationToken _) =>
                [.. names.Select(n => new AlarmStatus(n, AlarmStates.GetValueOrDefault(n, AlarmState.Ok), null))]);
        Confirmation.Setup(c => c.CanAsk).Returns(false);
        OfflinePreview.Setup(p => p.PreviewAsync(It.IsAny<StackFile>(), It.IsAny<StackFile>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync("offline preview: ~ listener weights");
        Sleeper.Setup(s => s.SleepAsync(It.IsAny<TimeSpan>(), It.IsAny<CancellationToken>()))
            .Callback((TimeSpan d, CancellationToken _) => Clock.Advance(d))
            .Returns(Task.CompletedTask);

        Console = new TestConsole().Width(240);
        Console.Profile.Capabilities.Interactive = false;
    }

    public string Stack { get; }

    public string Directory { get; }

    public string FilePath => StackFile.PathOf(Directory, Stack);

    /// <summary>The clock: moves only when a test (or the mocked sleeper) advances it.</summary>
    public FakeTimeProvider Clock { get; }

    public Mock<IPulumiCli> Pulumi { get; } = new();

    /// <summary>What <c>pulumi stack export</c> prints: the live state (no smoke Job unless a test puts one there).</summary>
    public string Export { get; set; } = LiveStateExport.Of();

    public Mock<IAwsCli> Aws { get; } = new();

    public Mock<IGit> Git { get; } = new();

    public Mock<IConfirmation> Confirmation { get; } = new();

    public Mock<IOfflinePreview> OfflinePreview { get; } = new();

    public Mock<ISleeper> Sleeper { get; } = new();

    /// <summary>GitHub (gh): no token unless a test gives one.</summary>
    public Mock<IGitHub> GitHub { get; } = new();

    /// <summary>The run's step summary file (GITHUB_STEP_SUMMARY), when a test sets one.</summary>
    public string? StepSummary { get; set; }

    /// <summary>Spectre's test console: no colours, no terminal, 240 columns; what was written is <see cref="Output"/>.</summary>
    public TestConsole Console { get; }

    /// <summary>The pulumi preview/up calls made, in order, e.g. "preview prod".</summary>
    public List<string> PulumiCalls { get; } = [];

    /// <summary>Alarm states by name; any other alarm is OK.</summary>
    public Dictionary<string, AlarmState> AlarmStates { get; } = new(StringComparer.Ordinal);

    public StackOutputs Outputs { get; set; } = new(
        new Dictionary<string, string>
        {
            ["blue.ErrorRateCritical"] = "shop-prod-blue-err-crit",
            ["blue.UnhealthyHosts"] = "shop-prod-blue-unhealthy",
            ["green.ErrorRateCritical"] = "shop-prod-green-err-crit",
            ["green.UnhealthyHosts"] = "shop-prod-green-unhealthy",
        },
        "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:shop-prod-rollback",
        "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/shop/abc/def",
        new Dictionary<Colour, string>
        {
            [Colour.Blue] = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/shop-blue/1",
            [Colour.Green] = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/shop-green/2",
        });

    public RampServices Services => new(
        Directory, Pulumi.Object, Aws.Object, Git.Object, Clock, Console, Confirmation.Object, OfflinePreview.Object, Sleeper.Object)
    {
        GitHub = GitHub.Object,
        StepSummary = StepSummary,
    };

    /// <summary>Everything printed so far.</summary>
    public string Output => Console.Output;

    public string Text => File.ReadAllText(FilePath);

    /// <summary>The file's value of a bare key, read as the stack reads it.</summary>
    public string? Value(string key) => StackFile.Parse(FilePath, Stack, Text).Get(key);

    public Task<int> Run(params string[] args) => RampCli.InvokeAsync([.. args, "--stack", Stack], Services);

    /// <summary>The one fixture of a ramp in progress: the repo's prod file at <paramref name="step"/>, set at the
    /// start of the clock, which then moves on by <paramref name="since"/> (none by default).</summary>
    public static Harness AtStep(int step, TimeSpan? since = null)
    {
        var h = new Harness("prod");
        h.Set(ConfigEdit.Number(ConfigKeys.RampStep, step), ConfigEdit.Time(ConfigKeys.RampStepSetAt, h.Clock.Now));
        h.Clock.Advance(since ?? TimeSpan.Zero);
        return h;
    }

    public static string RepoStackFile(string stack) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "stacks", $"Pulumi.{stack}.yaml"));

    /// <summary>AWS credentials (as CI's apply job has) and an automatic rollback record that says "none".</summary>
    public void NoAutomaticRollbackOnRecord()
    {
        Aws.Setup(a => a.HasCredentialsAsync(It.IsAny<CancellationToken>())).ReturnsAsync(true);
        Aws.Setup(a => a.GetParameterAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync(AutomaticRollbackRecord.None);
    }

    /// <summary>AWS credentials and a live listener forwarding with these weights.</summary>
    public void LiveWeights(int blue, int green)
    {
        Aws.Setup(a => a.HasCredentialsAsync(It.IsAny<CancellationToken>())).ReturnsAsync(true);
        Aws.Setup(a => a.DescribeListenerWeightsAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync([new ListenerTarget(Outputs.TargetGroupArns[Colour.Blue], blue), new ListenerTarget(Outputs.TargetGroupArns[Colour.Green], green)]);
    }

    /// <summary>When the last successful update finished (<c>pulumi stack history</c>), once <see cref="DeployInProcessAsync"/> applies.</summary>
    public DateTimeOffset? LastUpdate { get; private set; }

    /// <summary>Whether the smoke Job of an in-process deployment completes (true) or fails.</summary>
    public bool SmokeJobSucceeds { get; set; } = true;

    /// <summary>
    /// From now on every whole-stack <c>pulumi up</c> deploys the file: the stack outputs become what the stack
    /// itself outputs for it (run in-process, <see cref="DeployedStack"/>) and the update's end is the clock's now.
    /// A targeted <c>up</c> (the emergency rollback) changes the listener only, so the outputs stay.
    /// </summary>
    public async Task DeployInProcessAsync()
    {
        Pulumi.Setup(p => p.UpAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Returns(async (string s, CancellationToken _) =>
            {
                PulumiCalls.Add($"up {s}");
                await ApplyAsync().ConfigureAwait(false);
                return "Updating (prod): ~ 1 updated";
            });
        Pulumi.Setup(p => p.LastUpdateFinishedAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync(() => LastUpdate);
        await ApplyAsync().ConfigureAwait(false);
    }

    /// <summary>The apply workflow's <c>pulumi up</c> of the file as it is: the outputs and the update time follow it.</summary>
    public async Task ApplyAsync()
    {
        Outputs = await DeployedStack.OutputsAfterUpAsync(FilePath, Stack, Text, SmokeJobSucceeds).ConfigureAwait(false);
        LastUpdate = Clock.Now;
        // The live state holds the smoke Job the update ran, with the condition Kubernetes gave it.
        Export = Outputs.SmokeRelease is { } release
            ? LiveStateExport.Of(LiveStateExport.SmokeJob(release, complete: SmokeJobSucceeds, failed: !SmokeJobSucceeds))
            : LiveStateExport.Of();
    }

    /// <summary>Writes <paramref name="edits"/> into the file directly (setting up a state).</summary>
    public void Set(params ConfigEdit[] edits) => File.WriteAllText(FilePath, StackFileEditor.Apply(FilePath, Text, edits).Text);

    public void Dispose()
    {
        Console.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // a leftover temp directory is harmless
        }
    }
}
