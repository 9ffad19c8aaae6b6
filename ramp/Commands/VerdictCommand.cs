using BlueGreen.Release;
using BlueGreen.Release.StackFiles;

namespace BlueGreen.Ramp;

/// <summary>What <c>ramp verdict</c> was asked for.</summary>
/// <param name="Stack">The stack whose file (the pull request's) is judged.</param>
/// <param name="BaseFile">The base branch's stack file (as <c>ramp preview --from</c>): offline, what is taken as
/// deployed; live, what the deployed state is compared with. Null when the base has no such file.</param>
/// <param name="Live">Read what is really deployed and the gates' live evidence, as <c>ramp verify</c> does.</param>
/// <param name="Markdown">A block for the top of the pull-request comment and job summary, instead of text.</param>
/// <param name="OutputPath">Write the verdict to this file instead of standard output.</param>
/// <param name="Annotate">Also print a GitHub workflow command (an error or warning annotation) on standard output.</param>
public sealed record VerdictRequest(string Stack, string? BaseFile, bool Live, bool Markdown, string? OutputPath, bool Annotate);

/// <summary>
/// <c>ramp verdict</c>: the stack file of a pull request judged as a move, before it is merged, with the plans and
/// gates <c>ramp verify</c> applies (<see cref="MoveVerdict"/>). Offline it reads nothing live (no pulumi, no aws):
/// the base branch's file stands for what is deployed and the gates that need the live state are "not read".
/// With <c>--live</c> it judges against what is deployed, exactly as verify does, and says when that moved since the
/// base file. Exit 0 passes (perhaps with forced gates), 2 refuses, 1 is an error (e.g. an unreadable base file).
/// </summary>
public sealed partial class RampApp
{
    public async Task<int> VerdictAsync(VerdictRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.OutputPath is { } outPath)
        {
            PreviewCommand.RequireOutFolder(outPath);
        }

        var baseDeployed = request.BaseFile is { } basePath ? DeployedRamp.AsApplied(ReadBase(request.Stack, basePath).Settings) : null;
        var (state, invalid) = ReadProposed(request.Stack);
        var view = state is not null
            ? await JudgeAsync(request, state, baseDeployed, cancellationToken).ConfigureAwait(false)
            : new VerdictView(request.Stack, request.Live, "the stack file is not valid", invalid, null, [], null, null);

        var report = request.Markdown ? VerdictReport.Markdown(view) : VerdictReport.Text(view);
        var plain = Out.Profile.Out.Writer; // as it is: the console would wrap long lines
        if (request.OutputPath is { } path)
        {
            await File.WriteAllTextAsync(path, report, cancellationToken).ConfigureAwait(false);
            plain.WriteLine(VerdictReport.FirstLine(view, markdown: false));
            plain.WriteLine($"Wrote {path}.");
        }
        else
        {
            plain.Write(report);
        }

        if (request.Annotate)
        {
            foreach (var line in VerdictReport.Annotations(view))
            {
                plain.WriteLine(line);
            }
        }

        return view.Refusal is null ? ExitCodes.Ok : ExitCodes.Refused;
    }

    private async Task<VerdictView> JudgeAsync(VerdictRequest request, StackState state, DeployedRamp? baseDeployed, CancellationToken cancellationToken)
    {
        if (!request.Live)
        {
            var offline = MoveVerdict.Of(state.Settings, baseDeployed, evidence: null, Now);
            return VerdictView.Of(request.Stack, offline, live: false, moved: null);
        }

        var (deployed, verdict) = await JudgeLiveAsync(state, cancellationToken).ConfigureAwait(false);
        var moved = request.BaseFile is null ? null : DeployedRamp.Moved(baseDeployed, deployed);
        return VerdictView.Of(request.Stack, verdict, live: true, moved);
    }

    /// <summary>The pull request's file, or why it is not valid (every problem, with file:line and key): a refusal.</summary>
    private (StackState? State, string? Invalid) ReadProposed(string stack)
    {
        var path = StackFile.PathOf(_services.Directory, stack);
        if (!File.Exists(path))
        {
            throw new RampException($"{path}: no such stack file; is '{stack}' the right stack and the current directory the repo root?");
        }

        try
        {
            return (StackState.Load(_services.Directory, stack, Now), null);
        }
        catch (RampException e)
        {
            // Named as in the repository (Pulumi.prod.yaml:21), not by the runner's absolute path.
            var problems = e.Detail is { } detail ? $"{e.Message}:{Environment.NewLine}{detail}" : e.Message;
            return (null, problems.Replace(path, Path.GetFileName(path), StringComparison.Ordinal));
        }
    }

    /// <summary>The base branch's file: it must be readable and valid, or there is nothing to judge against (exit 1).</summary>
    private StackState ReadBase(string stack, string path)
    {
        string text;
        try
        {
            text = StackFileText.Read(path);
        }
        catch (StackFileException e)
        {
            throw new RampException($"--base {e.Message}");
        }

        return StackState.FromText(stack, path, text, Now, "--base: ");
    }
}
