using System.Globalization;
using System.Text;
using BlueGreen.Ramp.Tools;
using BlueGreen.Release;
using BlueGreen.Release.StackFiles;
using Spectre.Console;

namespace BlueGreen.Ramp;

/// <summary>The options every command takes.</summary>
/// <param name="Stack">The Pulumi stack (its file is <c>Pulumi.&lt;stack&gt;.yaml</c>).</param>
/// <param name="AllowDirty">Go ahead although the stack file has uncommitted changes.</param>
/// <param name="DryRun">Show the change and the offline preview; write nothing, run no pulumi.</param>
/// <param name="Yes">Apply with <c>pulumi up</c> without asking.</param>
public sealed record CommandOptions(string Stack, bool AllowDirty = false, bool DryRun = false, bool Yes = false)
{
    /// <summary>With <c>--force --reason "..."</c>: why this move may pass the bake, alarm and health gates; recorded in the file.</summary>
    public string? ForceReason { get; init; }
}

/// <summary>
/// The ramp commands. Each reads and validates the stack file, refuses with the reason when a gate or
/// the ramp's state says no, validates the changed config before writing it, edits only the changed
/// lines, previews with pulumi and applies with <c>pulumi up</c> when told or confirmed.
/// </summary>
public sealed class RampApp(RampServices services)
{
    private DateTimeOffset Now => services.Time.GetUtcNow();

    private IAnsiConsole Out => services.Console;

    /// <summary>
    /// Runs a command body: a <see cref="RampException"/> becomes a message and its exit code, and any
    /// other failure one line naming <paramref name="what"/> the command was doing — never a stack trace.
    /// </summary>
    public async Task<int> RunAsync(Func<Task<int>> body, string what = "the command")
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (RampException e)
        {
            ReportFailure(e);
            return e.ExitCode;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            ReportFailure(new RampException($"{what}: {e.Message}"));
            return ExitCodes.Error;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            ReportFailure(new RampException($"{what} failed unexpectedly ({e.GetType().Name}): {e.Message}"));
            return ExitCodes.Error;
        }
    }

    // ---------------------------------------------------------------- status

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
        Out.MarkupLine($"[bold]Stack {Esc(s.StackName)}[/] ({Esc(s.Environment.ToString().ToLowerInvariant())}) — {Esc(state.FileName)} at {Esc(UtcTimestamp.Format(now))}");
        Out.MarkupLine($"Live colour: [bold]{Esc(s.Release.Live.ConfigName())}[/]");
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
                Esc(RoleOf(s, colour)));
        }

        Out.Write(releases);
        WriteSchedule(s, now);

        var ramp = s.Ramp;
        if (ramp.StepSetAt is { } setAt)
        {
            Out.MarkupLine($"Step {ramp.Step} set at {Esc(UtcTimestamp.Format(setAt))} ({Esc(Ago(setAt, now))})");
        }
        else
        {
            Out.MarkupLine($"Step {ramp.Step}: [yellow]{Esc(ConfigKeys.Full(ConfigKeys.RampStepSetAt))} is not set[/]");
        }

        if (s.Phase.Kind == ReleasePhaseKind.Ramping)
        {
            var bake = BakeGate.Evaluate(ramp, now);
            var what = ramp.Step == ramp.Schedule.LastIndex ? "promote" : "next";
            Out.MarkupLine(bake.Passed
                ? $"Bake: [green]done[/] — '{what}' may go ahead as far as time goes"
                : bake.EarliestAt is { } at
                    ? $"Bake: [yellow]{Esc(Left(at, now))} left[/] (until {Esc(UtcTimestamp.Format(at))}) before '{what}'"
                    : $"Bake: [yellow]{Esc(bake.Reason)}[/]");
        }
        else
        {
            Out.MarkupLine("Bake: no release in progress");
        }

        WriteStabilization(s, now);
        WriteTestRoute(s);
        if (s.Ramp.ForceReason is { } forced)
        {
            Out.MarkupLine($"[yellow]Forced:[/] step {s.Ramp.Step} passed its gates because: {Esc(forced)}");
        }

        return await WriteLiveStateAsync(state, requireLive, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The release phase and the moves it allows (the phase model's own words).</summary>
    private void WritePhase(StackSettings s)
    {
        var phase = s.Phase;
        Out.MarkupLine($"Phase: [bold]{Esc(phase.Describe())}[/]");
        Out.MarkupLine($"Next moves: {Esc(string.Join("; ", phase.AllowedMoves(s)))}");
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
        Out.MarkupLine($"Test route: -H '{Esc(s.TestRoute.Header)}: <colour>' -H '{Esc(TestRouteSettings.KeyHeader)}: <key>'{Esc(sources)}; " +
            $"the key: pulumi stack output testRouteKey --show-secrets --stack {Esc(s.StackName)}");
    }

    private static string RoleOf(StackSettings s, Colour colour)
    {
        if (s.Release.Retired == colour)
        {
            return "retired";
        }

        if (colour == s.Release.Live)
        {
            return s.Release.PromotedAt is { } promoted ? $"live (promoted {UtcTimestamp.Format(promoted)})" : "live";
        }

        return s.Phase.Kind == ReleasePhaseKind.Ramping
            ? $"new (ramping, step {s.Ramp.Step})"
            : "old (rollback target until retired)";
    }

    private void WriteSchedule(StackSettings s, DateTimeOffset now)
    {
        var ramp = s.Ramp;
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns("step", $"to {s.NewColour.ConfigName()}", $"to {s.Release.Live.ConfigName()}", "bake", "");
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
            Out.MarkupLine($"Stabilization: {Esc(retired.ConfigName())} is retired");
            return;
        }

        if (release.PromotedAt is not { } promoted || s.Phase.Kind == ReleasePhaseKind.Ramping)
        {
            Out.MarkupLine($"Stabilization: {DurationText.Format(release.StabilizationWindow)} after the next promotion");
            return;
        }

        var stableAt = promoted + release.StabilizationWindow;
        Out.MarkupLine(now >= stableAt
            ? $"Stabilization: [green]over[/] since {Esc(UtcTimestamp.Format(stableAt))} — 'retire' may tear down {Esc(s.NewColour.ConfigName())}"
            : $"Stabilization: [yellow]{Esc(Left(stableAt, now))} left[/] (until {Esc(UtcTimestamp.Format(stableAt))}) before 'retire'");
    }

    /// <summary>Shows live alarms and listener weights when AWS is reachable; true when the weights drift from the file.</summary>
    /// <summary>The live part of <c>status</c>, and its exit code: drift (4), unread (5) or ok.</summary>
    private async Task<int> WriteLiveStateAsync(StackState state, bool requireLive, CancellationToken cancellationToken)
    {
        if (!await services.Aws.HasCredentialsAsync(cancellationToken).ConfigureAwait(false))
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
            Out.MarkupLine($"[red]Live state: not read[/] ({Esc(e.Message)}); the file's side above is all this status knows.");
            return ExitCodes.Unread;
        }
    }

    private async Task<bool> WriteLiveStateAsync(StackState state, CancellationToken cancellationToken)
    {
        var outputs = await services.Pulumi.StackOutputsAsync(state.Stack, cancellationToken).ConfigureAwait(false);

        var s = state.Settings;
        var automaticDrift = await WriteAutomaticRollbackAsync(state, cancellationToken).ConfigureAwait(false);
        var named = Colours.All.SelectMany(c => outputs.AlarmsOf(c).Select(a => (Colour: c, a.Kind, a.Name))).ToList();
        var names = named.Select(n => n.Name).ToList();
        if (outputs.CompositeAlarmName is { } composite)
        {
            names.Add(composite);
        }

        var statuses = (await services.Aws.DescribeAlarmsAsync(names, cancellationToken).ConfigureAwait(false))
            .ToDictionary(a => a.Name, StringComparer.Ordinal);
        var alarms = new Table().Border(TableBorder.Rounded).AddColumns("colour", "alarm", "name", "state");
        foreach (var (colour, kind, name) in named)
        {
            alarms.AddRow(Esc(colour.ConfigName()), Esc(kind), Esc(name), StateMarkup(statuses.GetValueOrDefault(name)));
        }

        if (outputs.CompositeAlarmName is { } compositeName)
        {
            alarms.AddRow(Esc((s.Phase.AtRisk ?? s.NewColour).ConfigName()), "rollback (composite)", Esc(compositeName), StateMarkup(statuses.GetValueOrDefault(compositeName)));
        }

        Out.Write(alarms);

        if (outputs.ListenerArn is not { } listenerArn)
        {
            Out.MarkupLine("[grey]Listener weights: not read (the stack has no 'listenerArn' output).[/]");
            return automaticDrift;
        }

        var targets = await services.Aws.DescribeListenerWeightsAsync(listenerArn, cancellationToken).ConfigureAwait(false);
        var weights = new Table().Border(TableBorder.Rounded).AddColumns("colour", "config", "listener", "");
        var drift = false;
        foreach (var colour in Colours.All)
        {
            var expected = s.Split.IsInForwardAction(colour) ? s.Split.WeightOf(colour) : (int?)null;
            var arn = outputs.TargetGroupArns.GetValueOrDefault(colour);
            var actual = arn is null ? null : targets.FirstOrDefault(t => t.TargetGroupArn == arn)?.Weight;
            var differs = actual != expected && !(actual is null && expected == 0);
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
            Out.MarkupLine($"[red]The listener's weights differ from {Esc(state.FileName)}:[/] a step was not applied (run 'pulumi up --stack {Esc(state.Stack)}') or was changed outside Pulumi.");
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

    // ---------------------------------------------------------------- plan

    public async Task<int> PlanAsync(CommandOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var state = await LoadAsync(options, cancellationToken).ConfigureAwait(false);
        var s = state.Settings;
        var now = Now;
        var ramp = s.Ramp;
        var inProgress = s.Phase.Kind == ReleasePhaseKind.Ramping;
        var current = inProgress ? ramp.Step : 0;
        var setAt = inProgress ? ramp.StepSetAt : null;
        var total = ramp.Schedule.Steps.Aggregate(TimeSpan.Zero, (sum, step) => sum + step.Bake);
        Out.MarkupLine($"[bold]Ramp plan for {Esc(s.StackName)}[/] at {Esc(UtcTimestamp.Format(now))}: " +
                       $"{Esc(s.NewColour.ConfigName())} {Esc(s.ReleaseOf(s.NewColour).ImageTag ?? "(no tag)")} replaces " +
                       $"{Esc(s.Release.Live.ConfigName())} {Esc(s.ReleaseOf(s.Release.Live).ImageTag ?? "")}; " +
                       $"schedule {Esc(ramp.Schedule.ToString())}, {Esc(DurationText.Format(total))} of bake in all");
        WritePhase(s);
        if (!inProgress)
        {
            Out.MarkupLine("No release is in progress: the timeline is for a release started now ('start --version TAG').");
        }

        Out.MarkupLine("Earliest time each step can be set, counting from ramp.stepSetAt and from now:");
        var table = new Table().Border(TableBorder.Rounded).AddColumns(
            "step", $"to {s.NewColour.ConfigName()}", "bake", "from stepSetAt", "from now");
        var fromNow = now;
        DateTimeOffset? fromSetAt = setAt;
        foreach (var step in ramp.Schedule.Steps)
        {
            var index = step.Index.ToString(CultureInfo.InvariantCulture);
            if (step.Index < current)
            {
                table.AddRow(index, $"{step.PercentToNew} %", DurationText.Format(step.Bake), "done", "done");
                continue;
            }

            table.AddRow(
                step.Index == current ? $"[bold]▶ {index}[/]" : $"  {index}",
                $"{step.PercentToNew} %",
                DurationText.Format(step.Bake),
                fromSetAt is { } a ? Esc(When(a, now)) : "—",
                Esc(When(fromNow, now)));
            fromNow += step.Bake;
            fromSetAt = fromSetAt is { } b ? Max(b + step.Bake, now) : null;
        }

        table.AddRow("", "promote", "", fromSetAt is { } p ? Esc(When(p, now)) : "—", Esc(When(fromNow, now)));
        Out.Write(table);
        Out.MarkupLine($"Completion (promotion) at the earliest: {(fromSetAt is { } done ? Esc(UtcTimestamp.Format(done)) + " counting from stepSetAt, " : "")}" +
                       $"{Esc(UtcTimestamp.Format(fromNow))} counting from now; retire {Esc(DurationText.Format(s.Release.StabilizationWindow))} after the promotion.");
        return ExitCodes.Ok;
    }

    // ---------------------------------------------------------------- changes

    public async Task<int> StartAsync(CommandOptions options, string tag, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var state = await LoadAsync(options, cancellationToken).ConfigureAwait(false);
        var change = Decided(ReleaseMoves.Start(state.Settings, tag, Now));
        return await ChangeAsync(options, state, change, autoApply: false, cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> NextAsync(CommandOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var state = await LoadAsync(options, cancellationToken).ConfigureAwait(false);
        var change = Decided(ReleaseMoves.Next(state.Settings, Now, options.ForceReason));
        if (options.ForceReason is { } reason)
        {
            Out.MarkupLine($"[yellow]Forced past the bake, alarm and target-health gates:[/] {Esc(reason)} (recorded as {Esc(ConfigKeys.Full(ConfigKeys.RampForceReason))}).");
        }
        else
        {
            await CheckAlarmsAsync(options, state, cancellationToken).ConfigureAwait(false);
            if (state.Settings.Ramp.Step == 0)
            {
                await CheckTargetHealthAsync(options, state, cancellationToken).ConfigureAwait(false);
            }
        }

        await CheckAsCiWillAsync(options, state, change, cancellationToken).ConfigureAwait(false);
        return await ChangeAsync(options, state, change, autoApply: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The apply-time gate (<see cref="ApplyGate"/>, what <c>ramp verify</c> checks in CI) on the edited file,
    /// so the CLI never proposes a change CI would refuse: the bake counts from when the deployed step's
    /// update finished, not from the file.
    /// </summary>
    private async Task CheckAsCiWillAsync(CommandOptions options, StackState state, PlannedChange change, CancellationToken cancellationToken)
    {
        if (options.DryRun)
        {
            return;
        }

        var (text, _) = Edit(state, change);
        var proposed = StackState.FromText(state.Stack, state.Path, text, Now, "").Settings;
        var outputs = await services.Pulumi.StackOutputsAsync(state.Stack, cancellationToken).ConfigureAwait(false);
        var updatedAt = await services.Pulumi.LastUpdateFinishedAsync(state.Stack, cancellationToken).ConfigureAwait(false);
        var decision = ApplyGate.Evaluate(proposed, outputs.Deployed(updatedAt), Now);
        if (!decision.Passed)
        {
            throw new RampRefusedException($"the apply-time check (ramp verify) would refuse it: {decision.Reason}", decision.EarliestAt);
        }
    }

    /// <summary>Before the first traffic step: the new colour's target group has at least its replica count
    /// of healthy targets, so no state that hides a broken colour (no data, no targets) lets it take traffic.</summary>
    private async Task CheckTargetHealthAsync(CommandOptions options, StackState state, CancellationToken cancellationToken)
    {
        var colour = state.Settings.NewColour;
        var replicas = state.Settings.ReleaseOf(colour).Replicas;
        if (options.DryRun)
        {
            Out.MarkupLine($"[yellow]Dry run: the target health of {Esc(colour.ConfigName())} ({replicas} healthy targets needed) is not checked; it needs pulumi and aws.[/]");
            return;
        }

        var outputs = await services.Pulumi.StackOutputsAsync(state.Stack, cancellationToken).ConfigureAwait(false);
        if (outputs.TargetGroupArns.GetValueOrDefault(colour) is not { } arn)
        {
            throw new RampRefusedException($"'pulumi stack output' of {state.Stack} has no {colour.ConfigName()} target group, so its health cannot be checked (is the stack deployed?)");
        }

        var healthy = await services.Aws.HealthyTargetsAsync(arn, cancellationToken).ConfigureAwait(false);
        if (healthy < replicas)
        {
            throw new RampRefusedException(
                $"{colour.ConfigName()}'s target group has {healthy} healthy target(s) of the {replicas} its replicas should give; " +
                "the first traffic step waits until every pod is registered and healthy (aws elbv2 describe-target-health)");
        }

        Out.MarkupLine($"Target health: [green]passed[/] — {healthy} healthy {Esc(colour.ConfigName())} target(s), {replicas} needed.");
    }

    /// <summary><c>history</c>: each applied release move with when and which commit, and the figures per release.</summary>
    public async Task<int> HistoryAsync(CommandOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var state = await LoadAsync(options with { AllowDirty = true }, cancellationToken).ConfigureAwait(false);
        var updates = await services.Pulumi.AppliedUpdatesAsync(state.Stack, cancellationToken).ConfigureAwait(false);
        var events = ReleaseHistory.Events(updates);
        if (events.Count == 0)
        {
            Out.MarkupLine($"No release moves in the {updates.Count} successful update(s) of {Esc(state.Stack)}.");
            return ExitCodes.Ok;
        }

        var moves = new Table().Border(TableBorder.Rounded).AddColumns("applied", "move", "release", "what", "commit");
        foreach (var e in events)
        {
            moves.AddRow(Esc(UtcTimestamp.Format(e.AppliedAt)), Esc(e.Kind.ToString().ToLowerInvariant()), Esc(e.Release), Esc(e.Detail), Esc(e.Commit is { Length: >= 7 } c ? c[..7] : e.Commit ?? "—"));
        }

        Out.Write(moves);
        var alarms = await RollbackAlarmTransitionsAsync(state, cancellationToken).ConfigureAwait(false);
        var figures = new Table().Border(TableBorder.Rounded).AddColumns("release", "started", "promoted", "lead time", "rollbacks", "alarm → rollback");
        foreach (var f in ReleaseHistory.Figures(events, alarms))
        {
            figures.AddRow(
                Esc(f.Release),
                Esc(UtcTimestamp.Format(f.StartedAt)),
                f.PromotedAt is { } p ? Esc(UtcTimestamp.Format(p)) : "—",
                f.LeadTime is { } lead ? Esc(Whole(lead)) : "—",
                f.Rollbacks.ToString(CultureInfo.InvariantCulture),
                f.AlarmToRollback.Count > 0 ? Esc(string.Join(", ", f.AlarmToRollback.Select(Whole))) : alarms is null ? "not read" : "—");
        }

        Out.Write(figures);
        return ExitCodes.Ok;
    }

    /// <summary>When either colour's rollback alarm went to ALARM (CloudWatch's alarm history), or null without credentials.</summary>
    private async Task<IReadOnlyList<DateTimeOffset>?> RollbackAlarmTransitionsAsync(StackState state, CancellationToken cancellationToken)
    {
        if (!await services.Aws.HasCredentialsAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var prefix = $"{state.Settings.App.Name}-{state.Stack}";
        var transitions = new List<DateTimeOffset>();
        foreach (var colour in Colours.All)
        {
            transitions.AddRange(await services.Aws.AlarmTransitionsAsync(BlueGreen.Components.AlarmRules.RollbackAlarmName(prefix, colour), cancellationToken).ConfigureAwait(false));
        }

        return transitions;
    }

    /// <summary>
    /// <c>verify</c>: the gates again, where the change is applied (the apply workflow runs it before
    /// <c>pulumi up</c>), comparing the stack file with what is deployed. Exit 0 to apply, 2 to refuse.
    /// </summary>
    public async Task<int> VerifyAsync(CommandOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var state = await LoadAsync(options with { AllowDirty = true }, cancellationToken).ConfigureAwait(false);
        var outputs = await services.Pulumi.StackOutputsAsync(state.Stack, cancellationToken).ConfigureAwait(false);
        var updatedAt = await services.Pulumi.LastUpdateFinishedAsync(state.Stack, cancellationToken).ConfigureAwait(false);
        var decision = ApplyGate.Evaluate(state.Settings, outputs.Deployed(updatedAt), Now);
        if (!decision.Passed)
        {
            throw new RampRefusedException($"{state.FileName} may not be applied: {decision.Reason}.", decision.EarliestAt);
        }

        if (decision.NeedsAlarmGate)
        {
            await CheckAlarmsAsync(options with { DryRun = false }, state, cancellationToken).ConfigureAwait(false);
        }

        Out.MarkupLine($"[green]Verified:[/] {Esc(decision.Reason)}.");
        return ExitCodes.Ok;
    }

    /// <summary>
    /// The emergency path: the rollback's edit, applied to the HTTPS listener alone (<c>pulumi up --target</c>),
    /// with no whole-stack preview to fail; idempotent against the live listener, not the file.
    /// </summary>
    public async Task<int> RollbackAsync(CommandOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var state = await LoadAsync(options, cancellationToken, allowRampOwnChanges: true).ConfigureAwait(false);
        var record = options.DryRun ? null : await ReadAutomaticRollbackAsync(state, cancellationToken).ConfigureAwait(false);
        var decision = ReleaseMoves.Rollback(state.Settings, Now, record);
        ThrowIfRefused(decision);
        if (decision.Change is null)
        {
            // The file already says "rolled back": only the live listener can say whether it is.
            var live = options.DryRun ? null : await ReadLiveWeightsAsync(state, cancellationToken).ConfigureAwait(false);
            if (live is not null && Matches(state.Settings, live))
            {
                Out.MarkupLine($"Nothing to roll back: the live listener already sends all weighted traffic to {Esc(state.Settings.Release.Live.ConfigName())}.");
                return ExitCodes.Ok;
            }

            if (options.DryRun)
            {
                Out.MarkupLine($"{Esc(state.FileName)} is already rolled back; without --dry-run the listener is read back from AWS and applied if it differs.");
                return ExitCodes.Ok;
            }

            Out.MarkupLine(live is null
                ? $"{Esc(state.FileName)} is already rolled back, but the live listener could not be read here: applying the listener to be sure."
                : $"[yellow]{Esc(state.FileName)} is rolled back but the live listener is not ({Esc(Describe(live))}):[/] applying the listener.");
            return await EmergencyApplyAsync(state, state.Text, changed: false, cancellationToken).ConfigureAwait(false);
        }

        var change = decision.Change;
        var (text, lines) = Edit(state, change);
        WriteChange(state, change, lines);
        if (options.DryRun)
        {
            return await DryRunAsync(state, text, cancellationToken).ConfigureAwait(false);
        }

        return await EmergencyApplyAsync(state, text, changed: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>How many times a throttled <c>pulumi up</c> is tried, and the first wait between tries (doubling).</summary>
    private const int EmergencyAttempts = 4;

    private static readonly TimeSpan EmergencyBackoff = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Writes the rolled-back file and applies the listener alone, retrying throttling with backoff; then
    /// reads the listener back. Exits 1 naming the drift when the result cannot be confirmed.
    /// </summary>
    private async Task<int> EmergencyApplyAsync(StackState state, string text, bool changed, CancellationToken cancellationToken)
    {
        await services.Pulumi.VersionAsync(cancellationToken).ConfigureAwait(false); // installed? before writing anything
        if (changed)
        {
            Write(state.Path, text);
        }

        var urn = ListenerUrn.Of(state.Stack, state.Settings.App.Name);
        var wait = EmergencyBackoff;
        for (var attempt = 1; ; attempt++)
        {
            Out.MarkupLine($"Running pulumi up --yes --stack {Esc(state.Stack)} --target {Esc(urn)} (attempt {attempt} of {EmergencyAttempts}) ...");
            try
            {
                var output = await services.Pulumi.UpTargetAsync(state.Stack, urn, cancellationToken).ConfigureAwait(false);
                Out.WriteLine(output.TrimEnd());
                break;
            }
            catch (ToolFailedException e) when (IsThrottling(e) && attempt < EmergencyAttempts)
            {
                Out.MarkupLine($"[yellow]Throttled by AWS:[/] {Esc(FirstLine(e.Detail))}; trying again in {Esc(DurationText.Format(wait))}.");
                await services.Sleeper.SleepAsync(wait, cancellationToken).ConfigureAwait(false);
                wait += wait;
            }
            catch (RampException e)
            {
                throw new RampException(
                    $"{e.Message} The listener may still send traffic to the colour being rolled back. {state.FileName} holds the rolled-back config: " +
                    $"run 'ramp rollback --stack {state.Stack}' again (it reads the live listener), or 'pulumi up --stack {state.Stack} --target {urn}'.",
                    e.ExitCode,
                    e.Detail);
            }
        }

        var live = await ReadLiveWeightsAsync(state, cancellationToken).ConfigureAwait(false);
        var settings = StackState.FromText(state.Stack, state.Path, text, Now, "").Settings;
        if (live is not null && !Matches(settings, live))
        {
            throw new RampException(
                $"pulumi up finished, but the live listener does not match {state.FileName}: {Describe(live)}. Nothing confirms the rollback; " +
                $"check the listener in the AWS console and run 'ramp rollback --stack {state.Stack}' again.");
        }

        Out.MarkupLine(live is null
            ? "[green]Applied[/] (the listener's weights could not be read back here; pulumi reported success)."
            : $"[green]Rolled back:[/] the live listener sends all weighted traffic to {Esc(settings.Release.Live.ConfigName())}.");
        Out.MarkupLine(changed
            ? $"Now commit the change so that the next apply keeps it: git add {Esc(state.FileName)} && git commit -m \"Roll back {Esc(state.Stack)}\" (then a pull request, as for any step)."
            : "The stack file already said so; nothing to commit.");
        return ExitCodes.Ok;
    }

    private static bool IsThrottling(ToolFailedException e) =>
        e.Detail is { } detail && (detail.Contains("Throttling", StringComparison.OrdinalIgnoreCase)
                                   || detail.Contains("Rate exceeded", StringComparison.OrdinalIgnoreCase)
                                   || detail.Contains("TooManyRequests", StringComparison.OrdinalIgnoreCase));

    private static string FirstLine(string? text) => (text ?? "").Split('\n')[0].Trim();

    /// <summary>The live listener's weights by colour, or null when they cannot be read here (no credentials, no outputs).</summary>
    private async Task<IReadOnlyDictionary<Colour, int>?> ReadLiveWeightsAsync(StackState state, CancellationToken cancellationToken)
    {
        try
        {
            if (!await services.Aws.HasCredentialsAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            var outputs = await services.Pulumi.StackOutputsAsync(state.Stack, cancellationToken).ConfigureAwait(false);
            if (outputs.ListenerArn is not { } listenerArn)
            {
                return null;
            }

            var targets = await services.Aws.DescribeListenerWeightsAsync(listenerArn, cancellationToken).ConfigureAwait(false);
            return Colours.All.ToDictionary(
                c => c,
                c => outputs.TargetGroupArns.GetValueOrDefault(c) is { } arn ? targets.FirstOrDefault(t => t.TargetGroupArn == arn)?.Weight ?? 0 : 0);
        }
        catch (RampException)
        {
            return null;
        }
    }

    private static bool Matches(StackSettings settings, IReadOnlyDictionary<Colour, int> live) =>
        Colours.All.All(c => live.GetValueOrDefault(c) == (settings.Split.IsInForwardAction(c) ? settings.Split.WeightOf(c) : 0));

    private static string Describe(IReadOnlyDictionary<Colour, int> live) =>
        string.Join(", ", Colours.All.Select(c => $"{c.ConfigName()} {live.GetValueOrDefault(c)} %"));

    public async Task<int> PromoteAsync(CommandOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var state = await LoadAsync(options, cancellationToken).ConfigureAwait(false);
        var change = Decided(ReleaseMoves.Promote(state.Settings, Now, options.ForceReason));
        if (options.ForceReason is { } reason)
        {
            Out.MarkupLine($"[yellow]Forced past the bake and alarm gates:[/] {Esc(reason)} (recorded as {Esc(ConfigKeys.Full(ConfigKeys.RampForceReason))}).");
        }
        else
        {
            await CheckAlarmsAsync(options, state, cancellationToken).ConfigureAwait(false);
        }

        await CheckAsCiWillAsync(options, state, change, cancellationToken).ConfigureAwait(false);
        return await ChangeAsync(options, state, change, autoApply: false, cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> RetireAsync(CommandOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var state = await LoadAsync(options, cancellationToken).ConfigureAwait(false);
        var change = Decided(ReleaseMoves.Retire(state.Settings, Now));
        return await ChangeAsync(options, state, change, autoApply: false, cancellationToken).ConfigureAwait(false);
    }

    // ---------------------------------------------------------------- watch

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

        if (phase.Kind == ReleasePhaseKind.Ramping && s.Ramp.Step == 0)
        {
            throw new RampRefusedException($"{atRisk.ConfigName()} receives no weighted traffic (step {s.Ramp.Step}); there is nothing to watch");
        }

        var start = Now;
        var (until, what) = WatchEnd(s, phase, start);
        var deadline = bakeOverride is { } bake ? start + bake : until;
        if (deadline <= start)
        {
            Out.MarkupLine($"Nothing left to watch: {Esc(what)} ended at {Esc(UtcTimestamp.Format(until))}; pass --bake to watch anyway.");
            return ExitCodes.Ok;
        }

        var outputs = await services.Pulumi.StackOutputsAsync(state.Stack, cancellationToken).ConfigureAwait(false);
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
        Out.MarkupLine($"Watching {Esc(string.Join(", ", names))} every {Esc(DurationText.Format(interval))} until {Esc(UtcTimestamp.Format(deadline))} " +
                       $"({Esc(atRisk.ConfigName())} at {s.Split.WeightOf(atRisk)} %, {Esc(bakeOverride is null ? what : "--bake")}); {Esc(onAlarm)}.");
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

                Out.MarkupLine($"[red]Watch stopped:[/] the alarms could not be read {WatchReadAttempts} times in a row; nothing is watching " +
                               $"{Esc(atRisk.ConfigName())} any more — run 'ramp watch --stack {Esc(state.Stack)}' again or watch the dashboard.");
                return ExitCodes.Unread;
            }

            lastKnown = statuses;
            var now = Now;
            var firing = statuses.Where(a => a.State == AlarmState.Alarm).ToList();
            var summary = string.Join(", ", names.Select(n => $"{n} {CloudWatchName(statuses.FirstOrDefault(a => a.Name == n)?.State)}"));
            Out.MarkupLine($"[grey]{Esc(UtcTimestamp.Format(now))}[/] poll {poll}: {Esc(summary)}; {Esc(Left(deadline, now))} left");
            if (firing.Count > 0)
            {
                Out.MarkupLine($"[red]ALARM:[/] {Esc(string.Join(", ", firing.Select(f => f.Name + (f.Reason is null ? "" : $" ({f.Reason})"))))} — rolling back.");
                var rolledBack = await RunAsync(() => RollbackAsync(options with { Yes = true }, cancellationToken)).ConfigureAwait(false);
                return rolledBack == ExitCodes.Ok ? ExitCodes.RolledBack : rolledBack;
            }

            if (now >= deadline)
            {
                Out.MarkupLine($"[green]Baked:[/] no alarm in {Esc(DurationText.Format(deadline - start))} at {s.Split.WeightOf(atRisk)} %.");
                return ExitCodes.Ok;
            }

            var wait = deadline - now < interval ? deadline - now : interval;
            await services.Sleeper.SleepAsync(wait, cancellationToken).ConfigureAwait(false);
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
                return await services.Aws.DescribeAlarmsAsync(names, cancellationToken).ConfigureAwait(false);
            }
            catch (RampException e) when (e is not ToolMissingException)
            {
                Out.MarkupLine($"[yellow]Reading the alarms failed[/] (attempt {attempt} of {WatchReadAttempts}): {Esc(FirstLine(e.Detail ?? e.Message))}" +
                               (attempt < WatchReadAttempts ? $"; trying again in {Esc(DurationText.Format(wait))}." : "."));
                if (attempt < WatchReadAttempts)
                {
                    await services.Sleeper.SleepAsync(wait, cancellationToken).ConfigureAwait(false);
                    wait += wait;
                }
            }
        }

        return null;
    }

    /// <summary>Until when <c>watch</c> guards by default: the end of the current step's bake while ramping,
    /// the end of the stabilization window after a promotion.</summary>
    private static (DateTimeOffset Until, string What) WatchEnd(StackSettings s, ReleasePhase phase, DateTimeOffset now)
    {
        if (phase.Kind == ReleasePhaseKind.Stabilizing)
        {
            var promoted = s.Release.PromotedAt!.Value;
            return (promoted + s.Release.StabilizationWindow, $"the {DurationText.Format(s.Release.StabilizationWindow)} stabilization window");
        }

        var step = s.Ramp.CurrentStep;
        var from = s.Ramp.StepSetAt ?? now;
        return (from + step.Bake, $"step {step.Index}'s {DurationText.Format(step.Bake)} bake");
    }

    // ---------------------------------------------------------------- shared

    /// <summary>Shows the last automatic rollback and whether the stack file still contradicts it (drift).</summary>
    private async Task<bool> WriteAutomaticRollbackAsync(StackState state, CancellationToken cancellationToken)
    {
        if (await ReadAutomaticRollbackAsync(state, cancellationToken).ConfigureAwait(false) is not { } record)
        {
            return false;
        }

        var s = state.Settings;
        if (record.Refusal(s) is null)
        {
            Out.MarkupLine($"Automatic rollback: {Esc(record.RolledBack.ConfigName())} → {Esc(record.To.ConfigName())} at {Esc(record.At)} ({Esc(record.Alarm)}); the stack file agrees.");
            return false;
        }

        Out.MarkupLine($"[red]Automatic rollback:[/] AWS rolled {Esc(record.RolledBack.ConfigName())} back at {Esc(record.At)} ({Esc(record.Alarm)}) and sends all traffic to " +
                       $"{Esc(record.To.ConfigName())}, but {Esc(state.FileName)} still gives {Esc(record.RolledBack.ConfigName())} {s.Split.WeightOf(record.RolledBack)} %: " +
                       $"run 'ramp rollback --stack {Esc(state.Stack)}' and commit the file.");
        return true;
    }

    /// <summary>The stack's automatic rollback record from SSM, when there are credentials to read it; null
    /// when there is none, it is "none", or it cannot be read here.</summary>
    private async Task<AutomaticRollbackRecord?> ReadAutomaticRollbackAsync(StackState state, CancellationToken cancellationToken)
    {
        if (!state.Settings.Rollback.Automatic || !await services.Aws.HasCredentialsAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var name = AutomaticRollbackRecord.NameOf($"{state.Settings.App.Name}-{state.Stack}");
        return AutomaticRollbackRecord.Parse(await services.Aws.GetParameterAsync(name, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>A refusal of the release model becomes exit code 2 with its reason; null (a gate that passed) goes on.</summary>
    private static void ThrowIfRefused(MoveDecision? decision)
    {
        if (decision is { Refusal: { } reason })
        {
            throw new RampRefusedException(reason, decision.EarliestAt);
        }
    }

    /// <summary>The change the release model decided, or its refusal as exit code 2.</summary>
    private static PlannedChange Decided(MoveDecision decision)
    {
        ThrowIfRefused(decision);
        return decision.Change ?? throw new InvalidOperationException("the release model decided there is nothing to change");
    }

    /// <summary>
    /// Reads the stack file, refusing one with uncommitted changes (unless --allow-dirty) — except, for the
    /// emergency path, when every uncommitted change is one the ramp itself makes (an unfinished move whose
    /// <c>pulumi up</c> failed): a rollback must never be blocked by the tool's own leftover edit.
    /// </summary>
    private async Task<StackState> LoadAsync(CommandOptions options, CancellationToken cancellationToken, bool allowRampOwnChanges = false)
    {
        var state = StackState.Load(services.Directory, options.Stack, Now);
        if (!options.AllowDirty)
        {
            var status = await services.Git.StatusPorcelainAsync(state.FileName, cancellationToken).ConfigureAwait(false);
            if (status.Length > 0)
            {
                if (allowRampOwnChanges && await RampOwnChangesAsync(state, cancellationToken).ConfigureAwait(false) is { } keys)
                {
                    Out.MarkupLine($"[yellow]{Esc(state.FileName)} has uncommitted changes, all of them the ramp's own ({Esc(string.Join(", ", keys))}): " +
                                   "an earlier move that was not applied; going ahead.[/]");
                    return state;
                }

                throw new RampException(
                    $"{state.FileName} has uncommitted changes ({status}); commit or stash them first so that every change the ramp makes is reviewable, or pass --allow-dirty.");
            }
        }

        return state;
    }

    /// <summary>The keys the ramp writes; an uncommitted change of only these is the ramp's own unfinished move.</summary>
    private static readonly string[] RampOwnedKeys =
    [
        ConfigKeys.RampStep, ConfigKeys.RampStepSetAt, ConfigKeys.ReleaseLive, ConfigKeys.ReleasePromotedAt,
        ConfigKeys.ReleaseRetired, ConfigKeys.BlueImageTag, ConfigKeys.GreenImageTag, ConfigKeys.RollbackAcknowledged,
    ];

    /// <summary>The keys that differ from the committed file when all of them are the ramp's own; null otherwise.</summary>
    private async Task<IReadOnlyList<string>?> RampOwnChangesAsync(StackState state, CancellationToken cancellationToken)
    {
        if (await services.Git.CommittedTextAsync(state.FileName, cancellationToken).ConfigureAwait(false) is not { } committedText)
        {
            return null;
        }

        StackFile committed;
        try
        {
            committed = StackFile.Parse(state.Path, state.Stack, committedText);
        }
        catch (StackFileException)
        {
            return null;
        }

        var keys = committed.Config.Keys.Union(state.File.Config.Keys)
            .Where(k => committed.Config.GetValueOrDefault(k) != state.File.Config.GetValueOrDefault(k))
            .ToList();
        var owned = RampOwnedKeys.Select(ConfigKeys.Full).ToHashSet(StringComparer.Ordinal);
        return keys.Count > 0 && keys.All(owned.Contains) && state.Text.Length > 0 ? keys : null;
    }

    private async Task CheckAlarmsAsync(CommandOptions options, StackState state, CancellationToken cancellationToken)
    {
        var colour = state.Settings.NewColour;
        if (options.DryRun)
        {
            Out.MarkupLine($"[yellow]Dry run: the alarm gate ({Esc(colour.ConfigName())} alarms) is not checked; it needs pulumi and aws.[/]");
            return;
        }

        var outputs = await services.Pulumi.StackOutputsAsync(state.Stack, cancellationToken).ConfigureAwait(false);
        var alarms = outputs.AlarmsOf(colour);
        if (alarms.Count == 0)
        {
            throw new RampRefusedException(
                $"'pulumi stack output alarmNames' of {state.Stack} has no {colour.ConfigName()} alarms, so the alarm gate cannot be checked (is the stack deployed?)");
        }

        var statuses = await services.Aws.DescribeAlarmsAsync([.. alarms.Select(a => a.Name)], cancellationToken).ConfigureAwait(false);
        var severities = alarms.ToDictionary(a => a.Name, a => AlarmSeverities.Of(a.Kind), StringComparer.Ordinal);
        var readings = statuses.Select(a => new AlarmReading(a.Name, colour, a.State, severities.GetValueOrDefault(a.Name, AlarmSeverity.Critical))).ToList();
        var gate = AlarmGate.Evaluate(colour, readings);
        foreach (var warning in gate.Warnings)
        {
            Out.MarkupLine($"[yellow]Warning in ALARM:[/] {Esc(warning.Name)} — shown, not blocking (warnings never hold a step).");
        }

        if (!gate.Passed)
        {
            throw new RampRefusedException(gate.Reason);
        }

        Out.MarkupLine($"Alarm gate: [green]passed[/] — no critical {Esc(colour.ConfigName())} alarm in ALARM or without data ({readings.Count} checked).");
    }

    /// <summary>The edited text, validated as the stack will read it before anything is written.</summary>
    private (string Text, IReadOnlyList<LineChange> Lines) Edit(StackState state, PlannedChange change)
    {
        string text;
        IReadOnlyList<LineChange> lines;
        try
        {
            (text, lines) = StackFileEditor.Apply(state.Path, state.Text, change.Edits);
        }
        catch (StackFileException e)
        {
            throw new RampException(e.Message);
        }

        StackState.FromText(state.Stack, state.Path, text, Now, "The change would make the config invalid, so nothing was written. ");
        return (text, lines);
    }

    /// <summary>Shows the change line by line, as it will be in the file.</summary>
    private void WriteChange(StackState state, PlannedChange change, IReadOnlyList<LineChange> lines)
    {
        Out.MarkupLine($"[bold]{Esc(change.Summary)}[/]");
        foreach (var line in lines)
        {
            var at = Esc($"{state.FileName}:{line.Line}");
            if (line.Before is not null)
            {
                Out.MarkupLine($"  {at}  [red]- {Esc(line.Before.Trim())}[/]");
            }

            Out.MarkupLine($"  {at}  [green]+ {Esc(line.After.Trim())}[/]");
        }
    }

    /// <summary>--dry-run: the offline preview of the edited file; nothing written, no pulumi.</summary>
    private async Task<int> DryRunAsync(StackState state, string text, CancellationToken cancellationToken)
    {
        var preview = await services.OfflinePreview.PreviewAsync(state.Stack, text, cancellationToken).ConfigureAwait(false);
        Out.Profile.Out.Writer.WriteLine(preview); // as it is: the console would wrap URNs and paths at its width
        Out.MarkupLine($"[yellow]Dry run: {Esc(state.FileName)} was not written and pulumi was not run.[/]");
        return ExitCodes.Ok;
    }

    private async Task<int> ChangeAsync(CommandOptions options, StackState state, PlannedChange change, bool autoApply, CancellationToken cancellationToken)
    {
        var (text, lines) = Edit(state, change);
        WriteChange(state, change, lines);
        if (options.DryRun)
        {
            return await DryRunAsync(state, text, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await services.Pulumi.VersionAsync(cancellationToken).ConfigureAwait(false); // installed? before writing anything
        }
        catch (RampException e)
        {
            throw new RampException($"{e.Message} Nothing was written (--dry-run shows the change without pulumi).", e.ExitCode, e.Detail);
        }

        Write(state.Path, text);
        Out.MarkupLine($"Wrote {Esc(state.FileName)}. Running pulumi preview --diff --stack {Esc(state.Stack)} ...");
        string previewOutput;
        try
        {
            previewOutput = await services.Pulumi.PreviewAsync(state.Stack, cancellationToken).ConfigureAwait(false);
        }
        catch (RampException e)
        {
            Write(state.Path, state.Text);
            throw new RampException($"{e.Message} {state.FileName} was restored to what it was.", e.ExitCode, e.Detail);
        }

        Out.WriteLine(previewOutput.TrimEnd());
        var apply = options.Yes || autoApply;
        if (!apply)
        {
            if (!services.Confirmation.CanAsk)
            {
                Out.MarkupLine($"[yellow]Not applied[/] (no terminal to confirm on). {Esc(state.FileName)} holds the change: " +
                               $"commit it for review and apply with 'pulumi up --stack {Esc(state.Stack)}', or rerun with --yes.");
                return ExitCodes.Ok;
            }

            apply = services.Confirmation.Ask($"Apply this to {state.Stack} with pulumi up?");
            if (!apply)
            {
                Out.MarkupLine($"[yellow]Not applied.[/] {Esc(state.FileName)} holds the change; apply it later with 'pulumi up --stack {Esc(state.Stack)}'.");
                return ExitCodes.Ok;
            }
        }

        Out.MarkupLine($"Running pulumi up --yes --stack {Esc(state.Stack)} ...");
        string upOutput;
        try
        {
            upOutput = await services.Pulumi.UpAsync(state.Stack, cancellationToken).ConfigureAwait(false);
        }
        catch (RampException e)
        {
            throw new RampException(
                $"{e.Message} {state.FileName} keeps the new config; fix the cause and run 'pulumi up --stack {state.Stack}', or 'rollback'.",
                e.ExitCode,
                e.Detail);
        }

        Out.WriteLine(upOutput.TrimEnd());
        Out.MarkupLine($"[green]Applied:[/] {Esc(change.Summary)}");
        return ExitCodes.Ok;
    }

    private static void Write(string path, string text)
    {
        try
        {
            StackFileText.Write(path, text);
        }
        catch (StackFileException e)
        {
            throw new RampException(e.Message);
        }
    }

    private void ReportFailure(RampException e)
    {
        var label = e is RampRefusedException ? "[yellow]Refused:[/]" : "[red]Error:[/]";
        Out.MarkupLine($"{label} {Esc(e.Message)}");
        if (e is RampRefusedException { EarliestAt: { } at })
        {
            Out.MarkupLine($"  It may go ahead at {Esc(UtcTimestamp.Format(at))} ({Esc(Left(at, Now))} from now).");
        }

        if (!string.IsNullOrWhiteSpace(e.Detail))
        {
            foreach (var line in e.Detail.Split('\n'))
            {
                Out.MarkupLine($"  {Esc(line.TrimEnd('\r'))}");
            }
        }
    }

    private static string Esc(string text) => Markup.Escape(text);

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static string Whole(TimeSpan span) => DurationText.Format(TimeSpan.FromSeconds(Math.Floor(Math.Max(0, span.TotalSeconds))));

    private static string Ago(DateTimeOffset at, DateTimeOffset now) => now >= at ? $"{Whole(now - at)} ago" : $"in {Whole(at - now)}";

    private static string Left(DateTimeOffset at, DateTimeOffset now) => Whole(at - now);

    private static string When(DateTimeOffset at, DateTimeOffset now) =>
        at <= now ? "now" : $"+{Whole(at - now)} ({at.ToUniversalTime().ToString(at.Date == now.Date ? "HH:mm'Z'" : "MM-dd HH:mm'Z'", CultureInfo.InvariantCulture)})";
}
