using BlueGreen.Release;
using Spectre.Console;

namespace BlueGreen.Ramp;

/// <summary>The ramp CLI's verify: the move plan of (deployed, proposed) and its gates, where the change is applied.</summary>
public sealed partial class RampApp
{
    /// <summary>
    /// <c>verify</c>: the gates again, where the change is applied (the apply workflow runs it before
    /// <c>pulumi up</c>): the plan <see cref="ReleaseMoves.FromDeployed"/> derives from what is deployed and the
    /// stack file, and the same gates the CLI's move checks. Exit 0 to apply, 2 to refuse.
    /// </summary>
    public async Task<int> VerifyAsync(CommandOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var state = await LoadAsync(options with { AllowDirty = true }, cancellationToken).ConfigureAwait(false);
        // First: AWS may have rolled back on its own since the pull request's preview.
        await RefuseUndoingAutomaticRollbackAsync(state, required: true, cancellationToken).ConfigureAwait(false);
        var deployed = await ReadDeployedAsync(state, cancellationToken).ConfigureAwait(false);
        var plan = ReleaseMoves.FromDeployed(state.Settings, deployed, Now);
        var refused = $"{state.FileName} may not be applied: ";
        if (plan.IsRefused)
        {
            throw new RampRefusedException($"{refused}{plan.Refusal}.", plan.EarliestAt);
        }

        var evidence = await ReadEvidenceAsync(state, plan.Gates, deployed, cancellationToken).ConfigureAwait(false);
        CheckGates(plan, evidence, state.Settings, $"{refused}{plan.Description}: ");
        var forced = plan.ForceReason is { } reason && plan.Gates.Any(g => g.Forcible) ? $" (forced past the bake, alarm and health gates: {reason})" : "";
        Out.MarkupLineInterpolated($"[green]Verified:[/] {plan.Description}{forced}.");
        return ExitCodes.Ok;
    }
}
