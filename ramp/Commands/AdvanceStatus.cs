using BlueGreen.Release;
using Spectre.Console;

namespace BlueGreen.Ramp;

/// <summary>The auto-progress lines of <c>ramp status</c>: the mode, when the next proposal is due, the open proposal.</summary>
public sealed partial class RampApp
{
    /// <summary>
    /// Writes the mode and <c>ramp advance</c>'s answer as far as it can be read here: the live gates only with AWS
    /// credentials, the pull requests only when gh has a token (no process is started to find out: status stays fast).
    /// </summary>
    private async Task WriteAutoProgressAsync(StackState state, CancellationToken cancellationToken)
    {
        var mode = state.Settings.Ramp.AutoProgress;
        Out.MarkupLineInterpolated($"Auto-progress: [bold]{mode.ConfigName()}[/] ({ConfigKeys.Full(ConfigKeys.RampAutoProgress)})");
        if (mode == AutoProgressMode.Off)
        {
            return;
        }

        var readGitHub = _services.GitHub.HasCredentials;
        var readLive = await _services.Aws.HasCredentialsAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var decision = await DecideAdvanceAsync(state, readLive, readGitHub, cancellationToken).ConfigureAwait(false);
            var live = readLive ? "" : " (the file's side only: the live gates are not read without AWS credentials)";
            Out.MarkupLineInterpolated(decision switch
            {
                { NotDue: null } => (FormattableString)$"Next proposal: [green]due now[/] — {decision.Move!.Description}{live}",
                { EarliestAt: { } at } => $"Next proposal: [yellow]{When(at, Now)}[/] — {decision.NotDue}{live}",
                _ => $"Next proposal: [yellow]not due[/] — {decision.NotDue}{live}",
            });
            if (!readGitHub)
            {
                Out.MarkupLine("[grey]Open proposal: not read (no GitHub token for gh here).[/]");
            }
            else
            {
                var open = decision.Open ?? (await _services.GitHub.OpenAsync(AutoProgress.BranchPrefix(state.Stack), cancellationToken).ConfigureAwait(false)).FirstOrDefault();
                Out.MarkupLineInterpolated(open is null ? (FormattableString)$"Open proposal: none" : $"Open proposal: #{open.Number} {open.Url}");
            }
        }
        catch (RampException e) when (e is not RampRefusedException)
        {
            Out.MarkupLineInterpolated($"[red]Next proposal: not read[/] ({e.Message})");
        }
    }
}
