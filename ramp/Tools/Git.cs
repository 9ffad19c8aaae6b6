namespace BlueGreen.Ramp.Tools;

/// <summary>Git, as the ramp uses it: is the stack file committed? and, for <c>ramp advance</c>, a proposal's branch.</summary>
public interface IGit
{
    /// <summary><c>git status --porcelain -- PATH</c>: empty when the file has no uncommitted changes.</summary>
    /// <exception cref="ToolMissingException">git is not installed.</exception>
    /// <exception cref="ToolFailedException">git failed (e.g. not a git work tree).</exception>
    Task<string> StatusPorcelainAsync(string path, CancellationToken cancellationToken = default);

    /// <summary><c>git show HEAD:PATH</c>: the file as last committed, or null when it is not committed.</summary>
    Task<string?> CommittedTextAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>
    /// Commits <paramref name="text"/> as the file <paramref name="path"/> on a new branch <paramref name="branch"/> made
    /// from HEAD, in a temporary worktree (the checkout is not touched), and pushes it to origin; the local branch
    /// and worktree are removed again. On failure nothing is left on origin.
    /// </summary>
    Task PushBranchAsync(string branch, string path, string text, string message, CancellationToken cancellationToken = default);

    /// <summary><c>git push origin --delete BRANCH</c>: takes back a pushed branch whose pull request could not be opened.</summary>
    Task DeleteRemoteBranchAsync(string branch, CancellationToken cancellationToken = default);
}

/// <summary>Git through the process runner, in the repo root.</summary>
public sealed class Git(IProcessRunner runner) : IGit
{
    public async Task<string> StatusPorcelainAsync(string path, CancellationToken cancellationToken = default)
    {
        string[] arguments = ["status", "--porcelain", "--", path];
        var result = await runner.RunAsync("git", arguments, cancellationToken).ConfigureAwait(false);
        return result.Succeeded ? result.StandardOutput.TrimEnd() : throw new ToolFailedException("git", arguments, result);
    }

    public async Task<string?> CommittedTextAsync(string path, CancellationToken cancellationToken = default)
    {
        var result = await runner.RunAsync("git", ["show", $"HEAD:./{path}"], cancellationToken).ConfigureAwait(false);
        return result.Succeeded ? result.StandardOutput : null;
    }

    public async Task PushBranchAsync(string branch, string path, string text, string message, CancellationToken cancellationToken = default)
    {
        var worktree = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ramp-" + Guid.NewGuid().ToString("N"));
        await RunAsync(["worktree", "add", "--quiet", "-b", branch, worktree, "HEAD"], cancellationToken).ConfigureAwait(false);
        try
        {
            var file = System.IO.Path.Combine(worktree, path);
            try
            {
                BlueGreen.Release.StackFiles.StackFileText.Write(file, text);
            }
            catch (BlueGreen.Release.StackFiles.StackFileException e)
            {
                throw new RampException(e.Message);
            }

            await RunAsync(["-C", worktree, "commit", "--quiet", "-m", message, "--", path], cancellationToken).ConfigureAwait(false);
            await RunAsync(["-C", worktree, "push", "--quiet", "origin", $"HEAD:refs/heads/{branch}"], cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await runner.RunAsync("git", ["worktree", "remove", "--force", worktree], CancellationToken.None).ConfigureAwait(false);
            await runner.RunAsync("git", ["branch", "-D", branch], CancellationToken.None).ConfigureAwait(false);
        }
    }

    public Task DeleteRemoteBranchAsync(string branch, CancellationToken cancellationToken = default) =>
        RunAsync(["push", "--quiet", "origin", "--delete", branch], cancellationToken);

    private async Task RunAsync(string[] arguments, CancellationToken cancellationToken)
    {
        var result = await runner.RunAsync("git", arguments, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new ToolFailedException("git", arguments, result);
        }
    }
}
