using System.Globalization;
using BlueGreen.Release;
using Spectre.Console;

namespace BlueGreen.Ramp;

/// <summary>The ramp CLI's history: the release moves as applied, and the figures a release team reports.</summary>
public sealed partial class RampApp
{
    /// <summary><c>history</c>: each applied release move with when and which commit, and the figures per release.</summary>
    public async Task<int> HistoryAsync(CommandOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var state = await LoadAsync(options with { AllowDirty = true }, cancellationToken).ConfigureAwait(false);
        var updates = await _services.Pulumi.AppliedUpdatesAsync(state.Stack, cancellationToken).ConfigureAwait(false);
        var events = ReleaseHistory.Events(updates);
        if (events.Count == 0)
        {
            Out.MarkupLineInterpolated($"No release moves in the {updates.Count} successful update(s) of {state.Stack}.");
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
        if (!await _services.Aws.HasCredentialsAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var prefix = StackContract.NamePrefix(state.Settings.App.Name, state.Stack);
        var transitions = new List<DateTimeOffset>();
        foreach (var colour in Colours.All)
        {
            transitions.AddRange(await _services.Aws.AlarmTransitionsAsync(StackContract.RollbackAlarmName(prefix, colour), cancellationToken).ConfigureAwait(false));
        }

        return transitions;
    }
}
