using System.Collections.Immutable;
using BlueGreen.Release;
using Pulumi;

namespace BlueGreen.Stacks;

/// <summary>
/// The blue/green stack: reads all of <c>bluegreen:</c> config into <see cref="StackSettings"/>,
/// validates everything before registering any resource, then declares the release.
/// </summary>
public sealed class BlueGreenStack : Stack
{
    public BlueGreenStack()
        : base(InProcessStack.ObservingOptions())
    {
        var settings = ReadSettings();
        var release = new BlueGreenRelease(settings, new Config("aws").Require("region"));

        Url = release.Listener.Url;
        ListenerArn = release.Listener.HttpsListenerArn;
        LiveColour = Output.Create(settings.Release.Live.ConfigName());
        Step = Output.Create(settings.Ramp.Step);
        BlueWeight = Output.Create(settings.Split.Blue);
        GreenWeight = Output.Create(settings.Split.Green);
        BlueTargetGroupArn = release.TargetGroupArnOf(Colour.Blue);
        GreenTargetGroupArn = release.TargetGroupArnOf(Colour.Green);
        BlueRelease = Output.Create(settings.Blue.ImageTag);
        GreenRelease = Output.Create(settings.Green.ImageTag);
        AlarmNames = release.AlarmNames;
        CompositeAlarmArn = release.CompositeAlarmArn;
        DashboardName = release.DashboardName;
        BackupVaultName = release.BackupVaultName;
        TestRouteKey = release.TestRouteKey?.Apply(key => (string?)key) ?? Output.CreateSecret((string?)null);
        AutomaticRollbackRecord = release.AutomaticRollbackRecord.Apply(record => (string?)record);
        SmokeJob = release.Smoke?.JobName.Apply(name => (string?)name) ?? Output.Create((string?)null);
        SmokeRelease = release.Smoke?.RanRelease ?? Output.Create((string?)null);
        SmokePassed = release.Smoke is { } smoke
            ? Output.Tuple(smoke.Complete, smoke.Failed).Apply(job => (bool?)(job.Item1 && !job.Item2))
            : Output.Create((bool?)null);
    }

    /// <summary>The smoke Job this stack runs (its name), or null when it runs none. The two outputs below are
    /// read from that Job as the provider last read it, never from the config.</summary>
    [Output(StackContract.Outputs.SmokeJob)]
    public Output<string?> SmokeJob { get; private set; }

    /// <summary>The release the smoke Job ran, from the Job's own <c>release</c> label.</summary>
    [Output(StackContract.Outputs.SmokeRelease)]
    public Output<string?> SmokeRelease { get; private set; }

    /// <summary>Whether the Job's <c>Complete</c> condition is True and <c>Failed</c> is not. Outputs change only on a
    /// successful update, so the gate (ramp verify, next) reads the same Job from the live state instead.</summary>
    [Output(StackContract.Outputs.SmokePassed)]
    public Output<bool?> SmokePassed { get; private set; }

    /// <summary>Reads and validates the config; every problem is reported at once and nothing is registered.</summary>
    private static StackSettings ReadSettings()
    {
        var config = new Config(ConfigKeys.Namespace);
        var stackName = Deployment.Instance.StackName;
        var result = StackSettingsReader.Read(OtherNamespacesToo(config), stackName, InProcessStack.Now);
        return result.Settings ?? throw new RunException(
            $"Pulumi.{stackName}.yaml has {result.Problems.Count} config problem(s); nothing was changed:\n"
            + string.Join("\n", result.Problems.Select(p => $"  - {p.Message}")));
    }

    /// <summary>The reader's lookup: bare keys from <c>bluegreen:</c>, "namespace:key" (aws:region) from that namespace.</summary>
    private static Func<string, string?> OtherNamespacesToo(Config config) => key =>
        key.Split(':', 2) is [var ns, var rest] ? new Config(ns).Get(rest) : config.Get(key);

    [Output(StackContract.Outputs.Url)]
    public Output<string> Url { get; private set; }

    /// <summary>The HTTPS listener whose weights `ramp status` reads back from AWS to detect drift.</summary>
    [Output(StackContract.Outputs.ListenerArn)]
    public Output<string> ListenerArn { get; private set; }

    [Output(StackContract.Outputs.LiveColour)]
    public Output<string> LiveColour { get; private set; }

    [Output(StackContract.Outputs.Step)]
    public Output<int> Step { get; private set; }

    [Output(StackContract.Outputs.BlueWeight)]
    public Output<int> BlueWeight { get; private set; }

    [Output(StackContract.Outputs.GreenWeight)]
    public Output<int> GreenWeight { get; private set; }

    [Output(StackContract.Outputs.BlueTargetGroupArn)]
    public Output<string?> BlueTargetGroupArn { get; private set; }

    [Output(StackContract.Outputs.GreenTargetGroupArn)]
    public Output<string?> GreenTargetGroupArn { get; private set; }

    [Output(StackContract.Outputs.BlueRelease)]
    public Output<string?> BlueRelease { get; private set; }

    [Output(StackContract.Outputs.GreenRelease)]
    public Output<string?> GreenRelease { get; private set; }

    /// <summary>Alarm names by "colour.kind" (e.g. "green.errorRateCritical"); the ramp gate reads them.</summary>
    [Output(StackContract.Outputs.AlarmNames)]
    public Output<ImmutableDictionary<string, string>> AlarmNames { get; private set; }

    [Output(StackContract.Outputs.CompositeAlarmArn)]
    public Output<string?> CompositeAlarmArn { get; private set; }

    [Output(StackContract.Outputs.DashboardName)]
    public Output<string?> DashboardName { get; private set; }

    /// <summary>The secret the test routes require in <c>X-Test-Route-Key</c>; read it with
    /// <c>pulumi stack output testRouteKey --show-secrets</c>. Null without test routes.</summary>
    [Output(StackContract.Outputs.TestRouteKey)]
    public Output<string?> TestRouteKey { get; private set; }

    /// <summary>The last automatic rollback AWS ran (JSON: executionId, at, alarm, rolledBack, to) or "none", as read at
    /// this update (in every phase). <c>ramp status</c> reads the parameter itself, which is newer.</summary>
    [Output(StackContract.Outputs.AutomaticRollback)]
    public Output<string?> AutomaticRollbackRecord { get; private set; }

    [Output(StackContract.Outputs.BackupVaultName)]
    public Output<string?> BackupVaultName { get; private set; }
}
