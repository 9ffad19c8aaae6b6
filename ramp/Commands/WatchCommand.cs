using BlueGreen.Ramp.Tools;
using BlueGreen.Release;
using Spectre.Console;

namespace BlueGreen.Ramp;

/// <summary>The ramp CLI's watch: the rollback alarm of the colour at risk, polled until the bake or window ends.</summary>
public sealed partial class RampApp
{
    /// <summary>
    /// <c>watch</c>: polls the rollback alarm of the colour at risk until the bake (or the stabilization window)
    /// ends; an ALARM rolls back. Exit 0 when it baked, 3 after a rollback.
    /// </summary>
    public async Task<int> WatchAsync(CommandOptions options, TimeSpan? bakeOverride, TimeSpan interval, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (bakeOverride <= TimeSpan.Zero || interval <= TimeSpan.Zero)
        {
            throw new RampException("--bake and --interval must be longer than 0s.");
        }

        var state = await LoadAsync(options, cancellationToken).ConfigureAwait(false);
        var atRisk = WatchedColour(state.Settings);
        var start = Now;
        var (until, what) = WatchWindow.End(state.Settings, start);
        var deadline = bakeOverride is { } bake ? start + bake : until;
        if (deadline <= start)
        {
            Out.MarkupLineInterpolated($"Nothing left to watch: {what} ended at {UtcTimestamp.Format(until)}; pass --bake to watch anyway.");
            return ExitCodes.Ok;
        }

        var names = await WatchedAlarmsAsync(state, atRisk, cancellationToken).ConfigureAwait(false);
        var s = state.Settings;
        var onAlarm = s.Phase.Kind == ReleasePhaseKind.Ramping
            ? "an ALARM rolls back to step 0"
            : $"an ALARM rolls back to {s.Phase.RollbackTarget!.Value.ConfigName()}";
        Out.MarkupLineInterpolated($"Watching {string.Join(", ", names)} every {DurationText.Format(interval)} until {UtcTimestamp.Format(deadline)} ({atRisk.ConfigName()} at {s.Split.WeightOf(atRisk)} %, {(bakeOverride is null ? what : "--bake")}); {onAlarm}.");
        return await PollAsync(options, state, atRisk, names, start, deadline, interval, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The colour at risk, which the phase names; refused when nothing takes weighted traffic at risk.</summary>
    private static Colour WatchedColour(StackSettings s)
    {
        var phase = s.Phase;
        if (phase.AtRisk is not { } atRisk)
        {
            throw new RampRefusedException($"{phase.Describe()}: no colour is at risk and there is nothing to roll back to, so there is nothing to watch");
        }

        if (phase.Kind == ReleasePhaseKind.Ramping && !s.RampInProgress)
        {
            throw new RampRefusedException($"{atRisk.ConfigName()} receives no weighted traffic (step {s.Ramp.Step}); there is nothing to watch");
        }

        return atRisk;
    }

    /// <summary>The composite rollback alarm from the stack's outputs, or else the colour's own alarms.</summary>
    private async Task<IReadOnlyList<string>> WatchedAlarmsAsync(StackState state, Colour atRisk, CancellationToken cancellationToken)
    {
        var outputs = await _services.Pulumi.StackOutputsAsync(state.Stack, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<string> names = outputs.CompositeAlarmName is { } composite
            ? [composite]
            : [.. outputs.AlarmsOf(atRisk).Select(a => a.Name)];
        return names.Count > 0
            ? names
            : throw new RampException(
                $"'pulumi stack output' of {state.Stack} has neither '{StackContract.Outputs.CompositeAlarmArn}' nor {atRisk.ConfigName()} alarms in '{StackContract.Outputs.AlarmNames}'; nothing to watch (is the stack deployed?)");
    }

    /// <summary>Polls <paramref name="names"/> every <paramref name="interval"/> until <paramref name="deadline"/>: an ALARM
    /// rolls back (exit 3); alarms unreadable too many times in a row stop the watch (after a rollback if the last state seen was ALARM).</summary>
    private async Task<int> PollAsync(
        CommandOptions options, StackState state, Colour atRisk, IReadOnlyList<string> names, DateTimeOffset start, DateTimeOffset deadline, TimeSpan interval, CancellationToken cancellationToken)
    {
        var maxPolls = (int)Math.Ceiling((deadline - start) / interval) + 1;
        IReadOnlyList<AlarmStatus> lastKnown = [];
        for (var poll = 1; poll <= maxPolls; poll++)
        {
            if (await ReadAlarmsPatientlyAsync(names, cancellationToken).ConfigureAwait(false) is not { } statuses)
            {
                return await GiveUpAsync(options, state, atRisk, lastKnown, cancellationToken).ConfigureAwait(false);
            }

            lastKnown = statuses;
            var now = Now;
            var firing = statuses.Where(a => a.State == AlarmState.Alarm).ToList();
            var summary = string.Join(", ", names.Select(n => $"{n} {CloudWatchName(statuses.FirstOrDefault(a => a.Name == n)?.State)}"));
            Out.MarkupLineInterpolated($"[grey]{UtcTimestamp.Format(now)}[/] poll {poll}: {summary}; {Left(deadline, now)} left");
            if (firing.Count > 0)
            {
                Out.MarkupLineInterpolated($"[red]ALARM:[/] {string.Join(", ", firing.Select(f => f.Name + (f.Reason is null ? "" : $" ({f.Reason})")))} — rolling back.");
                var rolledBack = await RunAsync(() => RollbackAsync(options with { Yes = true }, cancellationToken)).ConfigureAwait(false);
                return rolledBack == ExitCodes.Ok ? ExitCodes.RolledBack : rolledBack;
            }

            if (now >= deadline)
            {
                Out.MarkupLineInterpolated($"[green]Baked:[/] no alarm in {DurationText.Format(deadline - start)} at {state.Settings.Split.WeightOf(atRisk)} %.");
                return ExitCodes.Ok;
            }

            await _services.Sleeper.SleepAsync(deadline - now < interval ? deadline - now : interval, cancellationToken).ConfigureAwait(false);
        }

        throw new RampException($"watch stopped after {maxPolls} polls before the bake time ended at {UtcTimestamp.Format(deadline)} (the clock did not advance as expected).");
    }

    /// <summary>The alarms could not be read: roll back first if the last state seen was ALARM, then stop, saying so.</summary>
    private async Task<int> GiveUpAsync(CommandOptions options, StackState state, Colour atRisk, IReadOnlyList<AlarmStatus> lastKnown, CancellationToken cancellationToken)
    {
        if (lastKnown.Any(a => a.State == AlarmState.Alarm))
        {
            Out.MarkupLine("[red]The last state seen was ALARM:[/] rolling back before giving up.");
            await RunAsync(() => RollbackAsync(options with { Yes = true }, cancellationToken)).ConfigureAwait(false);
        }

        Out.MarkupLineInterpolated($"[red]Watch stopped:[/] the alarms could not be read {WatchReadAttempts} times in a row; nothing is watching {atRisk.ConfigName()} any more — run 'ramp watch --stack {state.Stack}' again or watch the dashboard.");
        return ExitCodes.Unread;
    }

    /// <summary>How many reads in a row may fail before <c>watch</c> gives up, and the first wait (doubling).</summary>
    private const int WatchReadAttempts = 5;

    private static readonly TimeSpan WatchReadBackoff = TimeSpan.FromSeconds(10);

    /// <summary>The alarms' states, riding out transient AWS errors (throttling, timeouts) with backoff, each
    /// retry shown; null after <see cref="WatchReadAttempts"/> failures in a row.</summary>
    private async Task<IReadOnlyList<AlarmStatus>?> ReadAlarmsPatientlyAsync(IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        var wait = WatchReadBackoff;
        for (var attempt = 1; attempt <= WatchReadAttempts; attempt++)
        {
            try
            {
                return await _services.Aws.DescribeAlarmsAsync(names, cancellationToken).ConfigureAwait(false);
            }
            catch (RampException e) when (e is not ToolMissingException)
            {
                Out.MarkupLine($"[yellow]Reading the alarms failed[/] (attempt {attempt} of {WatchReadAttempts}): {Esc(FirstLine(e.Detail ?? e.Message))}" +
                               (attempt < WatchReadAttempts ? $"; trying again in {Esc(DurationText.Format(wait))}." : "."));
                if (attempt < WatchReadAttempts)
                {
                    await _services.Sleeper.SleepAsync(wait, cancellationToken).ConfigureAwait(false);
                    wait += wait;
                }
            }
        }

        return null;
    }
}
