using System.Text.Json;
using System.Text.RegularExpressions;
using BlueGreen.Release;

namespace BlueGreen.Ramp.Tools;

/// <summary>GitHub, as <c>ramp advance</c> and <c>status</c> use it: the ramp's pull requests.</summary>
public interface IGitHub
{
    /// <summary>Whether gh could be authenticated here, told from local evidence alone (no process is started):
    /// <c>status</c> without credentials stays fast and says "not read".</summary>
    bool HasCredentials { get; }

    /// <summary>The open pull requests whose head branch starts with <paramref name="branchPrefix"/>.</summary>
    /// <exception cref="ToolMissingException">gh is not installed.</exception>
    /// <exception cref="ToolFailedException">gh failed (not authenticated, no network).</exception>
    Task<IReadOnlyList<RampProposal>> OpenAsync(string branchPrefix, CancellationToken cancellationToken = default);

    /// <summary>Every pull request (open, merged or closed) from <paramref name="branch"/>.</summary>
    Task<IReadOnlyList<RampProposal>> OfBranchAsync(string branch, CancellationToken cancellationToken = default);

    /// <summary><c>gh pr create</c> from the pushed <paramref name="branch"/> into the default branch.</summary>
    Task<RampProposal> CreateAsync(string branch, string title, string body, CancellationToken cancellationToken = default);

    /// <summary><c>gh pr merge --auto --squash</c>: GitHub merges it once the branch's requirements are met.</summary>
    Task EnableAutoMergeAsync(RampProposal proposal, CancellationToken cancellationToken = default);
}

/// <summary>
/// GitHub through the gh CLI (cli.github.com/manual: <c>gh pr list --head --state --json</c> (default <c>--limit</c> 30, so
/// one is always given), whose <c>state</c> is
/// OPEN, CLOSED or MERGED; <c>gh pr create</c>, which prints the new pull request's URL; <c>gh pr merge --auto</c>,
/// which enables auto-merge when the requirements are not yet met). gh finds the repository from the git remote
/// of the working directory and its token in GH_TOKEN or GITHUB_TOKEN.
/// </summary>
public sealed partial class GitHubCli(IProcessRunner runner, Func<string, string?>? environment = null, Func<string, bool>? fileExists = null) : IGitHub
{
    private const string Tool = "gh";
    private const string Fields = "number,url,headRefName,state,isCrossRepository";

    /// <summary>gh's own sources (gh help environment): GH_TOKEN, GITHUB_TOKEN (or the enterprise ones), or a login
    /// stored in hosts.yml of its config folder (GH_CONFIG_DIR, XDG_CONFIG_HOME/gh, ~/.config/gh).</summary>
    public bool HasCredentials
    {
        get
        {
            var env = environment ?? Environment.GetEnvironmentVariable;
            if (new[] { "GH_TOKEN", "GITHUB_TOKEN", "GH_ENTERPRISE_TOKEN", "GITHUB_ENTERPRISE_TOKEN" }.Any(v => !string.IsNullOrEmpty(env(v))))
            {
                return true;
            }

            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            var folder = env("GH_CONFIG_DIR")
                ?? (env("XDG_CONFIG_HOME") is { Length: > 0 } xdg ? Path.Combine(xdg, "gh") : Path.Combine(home, ".config", "gh"));
            return (fileExists ?? File.Exists)(Path.Combine(folder, "hosts.yml"));
        }
    }

    public async Task<IReadOnlyList<RampProposal>> OpenAsync(string branchPrefix, CancellationToken cancellationToken = default) =>
        [.. (await ListAsync(["pr", "list", "--state", "open", "--limit", "500", "--json", Fields], cancellationToken).ConfigureAwait(false))
            .Where(p => p.Branch.StartsWith(branchPrefix, StringComparison.Ordinal))];

    public Task<IReadOnlyList<RampProposal>> OfBranchAsync(string branch, CancellationToken cancellationToken = default) =>
        ListAsync(["pr", "list", "--state", "all", "--head", branch, "--limit", "100", "--json", Fields], cancellationToken);

    public async Task<RampProposal> CreateAsync(string branch, string title, string body, CancellationToken cancellationToken = default)
    {
        // The body goes through a file: a preview can be longer than one command-line argument may be.
        var bodyFile = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(bodyFile, body, cancellationToken).ConfigureAwait(false);
            string[] arguments = ["pr", "create", "--head", branch, "--title", title, "--body-file", bodyFile];
            var output = await RunAsync(arguments, cancellationToken).ConfigureAwait(false);
            var url = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault(l => l.StartsWith("https://", StringComparison.Ordinal));
            return url is not null && PullNumber().Match(url) is { Success: true } m
                ? new RampProposal(int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), url, branch, ProposalState.Open)
                : throw new RampException($"'gh pr create' did not print the new pull request's URL: {output.Trim()}");
        }
        finally
        {
            File.Delete(bodyFile);
        }
    }

    public async Task EnableAutoMergeAsync(RampProposal proposal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        await RunAsync(["pr", "merge", proposal.Url, "--auto", "--squash"], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads <c>gh pr list --json number,url,headRefName,state,isCrossRepository</c>, leaving out pull requests from
    /// forks: gh's <c>--head</c> matches the branch name in any repository (GraphQL <c>pullRequests(headRefName:)</c>), and
    /// the ramp's proposals are pushed to origin, so a fork's branch of the same name is never one of them.</summary>
    public static IReadOnlyList<RampProposal> ParseList(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return [.. document.RootElement.EnumerateArray().Where(e => !e.GetProperty("isCrossRepository").GetBoolean()).Select(e => new RampProposal(
                e.GetProperty("number").GetInt32(),
                e.GetProperty("url").GetString() ?? "",
                e.GetProperty("headRefName").GetString() ?? "",
                e.GetProperty("state").GetString() switch
                {
                    "OPEN" => ProposalState.Open,
                    "MERGED" => ProposalState.Merged,
                    _ => ProposalState.ClosedUnmerged,
                }))];
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            throw new RampException($"'gh pr list --json {Fields}' printed what is not a list of pull requests ({e.Message}).");
        }
    }

    private async Task<IReadOnlyList<RampProposal>> ListAsync(string[] arguments, CancellationToken cancellationToken) =>
        ParseList(await RunAsync(arguments, cancellationToken).ConfigureAwait(false));

    private async Task<string> RunAsync(string[] arguments, CancellationToken cancellationToken)
    {
        var result = await runner.RunAsync(Tool, arguments, cancellationToken).ConfigureAwait(false);
        return result.Succeeded ? result.StandardOutput : throw new ToolFailedException(Tool, arguments, result);
    }

    [GeneratedRegex(@"/pull/(\d+)")]
    private static partial Regex PullNumber();
}

/// <summary>No GitHub client (services made without one): nothing is read, and a proposal cannot be opened.</summary>
public sealed class NoGitHub : IGitHub
{
    public static NoGitHub Instance { get; } = new();

    public bool HasCredentials => false;

    public Task<IReadOnlyList<RampProposal>> OpenAsync(string branchPrefix, CancellationToken cancellationToken = default) => throw Missing();

    public Task<IReadOnlyList<RampProposal>> OfBranchAsync(string branch, CancellationToken cancellationToken = default) => throw Missing();

    public Task<RampProposal> CreateAsync(string branch, string title, string body, CancellationToken cancellationToken = default) => throw Missing();

    public Task EnableAutoMergeAsync(RampProposal proposal, CancellationToken cancellationToken = default) => throw Missing();

    private static RampException Missing() => new("no GitHub client is configured for this run.");
}
