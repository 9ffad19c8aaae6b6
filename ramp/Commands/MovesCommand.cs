using BlueGreen.Release;
using Spectre.Console;

namespace BlueGreen.Ramp;

/// <summary>The ramp CLI's start, next, promote and retire: the gated moves of a release, carried out from their plans.</summary>
public sealed partial class RampApp
{
    /// <summary><c>start --version TAG</c>: the idle colour gets the release at step 0.</summary>
    public Task<int> StartAsync(CommandOptions options, string tag, CancellationToken cancellationToken = default) =>
        MoveAsync(options, s => ReleaseMoves.Start(s, tag, Now), cancellationToken);

    /// <summary><c>next</c>: one step forward through the plan's gates.</summary>
    public Task<int> NextAsync(CommandOptions options, CancellationToken cancellationToken = default) =>
        MoveAsync(options, s => ReleaseMoves.Next(s, Now, options.ForceReason), cancellationToken);

    /// <summary><c>promote</c>: from the last step through the same gates, the new colour becomes live.</summary>
    public Task<int> PromoteAsync(CommandOptions options, CancellationToken cancellationToken = default) =>
        MoveAsync(options, s => ReleaseMoves.Promote(s, Now, options.ForceReason), cancellationToken);

    /// <summary><c>retire</c>: after the stabilization window, the old colour is torn down.</summary>
    public Task<int> RetireAsync(CommandOptions options, CancellationToken cancellationToken = default) =>
        MoveAsync(options, s => ReleaseMoves.Retire(s, Now), cancellationToken);

    /// <summary>
    /// The one path of every gated move: the release model's plan on the file; the plan <c>ramp verify</c> will
    /// derive from what is deployed and the edited file (so the CLI never proposes what CI would refuse); the
    /// gates of that plan on the live evidence; then the change.
    /// </summary>
    private async Task<int> MoveAsync(CommandOptions options, Func<StackSettings, MovePlan> plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var state = await LoadAsync(options, cancellationToken).ConfigureAwait(false);
        var move = plan(state.Settings);
        var proposal = Propose(state, Decided(move));
        if (options.DryRun)
        {
            SkipGatesInDryRun(move);
            return await ChangeAsync(options, state, proposal, autoApply: false, cancellationToken).ConfigureAwait(false);
        }

        var deployed = await ReadDeployedAsync(state, cancellationToken).ConfigureAwait(false);
        var asCi = deployed is null ? move : ReleaseMoves.FromDeployed(proposal.Proposed.Settings, deployed, Now);
        if (asCi.IsRefused)
        {
            throw new RampRefusedException($"the apply-time check (ramp verify) would refuse it: {asCi.Refusal}", asCi.EarliestAt);
        }

        var checkedPlan = asCi with { ForceReason = move.ForceReason };
        if (move.ForceReason is { } reason)
        {
            Out.MarkupLineInterpolated($"[yellow]Forced:[/] {reason} (recorded as {ConfigKeys.Full(ConfigKeys.RampForceReason)}).");
        }

        var evidence = await ReadEvidenceAsync(state, checkedPlan.Gates, deployed, cancellationToken).ConfigureAwait(false);
        CheckGates(checkedPlan, evidence, proposal.Proposed.Settings, $"{checkedPlan.Description}: ");
        return await ChangeAsync(options, state, proposal, autoApply: false, cancellationToken).ConfigureAwait(false);
    }
}
