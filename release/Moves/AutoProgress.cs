namespace BlueGreen.Release;

/// <summary>What the scheduled <c>ramp advance</c> does for a stack (<c>ramp.autoProgress</c>).</summary>
public enum AutoProgressMode
{
    /// <summary>Nothing: a person runs every step (the default).</summary>
    Off,

    /// <summary>Open the next step's pull request when it is due; a person merges it.</summary>
    Propose,

    /// <summary>Open it and ask GitHub to merge it once its required checks pass (auto-merge).</summary>
    Merge,
}

/// <summary>The words of <see cref="AutoProgressMode"/> in the stack file.</summary>
public static class AutoProgressModes
{
    /// <summary>The mode <paramref name="text"/> names, or null.</summary>
    public static AutoProgressMode? TryParse(string text) => text switch
    {
        "off" => AutoProgressMode.Off,
        "propose" => AutoProgressMode.Propose,
        "merge" => AutoProgressMode.Merge,
        _ => null,
    };

    /// <summary>The mode as the stack file writes it.</summary>
    public static string ConfigName(this AutoProgressMode mode) => mode switch
    {
        AutoProgressMode.Propose => "propose",
        AutoProgressMode.Merge => "merge",
        _ => "off",
    };
}

/// <summary>Where a ramp pull request stands on GitHub.</summary>
public enum ProposalState
{
    Open,
    Merged,

    /// <summary>Closed by a person without merging: the step is not proposed again.</summary>
    ClosedUnmerged,
}

/// <summary>A pull request the ramp opened (its head branch is <see cref="AutoProgress.BranchOf"/>).</summary>
public sealed record RampProposal(int Number, string Url, string Branch, ProposalState State);

/// <summary>
/// Whether the next proposal of a ramp is due: the move <c>ramp next</c> (or, at the last step, <c>ramp promote</c>)
/// would make, allowed without force by the same plan (<see cref="ReleaseMoves.Next"/>, <see cref="ReleaseMoves.Promote"/>),
/// checked as <c>ramp verify</c> will check it (<see cref="ReleaseMoves.FromDeployed"/>) and its gates passing on the
/// live evidence (<see cref="MoveGates.Evaluate"/>). No rule of its own beyond when to propose at all: never a start,
/// a retirement or a forced move; nothing while an apply is pending, a ramp pull request is open, or after the same
/// step's proposal was closed unmerged.
/// </summary>
public static class AutoProgress
{
    /// <summary>
    /// The move to propose from <paramref name="file"/> (the stack file on the default branch) over
    /// <paramref name="deployed"/>, or why none is due; null <paramref name="deployed"/> means it was not read (status
    /// without credentials): the answer is then the file's side only.
    /// </summary>
    public static MovePlan Move(StackSettings file, DeployedRamp? deployed, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(file);
        var mode = file.Ramp.AutoProgress;
        var kind = file.Ramp.Step == file.Ramp.Schedule.LastIndex ? MoveKind.Promote : MoveKind.Next;
        if (mode == AutoProgressMode.Off)
        {
            return MovePlan.Refuse(kind, $"{ConfigKeys.Full(ConfigKeys.RampAutoProgress)} is off: a person runs every step");
        }

        if (file.Phase.Kind != ReleasePhaseKind.Ramping)
        {
            return MovePlan.Refuse(
                kind,
                $"no release is being ramped ({file.Phase.Describe()}); the ramp proposes the next steps and the promotion only: " +
                "starting a release and 'ramp retire' (the teardown) stay a person's decisions");
        }

        if (deployed is not null && PendingApply(file, deployed, now) is { } pending)
        {
            return MovePlan.Refuse(kind, pending);
        }

        // Never forced: a plain next or promote, which also clears an earlier ramp.forceReason.
        return kind == MoveKind.Promote ? ReleaseMoves.Promote(file, now) : ReleaseMoves.Next(file, now);
    }

    /// <summary>Why <paramref name="file"/> is not what is deployed (a merged change waits for its apply), or null.</summary>
    public static string? PendingApply(StackSettings file, DeployedRamp deployed, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(deployed);
        var plan = ReleaseMoves.FromDeployed(file, deployed, now);
        return plan.Kind == MoveKind.NoTrafficChange && !plan.IsRefused
            ? null
            : $"the stack file is ahead of what is deployed (deployed: step {deployed.Step}; the file: step {file.Ramp.Step}, " +
              $"{(plan.Refusal ?? plan.Description)}): the apply workflow has not applied it yet, so nothing more is proposed until it has";
    }

    /// <summary>The plan <c>ramp verify</c> will derive from <paramref name="deployed"/> and the file as the move leaves it
    /// (<paramref name="proposed"/>): its gates are the ones judged; refused, the move is not due.</summary>
    public static MovePlan AsVerified(StackSettings proposed, DeployedRamp deployed, DateTimeOffset now) =>
        ReleaseMoves.FromDeployed(proposed, deployed, now);

    /// <summary>Every gate of <paramref name="verified"/> judged on <paramref name="evidence"/> for the proposed file, as
    /// <c>ramp verify</c> judges it (<see cref="MoveVerdict.Judge"/>); none is forced, whatever the file says.</summary>
    public static IReadOnlyList<GateResult> Judge(MovePlan verified, GateEvidence evidence, StackSettings proposed, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(verified);
        ArgumentNullException.ThrowIfNull(evidence);
        return MoveVerdict.Judge(verified with { ForceReason = null }, evidence, proposed, now);
    }

    /// <summary>The prefix of every ramp branch of <paramref name="stack"/>.</summary>
    public static string BranchPrefix(string stack) => $"ramp/{RefPart(stack)}/";

    /// <summary>
    /// The head branch of the proposal of <paramref name="move"/> (a plan of <see cref="Move"/>): one per release, step
    /// and attempt, e.g. <c>ramp/prod/1.6.0-step-2-after-20261203T140000Z</c> or <c>ramp/prod/1.6.0-promote-after-…</c>,
    /// the suffix being when the current step was set (<c>ramp.stepSetAt</c>; none at a step 0 without it). A closed
    /// proposal of the same step is found by name while the ramp stays where it was; once the release is rolled back and
    /// ramped again, every step has a new time, so the earlier attempt's branches (closed, or merged and left on origin)
    /// neither block it nor collide with its pushes.
    /// </summary>
    public static string BranchOf(StackSettings file, MovePlan move)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(move);
        var tag = file.ReleaseUnderWayTag ?? "release";
        var what = move.Kind == MoveKind.Promote ? "promote" : $"step-{file.Ramp.Step + 1}";
        // Git refs may not hold ':' (git-check-ref-format), so the time is written in ISO 8601's basic format.
        var after = file.Ramp.StepSetAt is { } setAt
            ? "-after-" + setAt.ToUniversalTime().ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture)
            : "";
        return $"{BranchPrefix(file.StackName)}{RefPart(tag)}-{what}{after}";
    }

    /// <summary>Why the ramp pull requests on record hold the proposal of <paramref name="branch"/>, or null.</summary>
    public static string? Blocking(IEnumerable<RampProposal> proposals, string stack, string branch)
    {
        ArgumentNullException.ThrowIfNull(proposals);
        var all = proposals.ToList();
        if (all.FirstOrDefault(p => p.State == ProposalState.Open && p.Branch.StartsWith(BranchPrefix(stack), StringComparison.Ordinal)) is { } open)
        {
            return $"the ramp pull request #{open.Number} ({open.Url}) is open for {stack}: one proposal at a time, merge or close it first";
        }

        return all.FirstOrDefault(p => p.State == ProposalState.ClosedUnmerged && p.Branch == branch) is { } closed
            ? $"the proposal of this step, #{closed.Number} ({closed.Url}), was closed without merging: it is not proposed again; " +
              "a person decides (run 'ramp next' or 'ramp promote' by hand, or 'ramp rollback')"
            : null;
    }

    /// <summary>A git ref name part: letters, digits, '.', '_' and '-' (no "..", which git refuses).</summary>
    private static string RefPart(string text)
    {
        var chars = text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '-').ToArray();
        return new string(chars).Replace("..", "-", StringComparison.Ordinal).Trim('.');
    }
}
