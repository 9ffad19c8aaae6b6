using BlueGreen.Ramp.Tools;
using BlueGreen.Release;
using Spectre.Console;

namespace BlueGreen.Ramp;

/// <summary>
/// Carrying out a move plan's gates: read the live evidence each gate names (and only that), let
/// <see cref="MoveGates.Evaluate"/> judge it, and print or refuse. Nothing here decides a gate, a colour or a window.
/// </summary>
public sealed partial class RampApp
{
    /// <summary>What is deployed, from the stack's outputs and history; null when the outputs do not say.</summary>
    private async Task<DeployedRamp?> ReadDeployedAsync(StackState state, CancellationToken cancellationToken)
    {
        var outputs = await _services.Pulumi.StackOutputsAsync(state.Stack, cancellationToken).ConfigureAwait(false);
        var updatedAt = await _services.Pulumi.LastUpdateFinishedAsync(state.Stack, cancellationToken).ConfigureAwait(false);
        return await DeployedAsync(state, outputs, updatedAt, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The evidence of <paramref name="gates"/>: for each gate the one live value it judges.</summary>
    private async Task<GateEvidence> ReadEvidenceAsync(StackState state, IReadOnlyList<Gate> gates, DeployedRamp? deployed, CancellationToken cancellationToken)
    {
        var outputs = await _services.Pulumi.StackOutputsAsync(state.Stack, cancellationToken).ConfigureAwait(false);
        var evidence = new GateEvidence
        {
            Deployed = deployed,
            SmokePassedRelease = deployed?.SmokePassedRelease,
            MaintenanceOn = state.Settings.Maintenance.Enabled,
        };
        foreach (var gate in gates)
        {
            evidence = gate.Kind switch
            {
                GateKind.CriticalAlarms => evidence with { Alarms = await ReadAlarmsAsync(outputs, gate.Colour!.Value, cancellationToken).ConfigureAwait(false) },
                GateKind.TargetHealth => evidence with
                {
                    HealthyTargets = outputs.TargetGroupArns.GetValueOrDefault(gate.Colour!.Value) is { } arn
                        ? await _services.Aws.HealthyTargetsAsync(arn, cancellationToken).ConfigureAwait(false)
                        : null,
                },
                GateKind.AutomaticRollbackRecord => evidence with { RollbackRecord = await ReadAutomaticRollbackAsync(state, cancellationToken).ConfigureAwait(false) },
                _ => evidence,
            };
        }

        return evidence;
    }

    private async Task<IReadOnlyList<AlarmReading>> ReadAlarmsAsync(StackOutputs outputs, Colour colour, CancellationToken cancellationToken)
    {
        var alarms = outputs.AlarmsOf(colour);
        if (alarms.Count == 0)
        {
            return [];
        }

        var statuses = await _services.Aws.DescribeAlarmsAsync([.. alarms.Select(a => a.Name)], cancellationToken).ConfigureAwait(false);
        var severities = alarms.ToDictionary(a => a.Name, a => AlarmSeverities.Of(a.Kind), StringComparer.Ordinal);
        return [.. statuses.Select(a => new AlarmReading(a.Name, colour, a.State, severities.GetValueOrDefault(a.Name, AlarmSeverity.Critical)))];
    }

    /// <summary>
    /// Checks every gate of <paramref name="plan"/> on <paramref name="evidence"/> (<see cref="MoveVerdict.Judge"/>): a
    /// forcible gate of a forced move that does not pass is reported as forced; any other refuses the move (exit 2)
    /// with the gate's reason.
    /// </summary>
    private void CheckGates(MovePlan plan, GateEvidence evidence, StackSettings settings, string prefix) =>
        WriteGates(MoveVerdict.Judge(plan, evidence, settings, Now), plan.ForceReason, prefix);

    /// <summary>Prints each gate's outcome in order and refuses (exit 2) at the first refused one.</summary>
    private void WriteGates(IReadOnlyList<GateResult> results, string? forceReason, string prefix)
    {
        foreach (var result in results)
        {
            foreach (var warning in result.Warnings)
            {
                Out.MarkupLineInterpolated($"[yellow]Warning in ALARM:[/] {warning} — shown, not blocking (warnings never hold a step).");
            }

            switch (result.Outcome)
            {
                case GateOutcome.Forced:
                    Out.MarkupLineInterpolated($"[yellow]Forced past the {result.Gate.Name} gate:[/] {forceReason} ({ConfigKeys.Full(ConfigKeys.RampForceReason)}); it said: {result.Reason}.");
                    break;
                case GateOutcome.Refused:
                case GateOutcome.NotRead:
                    throw new RampRefusedException(prefix + result.Reason, result.EarliestAt);
                default:
                    Out.MarkupLineInterpolated($"Gate {result.Gate.Name}: [green]passed[/] — {result.Reason}.");
                    break;
            }
        }
    }

    /// <summary>
    /// The verdict on the stack file over what is really deployed, where the change is applied (<c>verify</c>) or
    /// reviewed (<c>verdict --live</c>): the automatic-rollback record (required: unreadable is an error), what is
    /// deployed, the plan <see cref="ReleaseMoves.FromDeployed"/> makes of the file, and the live evidence of its gates.
    /// </summary>
    private async Task<(DeployedRamp? Deployed, MoveVerdict Verdict)> JudgeLiveAsync(StackState state, CancellationToken cancellationToken)
    {
        var record = await ReadRequiredAutomaticRollbackAsync(state, cancellationToken).ConfigureAwait(false);
        var deployed = await ReadDeployedAsync(state, cancellationToken).ConfigureAwait(false);
        var plan = ReleaseMoves.FromDeployed(state.Settings, deployed, Now);
        var evidence = plan.IsRefused
            ? new GateEvidence { Deployed = deployed }
            : await ReadEvidenceAsync(state, plan.Gates, deployed, cancellationToken).ConfigureAwait(false);
        return (deployed, MoveVerdict.Of(state.Settings, deployed, evidence with { RollbackRecord = record }, Now));
    }

    /// <summary>--dry-run reads nothing live: each gate that needs the live state says so.</summary>
    private void SkipGatesInDryRun(MovePlan plan)
    {
        foreach (var gate in plan.Gates)
        {
            Out.MarkupLineInterpolated($"[yellow]Dry run: the {gate.Name} gate is not checked; it needs pulumi and aws.[/]");
        }
    }
}
