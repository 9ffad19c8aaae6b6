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
        var (_, verdict) = await JudgeLiveAsync(state, cancellationToken).ConfigureAwait(false);
        // First: AWS may have rolled back on its own since the pull request's preview.
        if (verdict.UndoesAutomaticRollback is { } undo)
        {
            throw new RampRefusedException(undo);
        }

        var plan = verdict.Plan;
        var refused = $"{state.FileName} may not be applied: ";
        if (plan.IsRefused)
        {
            throw new RampRefusedException($"{refused}{plan.Refusal}.", plan.EarliestAt);
        }

        WriteGates(verdict.Gates, plan.ForceReason, $"{refused}{plan.Description}: ");
        var forced = verdict.Gates.Any(g => g.Outcome == GateOutcome.Forced) ? $" (forced past the bake, alarm and health gates: {plan.ForceReason})" : "";
        Out.MarkupLineInterpolated($"[green]Verified:[/] {plan.Description}{forced}.");
        return ExitCodes.Ok;
    }
}
