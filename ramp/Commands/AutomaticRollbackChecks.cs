using BlueGreen.Release;
using Spectre.Console;

namespace BlueGreen.Ramp;

/// <summary>The ramp CLI's reading of the automatic rollback record: status shows it; verify, next, promote and
/// retire refuse what would undo it (the release model decides, <see cref="AutomaticRollbackRecord.Refusal"/>).</summary>
public sealed partial class RampApp
{
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
            Out.MarkupLineInterpolated($"Automatic rollback: {record.RolledBack.ConfigName()} to {record.To.ConfigName()} at {record.At} ({record.Alarm}, execution {record.ExecutionId}); the stack file agrees.");
            return false;
        }

        Out.MarkupLineInterpolated($"[red]Automatic rollback:[/] {record.Describe()}, but {state.FileName} still gives {record.RolledBack.ConfigName()} {s.Split.WeightOf(record.RolledBack)} %: run 'ramp rollback --stack {state.Stack}' and commit the file.");
        return true;
    }

    /// <summary>The stack's automatic rollback record from SSM (read whether or not <c>rollback.automatic</c> is on: a
    /// record written before it was turned off still stands), when there are credentials to read it; null when there
    /// is none, it is "none", or it cannot be read here.</summary>
    private async Task<AutomaticRollbackRecord?> ReadAutomaticRollbackAsync(StackState state, CancellationToken cancellationToken)
    {
        if (!await _services.Aws.HasCredentialsAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return await ReadRecordAsync(state, cancellationToken).ConfigureAwait(false);
    }

    private async Task<AutomaticRollbackRecord?> ReadRecordAsync(StackState state, CancellationToken cancellationToken)
    {
        var name = RecordNameOf(state);
        var value = await _services.Aws.GetParameterAsync(name, cancellationToken).ConfigureAwait(false);
        try
        {
            return AutomaticRollbackRecord.Parse(value);
        }
        catch (FormatException e)
        {
            throw new RampException($"{name}: {e.Message}");
        }
    }

    /// <summary>
    /// The record where it must be read (<c>verify</c>, the gate before <c>pulumi up</c>, and <c>verdict --live</c>):
    /// one that cannot be read here is an error rather than "no rollback". Whether the file would undo it is the
    /// verdict's (<see cref="MoveVerdict.UndoesAutomaticRollback"/>).
    /// </summary>
    private async Task<AutomaticRollbackRecord?> ReadRequiredAutomaticRollbackAsync(StackState state, CancellationToken cancellationToken)
    {
        if (!await _services.Aws.HasCredentialsAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new RampException(
                $"the automatic rollback record {RecordNameOf(state)} cannot be read (no AWS CLI or no AWS credentials here), " +
                "so nothing shows that AWS has not rolled back on its own; run it where the stack's credentials are");
        }

        return await ReadRecordAsync(state, cancellationToken).ConfigureAwait(false);
    }

    private static string RecordNameOf(StackState state) =>
        StackContract.RollbackRecordName(StackContract.NamePrefix(state.Settings.App.Name, state.Stack));
}
