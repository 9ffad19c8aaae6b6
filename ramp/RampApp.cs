using System.Globalization;
using BlueGreen.Release;
using BlueGreen.Release.StackFiles;
using Spectre.Console;

namespace BlueGreen.Ramp;

/// <summary>The options every command takes.</summary>
/// <param name="Stack">The Pulumi stack (its file is <c>Pulumi.&lt;stack&gt;.yaml</c>).</param>
/// <param name="AllowDirty">Go ahead although the stack file has uncommitted changes.</param>
/// <param name="DryRun">Show the change and the offline preview; write nothing, run no pulumi.</param>
/// <param name="Yes">Apply with <c>pulumi up</c> without asking.</param>
public sealed record CommandOptions(string Stack, bool AllowDirty = false, bool DryRun = false, bool Yes = false)
{
    /// <summary>With <c>--force --reason "..."</c>: why this move may pass the bake, alarm and health gates; recorded in the file.</summary>
    public string? ForceReason { get; init; }
}

/// <summary>
/// The ramp commands. Each reads and validates the stack file, refuses with the reason when a gate or
/// the ramp's state says no, validates the changed config before writing it, edits only the changed
/// lines, previews with pulumi and applies with <c>pulumi up</c> when told or confirmed.
/// </summary>
public sealed partial class RampApp(RampServices services)
{
    private readonly RampServices _services = services;

    private DateTimeOffset Now => _services.Time.GetUtcNow();

    private IAnsiConsole Out => _services.Console;

    /// <summary>
    /// Runs a command body: a <see cref="RampException"/> becomes a message and its exit code, and any
    /// other failure one line naming <paramref name="what"/> the command was doing — never a stack trace.
    /// </summary>
    public async Task<int> RunAsync(Func<Task<int>> body, string what = "the command")
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (RampException e)
        {
            ReportFailure(e);
            return e.ExitCode;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            ReportFailure(new RampException($"{what}: {e.Message}"));
            return ExitCodes.Error;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            ReportFailure(new RampException($"{what} failed unexpectedly ({e.GetType().Name}): {e.Message}"));
            return ExitCodes.Error;
        }
    }

    /// <summary>A refusal of the release model becomes exit code 2 with its reason; null (a gate that passed) goes on.</summary>
    private static void ThrowIfRefused(MovePlan? decision)
    {
        if (decision is { Refusal: { } reason })
        {
            throw new RampRefusedException(reason, decision.EarliestAt);
        }
    }

    /// <summary>The change the release model decided, or its refusal as exit code 2.</summary>
    private static PlannedChange Decided(MovePlan decision)
    {
        ThrowIfRefused(decision);
        return decision.Change ?? throw new InvalidOperationException("the release model decided there is nothing to change");
    }

    /// <summary>
    /// Reads the stack file, refusing one with uncommitted changes (unless --allow-dirty) — except, for the
    /// emergency path, when every uncommitted change is one the ramp itself makes (an unfinished move whose
    /// <c>pulumi up</c> failed): a rollback must never be blocked by the tool's own leftover edit.
    /// </summary>
    private async Task<StackState> LoadAsync(CommandOptions options, CancellationToken cancellationToken, bool allowRampOwnChanges = false)
    {
        var state = StackState.Load(_services.Directory, options.Stack, Now);
        if (!options.AllowDirty)
        {
            var status = await _services.Git.StatusPorcelainAsync(state.FileName, cancellationToken).ConfigureAwait(false);
            if (status.Length > 0)
            {
                if (allowRampOwnChanges && await RampOwnChangesAsync(state, cancellationToken).ConfigureAwait(false) is { } keys)
                {
                    Out.MarkupLineInterpolated($"[yellow]{state.FileName} has uncommitted changes, all of them the ramp's own ({string.Join(", ", keys)}): an earlier move that was not applied; going ahead.[/]");
                    return state;
                }

                throw new RampException(
                    $"{state.FileName} has uncommitted changes ({status}); commit or stash them first so that every change the ramp makes is reviewable, or pass --allow-dirty.");
            }
        }

        return state;
    }

    /// <summary>The keys that differ from the committed file when all of them are the ramp's own; null otherwise.</summary>
    private async Task<IReadOnlyList<string>?> RampOwnChangesAsync(StackState state, CancellationToken cancellationToken)
    {
        if (await _services.Git.CommittedTextAsync(state.FileName, cancellationToken).ConfigureAwait(false) is not { } committedText)
        {
            return null;
        }

        StackFile committed;
        try
        {
            committed = StackFile.Parse(state.Path, state.Stack, committedText);
        }
        catch (StackFileException)
        {
            return null;
        }

        var keys = committed.Config.Keys.Union(state.File.Config.Keys)
            .Where(k => committed.Config.GetValueOrDefault(k) != state.File.Config.GetValueOrDefault(k))
            .ToList();
        var owned = MoveTable.KeysWritten.Select(ConfigKeys.Full).ToHashSet(StringComparer.Ordinal);
        return keys.Count > 0 && keys.All(owned.Contains) && state.Text.Length > 0 ? keys : null;
    }

    /// <summary>
    /// The change applied to the file's text and read back as the stack will read it, once per move: the gates,
    /// the dry run's preview and the write all use this one proposal. Invalid, it is refused before anything is written.
    /// </summary>
    private Proposal Propose(StackState state, PlannedChange change)
    {
        string text;
        IReadOnlyList<LineChange> lines;
        try
        {
            (text, lines) = StackFileEditor.Apply(state.Path, state.Text, change.Edits);
        }
        catch (StackFileException e)
        {
            throw new RampException(e.Message);
        }

        var proposed = StackState.FromText(state.Stack, state.Path, text, Now, "The change would make the config invalid, so nothing was written. ");
        return new Proposal(change, proposed, lines);
    }

    /// <summary>A planned change as the file would be after it.</summary>
    /// <param name="Change">The release model's change.</param>
    /// <param name="Proposed">The edited file, read and validated.</param>
    /// <param name="Lines">The lines it changes, for the operator.</param>
    private sealed record Proposal(PlannedChange Change, StackState Proposed, IReadOnlyList<LineChange> Lines)
    {
        public string Text => Proposed.Text;
    }

    /// <summary>Shows the change line by line, as it will be in the file.</summary>
    private void WriteChange(StackState state, PlannedChange change, IReadOnlyList<LineChange> lines)
    {
        Out.MarkupLineInterpolated($"[bold]{change.Summary}[/]");
        foreach (var line in lines)
        {
            var at = Esc($"{state.FileName}:{line.Line}");
            if (line.Before is not null)
            {
                Out.MarkupLineInterpolated($"  {at}  [red]- {line.Before.Trim()}[/]");
            }

            Out.MarkupLineInterpolated($"  {at}  [green]+ {line.After.Trim()}[/]");
        }
    }

    /// <summary>--dry-run: the offline preview of the edited file; nothing written, no pulumi.</summary>
    private async Task<int> DryRunAsync(StackState state, Proposal proposal, CancellationToken cancellationToken)
    {
        var preview = await _services.OfflinePreview.PreviewAsync(state.File, proposal.Proposed.File, cancellationToken).ConfigureAwait(false);
        Out.Profile.Out.Writer.WriteLine(preview); // as it is: the console would wrap URNs and paths at its width
        Out.MarkupLineInterpolated($"[yellow]Dry run: {state.FileName} was not written and pulumi was not run.[/]");
        return ExitCodes.Ok;
    }

    private async Task<int> ChangeAsync(CommandOptions options, StackState state, Proposal proposal, bool autoApply, CancellationToken cancellationToken)
    {
        var text = proposal.Text;
        WriteChange(state, proposal.Change, proposal.Lines);
        if (options.DryRun)
        {
            return await DryRunAsync(state, proposal, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await _services.Pulumi.VersionAsync(cancellationToken).ConfigureAwait(false); // installed? before writing anything
        }
        catch (RampException e)
        {
            throw new RampException($"{e.Message} Nothing was written (--dry-run shows the change without pulumi).", e.ExitCode, e.Detail);
        }

        Write(state.Path, text);
        Out.MarkupLineInterpolated($"Wrote {state.FileName}. Running pulumi preview --diff --stack {state.Stack} ...");
        string previewOutput;
        try
        {
            previewOutput = await _services.Pulumi.PreviewAsync(state.Stack, cancellationToken).ConfigureAwait(false);
        }
        catch (RampException e)
        {
            Write(state.Path, state.Text);
            throw new RampException($"{e.Message} {state.FileName} was restored to what it was.", e.ExitCode, e.Detail);
        }

        Out.WriteLine(previewOutput.TrimEnd());
        var apply = options.Yes || autoApply;
        if (!apply)
        {
            if (!_services.Confirmation.CanAsk)
            {
                Out.MarkupLineInterpolated($"[yellow]Not applied[/] (no terminal to confirm on). {state.FileName} holds the change: commit it for review and apply with 'pulumi up --stack {state.Stack}', or rerun with --yes.");
                return ExitCodes.Ok;
            }

            apply = _services.Confirmation.Ask($"Apply this to {state.Stack} with pulumi up?");
            if (!apply)
            {
                Out.MarkupLineInterpolated($"[yellow]Not applied.[/] {state.FileName} holds the change; apply it later with 'pulumi up --stack {state.Stack}'.");
                return ExitCodes.Ok;
            }
        }

        Out.MarkupLineInterpolated($"Running pulumi up --yes --stack {state.Stack} ...");
        string upOutput;
        try
        {
            upOutput = await _services.Pulumi.UpAsync(state.Stack, cancellationToken).ConfigureAwait(false);
        }
        catch (RampException e)
        {
            throw new RampException(
                $"{e.Message} {state.FileName} keeps the new config; fix the cause and run 'pulumi up --stack {state.Stack}', or 'rollback'.",
                e.ExitCode,
                e.Detail);
        }

        Out.WriteLine(upOutput.TrimEnd());
        Out.MarkupLineInterpolated($"[green]Applied:[/] {proposal.Change.Summary}");
        return ExitCodes.Ok;
    }

    private static void Write(string path, string text)
    {
        try
        {
            StackFileText.Write(path, text);
        }
        catch (StackFileException e)
        {
            throw new RampException(e.Message);
        }
    }

    private void ReportFailure(RampException e)
    {
        Out.MarkupLineInterpolated(e is RampRefusedException ? (FormattableString)$"[yellow]Refused:[/] {e.Message}" : $"[red]Error:[/] {e.Message}");
        if (e is RampRefusedException { EarliestAt: { } at })
        {
            Out.MarkupLineInterpolated($"  It may go ahead at {UtcTimestamp.Format(at)} ({Left(at, Now)} from now).");
        }

        if (!string.IsNullOrWhiteSpace(e.Detail))
        {
            foreach (var line in e.Detail.Split('\n'))
            {
                Out.MarkupLineInterpolated($"  {line.TrimEnd('\r')}");
            }
        }
    }

    private static string Esc(string text) => Markup.Escape(text);


    private static string Whole(TimeSpan span) => DurationText.Format(TimeSpan.FromSeconds(Math.Floor(Math.Max(0, span.TotalSeconds))));

    private static string Ago(DateTimeOffset at, DateTimeOffset now) => now >= at ? $"{Whole(now - at)} ago" : $"in {Whole(at - now)}";

    private static string Left(DateTimeOffset at, DateTimeOffset now) => Whole(at - now);

    private static string When(DateTimeOffset at, DateTimeOffset now) =>
        at <= now ? "now" : $"+{Whole(at - now)} ({at.ToUniversalTime().ToString(at.Date == now.Date ? "HH:mm'Z'" : "MM-dd HH:mm'Z'", CultureInfo.InvariantCulture)})";
}
