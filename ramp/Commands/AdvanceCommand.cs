using System.Text;
using BlueGreen.Release;
using Spectre.Console;

namespace BlueGreen.Ramp;

/// <summary>
/// The ramp CLI's advance: what the scheduled workflow runs. When the release model says the next move is due
/// (<see cref="AutoProgress"/>), it opens exactly one pull request with the edit <c>ramp next</c> (or <c>promote</c>)
/// makes; otherwise it opens nothing and says why. Exit 0 either way; non-zero only when something is broken.
/// </summary>
public sealed partial class RampApp
{
    /// <summary>The answer for one stack: the move and its proposal when due, or why not.</summary>
    private sealed record AdvanceDecision(string? NotDue, DateTimeOffset? EarliestAt = null)
    {
        public MovePlan? Move { get; init; }

        public string? Branch { get; init; }

        public Proposal? Proposal { get; init; }

        public MovePlan? Verified { get; init; }

        public IReadOnlyList<GateResult> Gates { get; init; } = [];

        public RampProposal? Open { get; init; }
    }

    /// <summary><c>advance</c>: propose the next step when it is due (<c>ramp.autoProgress</c>: propose or merge).</summary>
    public async Task<int> AdvanceAsync(CommandOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var state = await LoadAsync(options, cancellationToken).ConfigureAwait(false);
        var mode = state.Settings.Ramp.AutoProgress;
        if (mode != AutoProgressMode.Off && !await _services.Aws.HasCredentialsAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new RampException(
                "ramp advance judges the live state (the deployed step, alarms, smoke test, target health and the automatic rollback record) " +
                "and needs AWS credentials; there are none here (the workflow assumes the read-only role through OIDC)");
        }

        var decision = await DecideAdvanceAsync(state, readLive: mode != AutoProgressMode.Off, readGitHub: true, cancellationToken).ConfigureAwait(false);
        WriteGates(decision.Gates);
        if (decision.NotDue is { } reason)
        {
            var at = decision.EarliestAt is { } when ? $" It may be due at {UtcTimestamp.Format(when)} ({Left(when, Now)} from now)." : "";
            Out.MarkupLineInterpolated($"[yellow]Nothing proposed:[/] {reason}.{at}");
            Summarize(state, $"Nothing proposed: {reason}.{at}");
            return ExitCodes.Ok;
        }

        var opened = await OpenProposalAsync(state, decision, mode, cancellationToken).ConfigureAwait(false);
        var merge = mode == AutoProgressMode.Merge ? " Auto-merge is on: GitHub merges it once the required checks pass." : " A person reviews and merges it.";
        Out.MarkupLineInterpolated($"[green]Proposed:[/] {decision.Proposal!.Change.Summary} — {opened.Url}.{merge}");
        Summarize(state, $"Proposed {decision.Proposal.Change.Summary}: {opened.Url}.{merge}");
        return ExitCodes.Ok;
    }

    /// <summary>
    /// Whether the next proposal is due, from the release model: the move (<see cref="AutoProgress.Move"/>), the ramp
    /// pull requests on record, the plan <c>ramp verify</c> will check and its gates on the live evidence. Without
    /// <paramref name="readLive"/> only the file's side is judged; without <paramref name="readGitHub"/> no pull request.
    /// </summary>
    private async Task<AdvanceDecision> DecideAdvanceAsync(StackState state, bool readLive, bool readGitHub, CancellationToken cancellationToken)
    {
        var s = state.Settings;
        var deployed = readLive ? await ReadDeployedAsync(state, cancellationToken).ConfigureAwait(false) : null;
        var move = AutoProgress.Move(s, deployed, Now);
        if (move.IsRefused)
        {
            return new AdvanceDecision(move.Refusal, move.EarliestAt);
        }

        var branch = AutoProgress.BranchOf(s, move);
        RampProposal? open = null;
        if (readGitHub)
        {
            var prefix = AutoProgress.BranchPrefix(state.Stack);
            List<RampProposal> proposals =
            [
                .. await _services.GitHub.OpenAsync(prefix, cancellationToken).ConfigureAwait(false),
                .. await _services.GitHub.OfBranchAsync(branch, cancellationToken).ConfigureAwait(false),
            ];
            open = proposals.FirstOrDefault(p => p.State == ProposalState.Open);
            if (AutoProgress.Blocking(proposals, state.Stack, branch) is { } blocked)
            {
                return new AdvanceDecision(blocked) { Open = open, Branch = branch };
            }
        }

        // The edit 'ramp next' (or 'promote') makes, through its own path: applied to the text and read back.
        var proposal = Propose(state, Decided(move));
        if (deployed is null)
        {
            return new AdvanceDecision(readLive ? "the stack's outputs do not say what is deployed (has it been deployed?)" : null)
            {
                Move = move,
                Branch = branch,
                Proposal = proposal,
            };
        }

        var verified = AutoProgress.AsVerified(proposal.Proposed.Settings, deployed, Now);
        if (verified.IsRefused)
        {
            return new AdvanceDecision($"the apply-time check (ramp verify) would refuse it: {verified.Refusal}", verified.EarliestAt) { Move = move, Branch = branch };
        }

        var evidence = await ReadEvidenceAsync(state, verified.Gates, deployed, cancellationToken).ConfigureAwait(false);
        var gates = AutoProgress.Judge(verified, evidence, proposal.Proposed.Settings, Now);
        var failed = gates.FirstOrDefault(g => g.Outcome != GateOutcome.Passed);
        return new AdvanceDecision(failed is null ? null : $"{verified.Description}: the {failed.Gate.Name} gate holds it: {failed.Reason}", failed?.EarliestAt)
        {
            Move = move,
            Branch = branch,
            Proposal = proposal,
            Verified = verified,
            Gates = gates,
            Open = open,
        };
    }

    /// <summary>One branch, one commit (the proposal's text), one pull request; in merge mode, auto-merge. A pull request
    /// that cannot be opened takes its branch back with it.</summary>
    private async Task<RampProposal> OpenProposalAsync(StackState state, AdvanceDecision decision, AutoProgressMode mode, CancellationToken cancellationToken)
    {
        var proposal = decision.Proposal!;
        var branch = decision.Branch!;
        var title = $"ramp {state.Stack}: {decision.Verified!.Description} of {state.Settings.ReleaseUnderWayTag}";
        var body = await ProposalBodyAsync(state, decision, mode, cancellationToken).ConfigureAwait(false);
        var message = $"{title}\n\n{proposal.Change.Summary}.\nProposed by 'ramp advance' ({ConfigKeys.Full(ConfigKeys.RampAutoProgress)}: {mode.ConfigName()}): " +
                      $"every gate passed on the live state at {UtcTimestamp.Format(Now)}.";
        try
        {
            await _services.Git.PushBranchAsync(branch, state.FileName, proposal.Text, message, cancellationToken).ConfigureAwait(false);
        }
        catch (RampException e)
        {
            throw new RampException($"the branch {branch} could not be pushed: {e.Message} Nothing was proposed.", e.ExitCode, e.Detail);
        }

        RampProposal opened;
        try
        {
            opened = await _services.GitHub.CreateAsync(branch, title, body, cancellationToken).ConfigureAwait(false);
        }
        catch (RampException e)
        {
            var left = await TakeBackBranchAsync(branch).ConfigureAwait(false);
            throw new RampException($"the pull request could not be opened: {e.Message} {left}", e.ExitCode, e.Detail);
        }

        if (mode == AutoProgressMode.Merge)
        {
            try
            {
                await _services.GitHub.EnableAutoMergeAsync(opened, cancellationToken).ConfigureAwait(false);
            }
            catch (RampException e)
            {
                throw new RampException(
                    $"{opened.Url} is open, but auto-merge could not be enabled: {e.Message} Merge it by hand once its checks pass, or close it " +
                    "(allow auto-merge in the repository settings and require the checks on the default branch).",
                    e.ExitCode,
                    e.Detail);
            }
        }

        return opened;
    }

    /// <summary>Deletes a pushed branch whose pull request was not opened; says what is left.</summary>
    private async Task<string> TakeBackBranchAsync(string branch)
    {
        try
        {
            await _services.Git.DeleteRemoteBranchAsync(branch, CancellationToken.None).ConfigureAwait(false);
            return $"The branch {branch} was deleted again: nothing is left.";
        }
        catch (RampException e)
        {
            return $"The branch {branch} is left on origin ({e.Message}): delete it with 'git push origin --delete {branch}'.";
        }
    }

    /// <summary>The pull request's body: what it does, the gates' evidence and the offline preview (<c>ramp preview --format markdown</c>).</summary>
    private async Task<string> ProposalBodyAsync(StackState state, AdvanceDecision decision, AutoProgressMode mode, CancellationToken cancellationToken)
    {
        var proposal = decision.Proposal!;
        var preview = await _services.OfflinePreview.MarkdownAsync(state.File, proposal.Proposed.File, cancellationToken).ConfigureAwait(false);
        var body = new StringBuilder()
            .AppendLine($"**ramp advance** proposes {proposal.Change.Summary} on `{state.Stack}`: the edit `ramp {MoveTable.Of(decision.Move!.Kind).Command}` makes.")
            .AppendLine()
            .AppendLine(mode == AutoProgressMode.Merge
                ? $"`{ConfigKeys.Full(ConfigKeys.RampAutoProgress)}: merge`: auto-merge is on; GitHub merges it once the required checks pass."
                : $"`{ConfigKeys.Full(ConfigKeys.RampAutoProgress)}: propose`: a person reviews and merges it; the apply workflow applies it after `ramp verify` checks the gates again.")
            .AppendLine()
            .AppendLine($"### Gates of {decision.Verified!.Description}, on the live state at {UtcTimestamp.Format(Now)}")
            .AppendLine()
            .AppendLine("| gate | | evidence |")
            .AppendLine("| --- | --- | --- |");
        foreach (var result in decision.Gates)
        {
            body.AppendLine($"| {result.Gate.Name} | {(result.Outcome == GateOutcome.Passed ? "passed" : "held")} | {result.Reason.Replace("|", "\\|", StringComparison.Ordinal)} |");
        }

        return body.AppendLine().AppendLine("### Offline preview").AppendLine().Append(preview).ToString();
    }

    private void WriteGates(IReadOnlyList<GateResult> gates)
    {
        foreach (var result in gates)
        {
            Out.MarkupLineInterpolated(result.Outcome == GateOutcome.Passed
                ? (FormattableString)$"Gate {result.Gate.Name}: [green]passed[/] — {result.Reason}."
                : $"Gate {result.Gate.Name}: [yellow]held[/] — {result.Reason}.");
        }
    }

    /// <summary>Appends the outcome to the run's summary (GitHub Actions' step summary), when there is one.</summary>
    private void Summarize(StackState state, string line)
    {
        if (_services.StepSummary is { } path)
        {
            File.AppendAllText(path, $"### ramp advance — {state.Stack}{Environment.NewLine}{Environment.NewLine}{line}{Environment.NewLine}{Environment.NewLine}");
        }
    }
}
