using BlueGreen.Release;
using Spectre.Console;

namespace BlueGreen.Ramp;

/// <summary>The ramp CLI's verify: the gates where the change is applied, against what is deployed.</summary>
public sealed partial class RampApp
{
    /// <summary>
    /// <c>verify</c>: the gates again, where the change is applied (the apply workflow runs it before
    /// <c>pulumi up</c>), comparing the stack file with what is deployed. Exit 0 to apply, 2 to refuse.
    /// </summary>
    public async Task<int> VerifyAsync(CommandOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var state = await LoadAsync(options with { AllowDirty = true }, cancellationToken).ConfigureAwait(false);
        var outputs = await _services.Pulumi.StackOutputsAsync(state.Stack, cancellationToken).ConfigureAwait(false);
        var updatedAt = await _services.Pulumi.LastUpdateFinishedAsync(state.Stack, cancellationToken).ConfigureAwait(false);
        var decision = ApplyGate.Evaluate(state.Settings, await DeployedAsync(state, outputs, updatedAt, cancellationToken).ConfigureAwait(false), Now);
        if (!decision.Passed)
        {
            throw new RampRefusedException($"{state.FileName} may not be applied: {decision.Reason}.", decision.EarliestAt);
        }

        if (decision.NeedsAlarmGate)
        {
            await CheckAlarmsAsync(options with { DryRun = false }, state, cancellationToken).ConfigureAwait(false);
        }

        Out.MarkupLineInterpolated($"[green]Verified:[/] {decision.Reason}.");
        return ExitCodes.Ok;
    }
}
