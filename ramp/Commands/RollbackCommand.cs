using BlueGreen.Ramp.Tools;
using BlueGreen.Release;
using Spectre.Console;

namespace BlueGreen.Ramp;

/// <summary>The ramp CLI's rollback: the emergency path, the listener alone, judged against the live listener.</summary>
public sealed partial class RampApp
{
    /// <summary>
    /// The emergency path: the rollback's edit, applied to the HTTPS listener alone (<c>pulumi up --target</c>),
    /// with no whole-stack preview to fail; idempotent against the live listener, not the file.
    /// </summary>
    public async Task<int> RollbackAsync(CommandOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var state = await LoadAsync(options, cancellationToken, allowRampOwnChanges: true).ConfigureAwait(false);
        var record = options.DryRun ? null : await ReadAutomaticRollbackAsync(state, cancellationToken).ConfigureAwait(false);
        var decision = ReleaseMoves.Rollback(state.Settings, Now, record);
        ThrowIfRefused(decision);
        if (decision.Change is null)
        {
            // The file already says "rolled back": only the live listener can say whether it is.
            var live = options.DryRun ? null : await ReadLiveWeightsAsync(state, cancellationToken).ConfigureAwait(false);
            if (live is not null && Matches(state.Settings, live))
            {
                Out.MarkupLineInterpolated($"Nothing to roll back: the live listener already sends all weighted traffic to {state.Settings.Release.Live.ConfigName()}.");
                return ExitCodes.Ok;
            }

            if (options.DryRun)
            {
                Out.MarkupLineInterpolated($"{state.FileName} is already rolled back; without --dry-run the listener is read back from AWS and applied if it differs.");
                return ExitCodes.Ok;
            }

            Out.MarkupLineInterpolated(live is null
                ? (FormattableString)$"{state.FileName} is already rolled back, but the live listener could not be read here: applying the listener to be sure."
                : $"[yellow]{state.FileName} is rolled back but the live listener is not ({Describe(live)}):[/] applying the listener.");
            return await EmergencyApplyAsync(state, rolledBack: state, changed: false, cancellationToken).ConfigureAwait(false);
        }

        var proposal = Propose(state, decision.Change);
        WriteChange(state, proposal.Change, proposal.Lines);
        if (options.DryRun)
        {
            return await DryRunAsync(state, proposal, cancellationToken).ConfigureAwait(false);
        }

        return await EmergencyApplyAsync(state, rolledBack: proposal.Proposed, changed: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>How many times a throttled <c>pulumi up</c> is tried, and the first wait between tries (doubling).</summary>
    private const int EmergencyAttempts = 4;

    private static readonly TimeSpan EmergencyBackoff = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Writes the rolled-back file and applies the listener alone, retrying throttling with backoff; then
    /// reads the listener back. Exits 1 naming the drift when the result cannot be confirmed.
    /// </summary>
    private async Task<int> EmergencyApplyAsync(StackState state, StackState rolledBack, bool changed, CancellationToken cancellationToken)
    {
        await _services.Pulumi.VersionAsync(cancellationToken).ConfigureAwait(false); // installed? before writing anything
        if (changed)
        {
            Write(state.Path, rolledBack.Text);
        }

        var urn = StackContract.ListenerUrn(state.Stack, state.Settings.App.Name);
        var wait = EmergencyBackoff;
        for (var attempt = 1; ; attempt++)
        {
            Out.MarkupLineInterpolated($"Running pulumi up --yes --stack {state.Stack} --target {urn} (attempt {attempt} of {EmergencyAttempts}) ...");
            try
            {
                var output = await _services.Pulumi.UpTargetAsync(state.Stack, urn, cancellationToken).ConfigureAwait(false);
                Out.WriteLine(output.TrimEnd());
                break;
            }
            catch (ToolFailedException e) when (IsThrottling(e) && attempt < EmergencyAttempts)
            {
                Out.MarkupLineInterpolated($"[yellow]Throttled by AWS:[/] {FirstLine(e.Detail)}; trying again in {DurationText.Format(wait)}.");
                await _services.Sleeper.SleepAsync(wait, cancellationToken).ConfigureAwait(false);
                wait += wait;
            }
            catch (RampException e)
            {
                throw new RampException(
                    $"{e.Message} The listener may still send traffic to the colour being rolled back. {state.FileName} holds the rolled-back config: " +
                    $"run 'ramp rollback --stack {state.Stack}' again (it reads the live listener), or 'pulumi up --stack {state.Stack} --target {urn}'.",
                    e.ExitCode,
                    e.Detail);
            }
        }

        var live = await ReadLiveWeightsAsync(state, cancellationToken).ConfigureAwait(false);
        var settings = rolledBack.Settings;
        if (live is not null && !Matches(settings, live))
        {
            throw new RampException(
                $"pulumi up finished, but the live listener does not match {state.FileName}: {Describe(live)}. Nothing confirms the rollback; " +
                $"check the listener in the AWS console and run 'ramp rollback --stack {state.Stack}' again.");
        }

        Out.MarkupLineInterpolated(live is null
            ? (FormattableString)$"[green]Applied[/] (the listener's weights could not be read back here; pulumi reported success)."
            : $"[green]Rolled back:[/] the live listener sends all weighted traffic to {settings.Release.Live.ConfigName()}.");
        Out.MarkupLineInterpolated(changed
            ? (FormattableString)$"Now commit the change so that the next apply keeps it: git add {state.FileName} && git commit -m \"Roll back {state.Stack}\" (then a pull request, as for any step)."
            : $"The stack file already said so; nothing to commit.");
        return ExitCodes.Ok;
    }

    private static bool IsThrottling(ToolFailedException e) =>
        e.Detail is { } detail && (detail.Contains("Throttling", StringComparison.OrdinalIgnoreCase)
                                   || detail.Contains("Rate exceeded", StringComparison.OrdinalIgnoreCase)
                                   || detail.Contains("TooManyRequests", StringComparison.OrdinalIgnoreCase));

    private static string FirstLine(string? text) => (text ?? "").Split('\n')[0].Trim();

    /// <summary>The live listener's weights by colour, or null when they cannot be read here (no credentials, no outputs).</summary>
    private async Task<IReadOnlyDictionary<Colour, int>?> ReadLiveWeightsAsync(StackState state, CancellationToken cancellationToken)
    {
        try
        {
            if (!await _services.Aws.HasCredentialsAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            var outputs = await _services.Pulumi.StackOutputsAsync(state.Stack, cancellationToken).ConfigureAwait(false);
            if (outputs.ListenerArn is not { } listenerArn)
            {
                return null;
            }

            var targets = await _services.Aws.DescribeListenerWeightsAsync(listenerArn, cancellationToken).ConfigureAwait(false);
            return Colours.All.ToDictionary(
                c => c,
                c => outputs.TargetGroupArns.GetValueOrDefault(c) is { } arn ? targets.FirstOrDefault(t => t.TargetGroupArn == arn)?.Weight ?? 0 : 0);
        }
        catch (RampException)
        {
            return null;
        }
    }

    private static bool Matches(StackSettings settings, IReadOnlyDictionary<Colour, int> live) =>
        Colours.All.All(c => settings.Split.SendsSameTraffic(c, live.GetValueOrDefault(c)));

    private static string Describe(IReadOnlyDictionary<Colour, int> live) =>
        string.Join(", ", Colours.All.Select(c => $"{c.ConfigName()} {live.GetValueOrDefault(c)} %"));
}
