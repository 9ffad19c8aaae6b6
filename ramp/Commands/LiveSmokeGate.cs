using BlueGreen.Ramp.Tools;
using BlueGreen.Release;

namespace BlueGreen.Ramp;

/// <summary>What is deployed for the apply-time gate: the stack outputs, with the smoke result from the live Job.</summary>
public sealed partial class RampApp
{
    /// <summary>
    /// The deployed ramp for the move plans (<see cref="ReleaseMoves.FromDeployed"/>) and their smoke gate. The smoke result is read from the Job itself in the live state
    /// (<c>pulumi stack export</c>): a re-run that failed leaves the stack outputs as the last successful update wrote
    /// them ("passed"), but the Job in the state carries its <c>Failed</c> condition.
    /// </summary>
    private async Task<DeployedRamp?> DeployedAsync(StackState state, StackOutputs outputs, DateTimeOffset? updatedAt, CancellationToken cancellationToken)
    {
        var release = state.Settings.ReleaseUnderWayTag;
        var jobs = state.Settings.Smoke is null || release is null
            ? []
            : LiveSmokeJobs.Parse(await _services.Pulumi.StackExportAsync(state.Stack, cancellationToken).ConfigureAwait(false));
        return outputs.Deployed(updatedAt, jobs, release);
    }
}
