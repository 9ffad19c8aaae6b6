using BlueGreen.Release;
using Spectre.Console;

namespace BlueGreen.Ramp;

/// <summary>The ramp CLI's start, next, promote and retire: the gated moves of a release.</summary>
public sealed partial class RampApp
{
    public async Task<int> StartAsync(CommandOptions options, string tag, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var state = await LoadAsync(options, cancellationToken).ConfigureAwait(false);
        var change = Decided(ReleaseMoves.Start(state.Settings, tag, Now));
        return await ChangeAsync(options, state, Propose(state, change), autoApply: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>next</c>: one step forward through the gates; from step 0 the new colour's targets must be healthy too.</summary>
    public Task<int> NextAsync(CommandOptions options, CancellationToken cancellationToken = default) =>
        GatedAsync(options, s => ReleaseMoves.Next(s, Now, options.ForceReason), "bake, alarm and target-health", checkTargetHealthFromStepZero: true, cancellationToken);

    /// <summary><c>promote</c>: from the last step through the same gates, the new colour becomes live.</summary>
    public Task<int> PromoteAsync(CommandOptions options, CancellationToken cancellationToken = default) =>
        GatedAsync(options, s => ReleaseMoves.Promote(s, Now, options.ForceReason), "bake and alarm", checkTargetHealthFromStepZero: false, cancellationToken);

    /// <summary>
    /// The one gated-change path of <c>next</c> and <c>promote</c>: the release model's decision, then (unless
    /// forced with a reason) the alarm gate and, from step 0, the target-health gate; then the apply-time gate CI
    /// runs, and the change.
    /// </summary>
    private async Task<int> GatedAsync(
        CommandOptions options, Func<StackSettings, MoveDecision> decide, string gates, bool checkTargetHealthFromStepZero, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var state = await LoadAsync(options, cancellationToken).ConfigureAwait(false);
        var change = Decided(decide(state.Settings));
        if (options.ForceReason is { } reason)
        {
            Out.MarkupLineInterpolated($"[yellow]Forced past the {gates} gates:[/] {reason} (recorded as {ConfigKeys.Full(ConfigKeys.RampForceReason)}).");
        }
        else
        {
            await CheckAlarmsAsync(options, state, cancellationToken).ConfigureAwait(false);
            if (checkTargetHealthFromStepZero && state.Settings.Ramp.Step == 0)
            {
                await CheckTargetHealthAsync(options, state, cancellationToken).ConfigureAwait(false);
            }
        }

        var proposal = Propose(state, change);
        await CheckAsCiWillAsync(options, proposal, cancellationToken).ConfigureAwait(false);
        return await ChangeAsync(options, state, proposal, autoApply: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The apply-time gate (<see cref="ApplyGate"/>, what <c>ramp verify</c> checks in CI) on the edited file,
    /// so the CLI never proposes a change CI would refuse: the bake counts from when the deployed step's
    /// update finished, not from the file.
    /// </summary>
    private async Task CheckAsCiWillAsync(CommandOptions options, Proposal proposal, CancellationToken cancellationToken)
    {
        if (options.DryRun)
        {
            return;
        }

        var state = proposal.Proposed;
        var proposed = state.Settings;
        var outputs = await _services.Pulumi.StackOutputsAsync(state.Stack, cancellationToken).ConfigureAwait(false);
        var updatedAt = await _services.Pulumi.LastUpdateFinishedAsync(state.Stack, cancellationToken).ConfigureAwait(false);
        var decision = ApplyGate.Evaluate(proposed, await DeployedAsync(state, outputs, updatedAt, cancellationToken).ConfigureAwait(false), Now);
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
            Out.MarkupLineInterpolated($"[yellow]Dry run: the target health of {colour.ConfigName()} ({replicas} healthy targets needed) is not checked; it needs pulumi and aws.[/]");
            return;
        }

        var outputs = await _services.Pulumi.StackOutputsAsync(state.Stack, cancellationToken).ConfigureAwait(false);
        if (outputs.TargetGroupArns.GetValueOrDefault(colour) is not { } arn)
        {
            throw new RampRefusedException($"'pulumi stack output' of {state.Stack} has no {colour.ConfigName()} target group, so its health cannot be checked (is the stack deployed?)");
        }

        var healthy = await _services.Aws.HealthyTargetsAsync(arn, cancellationToken).ConfigureAwait(false);
        if (healthy < replicas)
        {
            throw new RampRefusedException(
                $"{colour.ConfigName()}'s target group has {healthy} healthy target(s) of the {replicas} its replicas should give; " +
                "the first traffic step waits until every pod is registered and healthy (aws elbv2 describe-target-health)");
        }

        Out.MarkupLineInterpolated($"Target health: [green]passed[/] — {healthy} healthy {colour.ConfigName()} target(s), {replicas} needed.");
    }

    public async Task<int> RetireAsync(CommandOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var state = await LoadAsync(options, cancellationToken).ConfigureAwait(false);
        var change = Decided(ReleaseMoves.Retire(state.Settings, Now));
        return await ChangeAsync(options, state, Propose(state, change), autoApply: false, cancellationToken).ConfigureAwait(false);
    }

    private async Task CheckAlarmsAsync(CommandOptions options, StackState state, CancellationToken cancellationToken)
    {
        var colour = state.Settings.NewColour;
        if (options.DryRun)
        {
            Out.MarkupLineInterpolated($"[yellow]Dry run: the alarm gate ({colour.ConfigName()} alarms) is not checked; it needs pulumi and aws.[/]");
            return;
        }

        var outputs = await _services.Pulumi.StackOutputsAsync(state.Stack, cancellationToken).ConfigureAwait(false);
        var alarms = outputs.AlarmsOf(colour);
        if (alarms.Count == 0)
        {
            throw new RampRefusedException(
                $"'pulumi stack output alarmNames' of {state.Stack} has no {colour.ConfigName()} alarms, so the alarm gate cannot be checked (is the stack deployed?)");
        }

        var statuses = await _services.Aws.DescribeAlarmsAsync([.. alarms.Select(a => a.Name)], cancellationToken).ConfigureAwait(false);
        var severities = alarms.ToDictionary(a => a.Name, a => AlarmSeverities.Of(a.Kind), StringComparer.Ordinal);
        var readings = statuses.Select(a => new AlarmReading(a.Name, colour, a.State, severities.GetValueOrDefault(a.Name, AlarmSeverity.Critical))).ToList();
        var gate = AlarmGate.Evaluate(colour, readings);
        foreach (var warning in gate.Warnings)
        {
            Out.MarkupLineInterpolated($"[yellow]Warning in ALARM:[/] {warning.Name} — shown, not blocking (warnings never hold a step).");
        }

        if (!gate.Passed)
        {
            throw new RampRefusedException(gate.Reason);
        }

        Out.MarkupLineInterpolated($"Alarm gate: [green]passed[/] — no critical {colour.ConfigName()} alarm in ALARM or without data ({readings.Count} checked).");
    }
}
