namespace BlueGreen.Ramp.Tools;

/// <summary>Git, as the ramp uses it: is the stack file committed?</summary>
public interface IGit
{
    /// <summary><c>git status --porcelain -- PATH</c>: empty when the file has no uncommitted changes.</summary>
    /// <exception cref="ToolMissingException">git is not installed.</exception>
    /// <exception cref="ToolFailedException">git failed (e.g. not a git work tree).</exception>
    Task<string> StatusPorcelainAsync(string path, CancellationToken cancellationToken = default);

    /// <summary><c>git show HEAD:PATH</c>: the file as last committed, or null when it is not committed.</summary>
    Task<string?> CommittedTextAsync(string path, CancellationToken cancellationToken = default);
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
}
