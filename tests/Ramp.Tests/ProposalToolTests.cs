using BlueGreen.Ramp.Tools;
using BlueGreen.Release;
using Moq;

namespace BlueGreen.Ramp.Tests;

/// <summary>
/// The tools of <c>ramp advance</c>: gh with the arguments its manual documents (cli.github.com/manual/gh_pr_list,
/// gh_pr_create, gh_pr_merge) and its JSON (state OPEN, CLOSED or MERGED), and a real git pushing a proposal's branch
/// to a real (bare) origin.
/// </summary>
public class ProposalToolTests
{
    private static Mock<IProcessRunner> Runner(ProcessResult result)
    {
        var runner = new Mock<IProcessRunner>();
        runner.Setup(r => r.RunAsync(It.IsAny<string>(), It.IsAny<IReadOnlyList<string>>(), It.IsAny<CancellationToken>())).ReturnsAsync(result);
        return runner;
    }

    [Fact]
    public async Task Gh_lists_open_ramp_pull_requests_of_the_stack_only_and_reads_their_state()
    {
        const string json = """
            [{"headRefName":"ramp/prod/1.6.0-step-2","isCrossRepository":false,"number":12,"state":"OPEN","url":"https://github.com/acme/shop/pull/12"},
             {"headRefName":"feature/login","isCrossRepository":false,"number":13,"state":"OPEN","url":"https://github.com/acme/shop/pull/13"},
             {"headRefName":"ramp/staging/1.6.0-step-2","isCrossRepository":false,"number":14,"state":"OPEN","url":"https://github.com/acme/shop/pull/14"}]
            """;
        var runner = Runner(new ProcessResult(0, json, ""));

        var open = await new GitHubCli(runner.Object).OpenAsync("ramp/prod/");

        Assert.Equal([new RampProposal(12, "https://github.com/acme/shop/pull/12", "ramp/prod/1.6.0-step-2", ProposalState.Open)], open);
        runner.Verify(r => r.RunAsync("gh", It.Is<IReadOnlyList<string>>(a => a.SequenceEqual(new[] { "pr", "list", "--state", "open", "--limit", "500", "--json", "number,url,headRefName,state,isCrossRepository" })), It.IsAny<CancellationToken>()));
    }

    [Fact]
    public async Task Gh_tells_a_closed_unmerged_pull_request_from_a_merged_one()
    {
        const string json = """
            [{"headRefName":"ramp/prod/1.6.0-step-2","isCrossRepository":false,"number":12,"state":"CLOSED","url":"u12"},
             {"headRefName":"ramp/prod/1.6.0-step-2","isCrossRepository":false,"number":10,"state":"MERGED","url":"u10"}]
            """;
        var runner = Runner(new ProcessResult(0, json, ""));

        var all = await new GitHubCli(runner.Object).OfBranchAsync("ramp/prod/1.6.0-step-2");

        Assert.Equal([ProposalState.ClosedUnmerged, ProposalState.Merged], all.Select(p => p.State));
        runner.Verify(r => r.RunAsync("gh", It.Is<IReadOnlyList<string>>(a => a.Take(6).SequenceEqual(new[] { "pr", "list", "--state", "all", "--head", "ramp/prod/1.6.0-step-2" })), It.IsAny<CancellationToken>()));
    }

    /// <summary>gh's <c>--head</c> filter is GraphQL's <c>pullRequests(headRefName:)</c> (cli/cli pkg/cmd/pr/list/http.go),
    /// which matches the branch name in any repository: a fork's pull request from a branch of the same name is listed
    /// too (<c>isCrossRepository</c> true, api/query_builder.go). The ramp pushes its branches to origin, so a fork's
    /// is never one of its proposals: it must neither hold the stack (open) nor stop a step (closed unmerged).</summary>
    [Fact]
    public async Task A_forks_pull_request_from_a_branch_of_the_same_name_is_not_a_ramp_proposal()
    {
        const string json = """
            [{"headRefName":"ramp/prod/1.6.0-step-2","isCrossRepository":true,"number":30,"state":"OPEN","url":"https://github.com/acme/shop/pull/30"},
             {"headRefName":"ramp/prod/1.6.0-step-2","isCrossRepository":true,"number":31,"state":"CLOSED","url":"https://github.com/acme/shop/pull/31"},
             {"headRefName":"ramp/prod/1.6.0-step-2","isCrossRepository":false,"number":12,"state":"MERGED","url":"https://github.com/acme/shop/pull/12"}]
            """;
        const string open = """
            [{"headRefName":"ramp/prod/1.6.0-step-3","isCrossRepository":true,"number":32,"state":"OPEN","url":"https://github.com/acme/shop/pull/32"}]
            """;

        Assert.Empty(await new GitHubCli(Runner(new ProcessResult(0, open, "")).Object).OpenAsync("ramp/prod/"));
        Assert.Equal([12], (await new GitHubCli(Runner(new ProcessResult(0, json, "")).Object).OfBranchAsync("ramp/prod/1.6.0-step-2")).Select(p => p.Number));
    }

    [Fact]
    public async Task Gh_creates_the_pull_request_from_a_body_file_and_reads_its_url_and_enables_auto_merge_with_squash()
    {
        var runner = new Mock<IProcessRunner>();
        string? body = null;
        runner.Setup(r => r.RunAsync("gh", It.Is<IReadOnlyList<string>>(a => a[1] == "create"), It.IsAny<CancellationToken>()))
            .Callback((string _, IReadOnlyList<string> a, CancellationToken _) => body = File.ReadAllText(a[a.Count - 1]))
            .ReturnsAsync(new ProcessResult(0, "\nhttps://github.com/acme/shop/pull/77\n", ""));
        runner.Setup(r => r.RunAsync("gh", It.Is<IReadOnlyList<string>>(a => a[1] == "merge"), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ProcessResult(0, "", ""));
        var gh = new GitHubCli(runner.Object);

        var pr = await gh.CreateAsync("ramp/prod/1.6.0-step-2", "ramp prod: step 1 → 2 of 1.6.0", "the | body");
        await gh.EnableAutoMergeAsync(pr);

        Assert.Equal(new RampProposal(77, "https://github.com/acme/shop/pull/77", "ramp/prod/1.6.0-step-2", ProposalState.Open), pr);
        Assert.Equal("the | body", body);
        runner.Verify(r => r.RunAsync("gh", It.Is<IReadOnlyList<string>>(a => a.Take(6).SequenceEqual(new[] { "pr", "create", "--head", "ramp/prod/1.6.0-step-2", "--title", "ramp prod: step 1 → 2 of 1.6.0" }) && a[6] == "--body-file"), It.IsAny<CancellationToken>()));
        runner.Verify(r => r.RunAsync("gh", It.Is<IReadOnlyList<string>>(a => a.SequenceEqual(new[] { "pr", "merge", "https://github.com/acme/shop/pull/77", "--auto", "--squash" })), It.IsAny<CancellationToken>()));
    }

    [Fact]
    public async Task Gh_failing_or_printing_garbage_is_a_clear_error()
    {
        var failing = new GitHubCli(Runner(new ProcessResult(4, "", "To get started with GitHub CLI, please run:  gh auth login")).Object);
        var e = await Assert.ThrowsAsync<ToolFailedException>(() => failing.OpenAsync("ramp/prod/"));
        Assert.Contains("gh auth login", e.Detail, StringComparison.Ordinal);

        var garbage = new GitHubCli(Runner(new ProcessResult(0, "<html>", "")).Object);
        var g = await Assert.ThrowsAsync<RampException>(() => garbage.OpenAsync("ramp/prod/"));
        Assert.Contains("printed what is not a list of pull requests", g.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GH_TOKEN", null, true)]
    [InlineData("GITHUB_TOKEN", null, true)]
    [InlineData(null, "/cfg/gh/hosts.yml", true)]
    [InlineData(null, null, false)]
    public void Gh_credentials_are_told_without_starting_gh(string? variable, string? file, bool expected)
    {
        var runner = new Mock<IProcessRunner>(MockBehavior.Strict);
        var gh = new GitHubCli(runner.Object, v => v == variable ? "t" : v == "GH_CONFIG_DIR" ? "/cfg/gh" : null, f => f == file);

        Assert.Equal(expected, gh.HasCredentials);
    }

    [Fact]
    public async Task Git_pushes_one_commit_with_exactly_the_text_to_the_new_branch_and_leaves_the_checkout_alone()
    {
        var root = Directory.CreateTempSubdirectory("ramp-git-");
        try
        {
            var origin = Path.Combine(root.FullName, "origin.git");
            var work = Path.Combine(root.FullName, "work");
            await GitIn(root.FullName, "init", "-q", "--bare", "-b", "main", origin);
            await GitIn(root.FullName, "clone", "-q", origin, work);
            await GitIn(work, "config", "user.email", "ci@example.com");
            await GitIn(work, "config", "user.name", "ci");
            var before = "config:\n  bluegreen:ramp.step: 1\n  bluegreen:ramp.stepSetAt: \"2026-01-05T09:30:00Z\"\n";
            await File.WriteAllTextAsync(Path.Combine(work, "Pulumi.prod.yaml"), before);
            await GitIn(work, "add", "Pulumi.prod.yaml");
            await GitIn(work, "commit", "-qm", "base");
            await GitIn(work, "push", "-q", "origin", "main");
            var after = before.Replace("step: 1", "step: 2", StringComparison.Ordinal);

            await new Git(new ProcessRunner(work)).PushBranchAsync("ramp/prod/1.6.0-step-2", "Pulumi.prod.yaml", after, "ramp prod: step 1 → 2");

            Assert.Equal(after, await GitIn(origin, "show", "ramp/prod/1.6.0-step-2:Pulumi.prod.yaml"));
            Assert.Equal("1", (await GitIn(origin, "rev-list", "--count", "main..ramp/prod/1.6.0-step-2")).Trim());
            Assert.Equal("Pulumi.prod.yaml", (await GitIn(origin, "diff", "--name-only", "main", "ramp/prod/1.6.0-step-2")).Trim());
            Assert.Equal("ramp prod: step 1 → 2", (await GitIn(origin, "log", "-1", "--format=%s", "ramp/prod/1.6.0-step-2")).Trim());
            Assert.Equal(before, await File.ReadAllTextAsync(Path.Combine(work, "Pulumi.prod.yaml")));
            Assert.Equal("", (await GitIn(work, "status", "--porcelain")).Trim());
            Assert.Equal("", (await GitIn(work, "branch", "--list", "ramp/*")).Trim()); // no local branch left
            Assert.Single((await GitIn(work, "worktree", "list")).Split('\n', StringSplitOptions.RemoveEmptyEntries)); // the temporary one is gone

            // The same branch again (a stale one on origin): the push is refused, nothing is overwritten.
            await Assert.ThrowsAsync<ToolFailedException>(() => new Git(new ProcessRunner(work)).PushBranchAsync("ramp/prod/1.6.0-step-2", "Pulumi.prod.yaml", before, "again"));
            Assert.Equal(after, await GitIn(origin, "show", "ramp/prod/1.6.0-step-2:Pulumi.prod.yaml"));

            await new Git(new ProcessRunner(work)).DeleteRemoteBranchAsync("ramp/prod/1.6.0-step-2");
            Assert.Equal("", (await GitIn(origin, "branch", "--list", "ramp/*")).Trim());
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    private static async Task<string> GitIn(string directory, params string[] arguments)
    {
        var result = await new ProcessRunner(directory).RunAsync("git", arguments);
        Assert.True(result.Succeeded, $"git {string.Join(' ', arguments)}: {result.StandardError}");
        return result.StandardOutput;
    }
}
