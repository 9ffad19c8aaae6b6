using BlueGreen.Ramp.Tools;
using BlueGreen.Release;
using Spectre.Console;

namespace BlueGreen.Ramp;

/// <summary>The ramp CLI's watch: the rollback alarm of the colour at risk, polled until the bake or window ends.</summary>
public sealed partial class RampApp
{
    public async Task<int> WatchAsync(CommandOptions options, TimeSpan? bakeOverride, TimeSpan interval, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (bakeOverride <= TimeSpan.Zero || interval <= TimeSpan.Zero)
        {
            throw new RampException("--bake and --interval must be longer than 0s.");
        }

        var state = await LoadAsync(options, cancellationToken).ConfigureAwait(false);
        var s = state.Settings;
        var phase = s.Phase;
        if (phase.AtRisk is not { } atRisk)
        {
            throw new RampRefusedException($"{phase.Describe()}: no colour is at risk and there is nothing to roll back to, so there is nothing to watch");
        }

        if (phase.Kind == ReleasePhaseKind.Ramping && !s.RampInProgress)
        {
            throw new RampRefusedException($"{atRisk.ConfigName()} receives no weighted traffic (step {s.Ramp.Step}); there is nothing to watch");
        }

        var start = Now;
        var (until, what) = WatchWindow.End(s, start);
        var deadline = bakeOverride is { } bake ? start + bake : until;
        if (deadline <= start)
        {
            Out.MarkupLineInterpolated($"Nothing left to watch: {what} ended at {UtcTimestamp.Format(until)}; pass --bake to watch anyway.");
            return ExitCodes.Ok;
        }

        var outputs = await _services.Pulumi.StackOutputsAsync(state.Stack, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<string> names = outputs.CompositeAlarmName is { } composite
            ? [composite]
            : [.. outputs.AlarmsOf(atRisk).Select(a => a.Name)];
        if (names.Count == 0)
        {
            throw new RampException(
                $"'pulumi stack output' of {state.Stack} has neither 'compositeAlarmArn' nor {atRisk.ConfigName()} alarms in 'alarmNames'; nothing to watch (is the stack deployed?)");
        }

        var maxPolls = (int)Math.Ceiling((deadline - start) / interval) + 1;
        var onAlarm = phase.Kind == ReleasePhaseKind.Ramping
            ? "an ALARM rolls back to step 0"
            : $"an ALARM rolls back to {phase.RollbackTarget!.Value.ConfigName()}";
        Out.MarkupLineInterpolated($"Watching {string.Join(", ", names)} every {DurationText.Format(interval)} until {UtcTimestamp.Format(deadline)} ({atRisk.ConfigName()} at {s.Split.WeightOf(atRisk)} %, {(bakeOverride is null ? what : "--bake")}); {onAlarm}.");
        IReadOnlyList<AlarmStatus> lastKnown = [];
        for (var poll = 1; poll <= maxPolls; poll++)
        {
            if (await ReadAlarmsPatientlyAsync(names, cancellationToken).ConfigureAwait(false) is not { } statuses)
            {
                if (lastKnown.Any(a => a.State == AlarmState.Alarm))
                {
                    Out.MarkupLine("[red]The last state seen was ALARM:[/] rolling back before giving up.");
                    await RunAsync(() => RollbackAsync(options with { Yes = true }, cancellationToken)).ConfigureAwait(false);
                }

                Out.MarkupLineInterpolated($"[red]Watch stopped:[/] the alarms could not be read {WatchReadAttempts} times in a row; nothing is watching {atRisk.ConfigName()} any more — run 'ramp watch --stack {state.Stack}' again or watch the dashboard.");
                return ExitCodes.Unread;
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
                Out.MarkupLineInterpolated($"[green]Baked:[/] no alarm in {DurationText.Format(deadline - start)} at {s.Split.WeightOf(atRisk)} %.");
                return ExitCodes.Ok;
            }

            var wait = deadline - now < interval ? deadline - now : interval;
            await _services.Sleeper.SleepAsync(wait, cancellationToken).ConfigureAwait(false);
        }

        throw new RampException($"watch stopped after {maxPolls} polls before the bake time ended at {UtcTimestamp.Format(deadline)} (the clock did not advance as expected).");
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
