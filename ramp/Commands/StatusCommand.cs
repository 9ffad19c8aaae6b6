using System.Globalization;
using BlueGreen.Ramp.Tools;
using BlueGreen.Release;
using Spectre.Console;

namespace BlueGreen.Ramp;

/// <summary>The ramp CLI's status: the file's side, the phase, and the live state read back from AWS.</summary>
public sealed partial class RampApp
{
    public Task<int> StatusAsync(CommandOptions options, CancellationToken cancellationToken = default) =>
        StatusAsync(options, requireLive: false, cancellationToken);

    /// <summary><c>status</c>: exit 4 when live and file disagree; with <paramref name="requireLive"/>, exit 5 when the
    /// live state could not be read (and always when credentials exist but a read failed).</summary>
    public async Task<int> StatusAsync(CommandOptions options, bool requireLive, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var state = await LoadAsync(options, cancellationToken).ConfigureAwait(false);
        var s = state.Settings;
        var now = Now;
        Out.MarkupLineInterpolated($"[bold]Stack {s.StackName}[/] ({s.Environment.ToString().ToLowerInvariant()}) — {state.FileName} at {UtcTimestamp.Format(now)}");
        Out.MarkupLineInterpolated($"Live colour: [bold]{s.Release.Live.ConfigName()}[/]");
        WritePhase(s);

        var split = s.Split;
        var releases = new Table().Border(TableBorder.Rounded).AddColumns("colour", "image tag", "replicas", "weight", "role");
        foreach (var colour in Colours.All)
        {
            var release = s.ReleaseOf(colour);
            releases.AddRow(
                Esc(colour.ConfigName()),
                Esc(release.ImageTag ?? "—"),
                release.Replicas.ToString(CultureInfo.InvariantCulture),
                $"{split.WeightOf(colour)} %",
                Esc(s.Phase.RoleOf(s, colour)));
        }

        Out.Write(releases);
        WriteSchedule(s, now);

        var ramp = s.Ramp;
        if (ramp.StepSetAt is { } setAt)
        {
            Out.MarkupLineInterpolated($"Step {ramp.Step} set at {UtcTimestamp.Format(setAt)} ({Ago(setAt, now)})");
        }
        else
        {
            Out.MarkupLineInterpolated($"Step {ramp.Step}: [yellow]{ConfigKeys.Full(ConfigKeys.RampStepSetAt)} is not set[/]");
        }

        if (s.Phase.Kind == ReleasePhaseKind.Ramping)
        {
            var bake = BakeGate.Evaluate(ramp, now);
            var what = s.Phase.AllowedMoves(s)[0]; // the phase says which move is next
            Out.MarkupLineInterpolated(bake.Passed
                ? (FormattableString)$"Bake: [green]done[/] — '{what}' may go ahead as far as time goes"
                : bake.EarliestAt is { } at
                    ? (FormattableString)$"Bake: [yellow]{Left(at, now)} left[/] (until {UtcTimestamp.Format(at)}) before '{what}'"
                    : $"Bake: [yellow]{bake.Reason}[/]");
        }
        else
        {
            Out.MarkupLine("Bake: no release in progress");
        }

        WriteStabilization(s, now);
        WriteTestRoute(s);
        WriteReleaseSteps(s, now);
        if (s.Ramp.ForceReason is { } forced)
        {
            Out.MarkupLineInterpolated($"[yellow]Forced:[/] step {s.Ramp.Step} passed its gates because: {forced}");
        }

        await WriteAutoProgressAsync(state, cancellationToken).ConfigureAwait(false);
        return await WriteLiveStateAsync(state, requireLive, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The release phase and the moves it allows (the phase model's own words).</summary>
    private void WritePhase(StackSettings s)
    {
        var phase = s.Phase;
        Out.MarkupLineInterpolated($"Phase: [bold]{phase.Describe()}[/]");
        Out.MarkupLineInterpolated($"Next moves: {string.Join("; ", phase.AllowedMoves(s))}");
    }

    /// <summary>How to reach a colour through the test route; the key itself is never printed.</summary>
    private void WriteTestRoute(StackSettings s)
    {
        if (!s.TestRoute.Enabled)
        {
            Out.MarkupLine("Test route: off");
            return;
        }

        var sources = s.TestRoute.SourceCidrs is { Count: > 0 } cidrs ? $", from {string.Join(", ", cidrs)} only" : "";
        Out.MarkupLineInterpolated($"Test route: -H '{s.TestRoute.Header}: <colour>' -H '{TestRouteSettings.KeyHeader}: <key>'{sources}; the key: pulumi stack output testRouteKey --show-secrets --stack {s.StackName}");
    }

    private void WriteSchedule(StackSettings s, DateTimeOffset now)
    {
        var ramp = s.Ramp;
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns("step", $"to {s.OtherColour.ConfigName()}", $"to {s.Release.Live.ConfigName()}", "bake", "");
        foreach (var step in ramp.Schedule.Steps)
        {
            var current = step.Index == ramp.Step;
            var mark = current ? $"◀ current{(ramp.StepSetAt is { } at ? $", {Ago(at, now)}" : "")}" : "";
            table.AddRow(
                current ? $"[bold]{step.Index}[/]" : step.Index.ToString(CultureInfo.InvariantCulture),
                $"{step.PercentToNew} %",
                $"{step.PercentToLive} %",
                DurationText.Format(step.Bake),
                Esc(mark));
        }

        Out.Write(table);
    }

    private void WriteStabilization(StackSettings s, DateTimeOffset now)
    {
        var release = s.Release;
        if (release.Retired is { } retired)
        {
            Out.MarkupLineInterpolated($"Stabilization: {retired.ConfigName()} is retired");
            return;
        }

        if (release.StableAt is not { } stableAt || s.Phase.Kind == ReleasePhaseKind.Ramping)
        {
            Out.MarkupLineInterpolated($"Stabilization: {DurationText.Format(release.StabilizationWindow)} after the next promotion");
            return;
        }

        Out.MarkupLineInterpolated(now >= stableAt
            ? (FormattableString)$"Stabilization: [green]over[/] since {UtcTimestamp.Format(stableAt)} — 'retire' may tear down {s.OtherColour.ConfigName()}"
            : $"Stabilization: [yellow]{Left(stableAt, now)} left[/] (until {UtcTimestamp.Format(stableAt)}) before 'retire'");
    }

    /// <summary>Shows live alarms and listener weights when AWS is reachable; true when the weights drift from the file.</summary>
    /// <summary>The live part of <c>status</c>, and its exit code: drift (4), unread (5) or ok.</summary>
    private async Task<int> WriteLiveStateAsync(StackState state, bool requireLive, CancellationToken cancellationToken)
    {
        if (!await _services.Aws.HasCredentialsAsync(cancellationToken).ConfigureAwait(false))
        {
            Out.MarkupLine("[grey]Live alarms and listener weights: not read (no AWS CLI or no AWS credentials here).[/]");
            return requireLive ? ExitCodes.Unread : ExitCodes.Ok;
        }

        try
        {
            return await WriteLiveStateAsync(state, cancellationToken).ConfigureAwait(false) ? ExitCodes.Drift : ExitCodes.Ok;
        }
        catch (RampException e) when (e is not RampRefusedException)
        {
            Out.MarkupLineInterpolated($"[red]Live state: not read[/] ({e.Message}); the file's side above is all this status knows.");
            return ExitCodes.Unread;
        }
    }

    private async Task<bool> WriteLiveStateAsync(StackState state, CancellationToken cancellationToken)
    {
        var outputs = await _services.Pulumi.StackOutputsAsync(state.Stack, cancellationToken).ConfigureAwait(false);

        var s = state.Settings;
        var automaticDrift = await WriteAutomaticRollbackAsync(state, cancellationToken).ConfigureAwait(false);
        WriteSmokeResult(s, outputs);
        var named = Colours.All.SelectMany(c => outputs.AlarmsOf(c).Select(a => (Colour: c, a.Kind, a.Name))).ToList();
        var names = named.Select(n => n.Name).ToList();
        if (outputs.CompositeAlarmName is { } composite)
        {
            names.Add(composite);
        }

        var statuses = (await _services.Aws.DescribeAlarmsAsync(names, cancellationToken).ConfigureAwait(false))
            .ToDictionary(a => a.Name, StringComparer.Ordinal);
        var alarms = new Table().Border(TableBorder.Rounded).AddColumns("colour", "alarm", "name", "state");
        foreach (var (colour, kind, name) in named)
        {
            alarms.AddRow(Esc(colour.ConfigName()), Esc(kind), Esc(name), StateMarkup(statuses.GetValueOrDefault(name)));
        }

        if (outputs.CompositeAlarmName is { } compositeName)
        {
            alarms.AddRow(Esc((s.Phase.AtRisk ?? s.OtherColour).ConfigName()), "rollback (composite)", Esc(compositeName), StateMarkup(statuses.GetValueOrDefault(compositeName)));
        }

        Out.Write(alarms);

        if (outputs.ListenerArn is not { } listenerArn)
        {
            Out.MarkupLine("[grey]Listener weights: not read (the stack has no 'listenerArn' output).[/]");
            return automaticDrift;
        }

        var targets = await _services.Aws.DescribeListenerWeightsAsync(listenerArn, cancellationToken).ConfigureAwait(false);
        var weights = new Table().Border(TableBorder.Rounded).AddColumns("colour", "config", "listener", "");
        var drift = false;
        foreach (var colour in Colours.All)
        {
            var expected = s.Split.ListenerWeightOf(colour);
            var arn = outputs.TargetGroupArns.GetValueOrDefault(colour);
            var actual = arn is null ? null : targets.FirstOrDefault(t => t.TargetGroupArn == arn)?.Weight;
            var differs = !s.Split.AgreesWithListener(colour, actual);
            drift |= differs;
            weights.AddRow(
                Esc(colour.ConfigName()),
                expected is { } e ? $"{e} %" : "—",
                actual is { } a ? $"{a} %" : "—",
                differs ? "[red]drift[/]" : "[green]ok[/]");
        }

        Out.Write(weights);
        if (drift)
        {
            Out.MarkupLineInterpolated($"[red]The listener's weights differ from {state.FileName}:[/] a step was not applied (run 'pulumi up --stack {state.Stack}') or was changed outside Pulumi.");
        }

        return drift || automaticDrift;
    }

    private static string CloudWatchName(AlarmState? state) => state is { } known ? AlarmStates.Name(known) : "not found";

    private static string StateMarkup(AlarmStatus? status) => status?.State switch
    {
        AlarmState.Ok => "[green]OK[/]",
        AlarmState.Alarm => "[red]ALARM[/]",
        AlarmState.InsufficientData => "[yellow]INSUFFICIENT_DATA[/]",
        _ => "[grey]not found[/]",
    };
}
