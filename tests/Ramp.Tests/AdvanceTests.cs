using BlueGreen.Ramp.Tools;
using BlueGreen.Release;
using Moq;
using static BlueGreen.Ramp.Tests.AdvanceFixture;

namespace BlueGreen.Ramp.Tests;

/// <summary><c>ramp advance</c> when the move is due: exactly one branch whose commit is the edit <c>next</c> (or
/// <c>promote</c>) makes, one pull request, auto-merge only in merge mode; and what a failure half-way leaves.</summary>
public class AdvanceTests
{
    [Fact]
    public async Task Due_it_pushes_one_branch_with_exactly_the_edit_next_makes_and_opens_one_pull_request()
    {
        using var h = await BakedAsync(step: 1);
        var pushes = Pushes(h);
        var before = h.Text;

        Assert.Equal(0, await h.Run("advance"));

        var push = Assert.Single(pushes);
        Assert.StartsWith("ramp/prod/1.6.0-step-2-after-", push.Branch, StringComparison.Ordinal);
        Assert.Equal("Pulumi.prod.yaml", push.Path);
        Assert.Equal(before, h.Text); // the checkout is not touched: the edit is on the branch only
        // The same file at the same time through 'ramp next': the committed text is exactly its edit.
        Assert.Equal(0, await h.Run("next", "--yes"));
        Assert.Equal(h.Text, push.Text);
        Assert.Equal(2, before.Split('\n').Zip(push.Text.Split('\n')).Count(p => p.First != p.Second));
        h.GitHub.Verify(g => g.CreateAsync(It.Is<string>(b => b.StartsWith("ramp/prod/1.6.0-step-2-after-", StringComparison.Ordinal)), "ramp prod: step 1 → 2 of 1.6.0", It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Once);
        h.GitHub.Verify(g => g.EnableAutoMergeAsync(It.IsAny<RampProposal>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.Contains("Proposed: step 1 → 2: green 5 % → 25 % — https://github.com/acme/shop/pull/42", h.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pull_requests_body_is_the_gates_evidence_and_the_markdown_offline_preview()
    {
        using var h = await BakedAsync(step: 0);
        Pushes(h);
        string? body = null;
        h.GitHub.Setup(g => g.CreateAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback((string _, string _, string b, CancellationToken _) => body = b)
            .ReturnsAsync(new RampProposal(7, "https://github.com/acme/shop/pull/7", "ramp/prod/1.6.0-step-1", ProposalState.Open));

        Assert.Equal(0, await h.Run("advance"));

        Assert.NotNull(body);
        Assert.Contains("| smoke test of 1.6.0 | passed |", body, StringComparison.Ordinal);
        Assert.Contains("| green target health | passed | 3 healthy green target(s), 3 needed |", body, StringComparison.Ordinal);
        Assert.Contains("| bake (step 0) | passed | step 0 has baked 30m", body, StringComparison.Ordinal);
        Assert.EndsWith("#### offline preview (markdown)", body, StringComparison.Ordinal);
        h.OfflinePreview.Verify(p => p.MarkdownAsync(
            It.Is<Release.StackFiles.StackFile>(f => f.Get(ConfigKeys.RampStep) == "0"),
            It.Is<Release.StackFiles.StackFile>(f => f.Get(ConfigKeys.RampStep) == "1"),
            It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task At_the_last_step_it_proposes_the_promotion_with_exactly_the_edit_promote_makes()
    {
        using var h = await BakedAsync(step: 4);
        var pushes = Pushes(h);

        Assert.Equal(0, await h.Run("advance"));

        var push = Assert.Single(pushes);
        Assert.StartsWith("ramp/prod/1.6.0-promote-after-", push.Branch, StringComparison.Ordinal);
        Assert.Equal(0, await h.Run("promote", "--yes"));
        Assert.Equal(h.Text, push.Text);
        Assert.Equal("green", StackFileValue(push.Text, ConfigKeys.ReleaseLive));
    }

    [Fact]
    public async Task In_merge_mode_it_asks_for_auto_merge_of_the_pull_request_it_opened()
    {
        using var h = await BakedAsync(step: 2, mode: "merge");
        Pushes(h);

        Assert.Equal(0, await h.Run("advance"));

        h.GitHub.Verify(g => g.EnableAutoMergeAsync(It.Is<RampProposal>(p => p.Number == 42), It.IsAny<CancellationToken>()), Times.Once);
        Assert.Contains("Auto-merge is on", h.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_the_promotion_it_never_proposes_a_retirement()
    {
        using var h = await BakedAsync(step: 4);
        Assert.Equal(0, await h.Run("promote", "--yes"));
        h.Clock.Advance(TimeSpan.FromDays(4)); // the stabilization window (72h) is over: 'retire' would be allowed

        Assert.Equal(0, await h.Run("advance"));

        NothingOpened(h);
        Assert.Contains("Nothing proposed: no release is being ramped (stabilizing: green promoted and live", h.Output, StringComparison.Ordinal);
        h.Git.Verify(g => g.DeleteRemoteBranchAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task A_pull_request_that_cannot_be_opened_takes_its_branch_back()
    {
        using var h = await BakedAsync(step: 1);
        Pushes(h);
        h.GitHub.Setup(g => g.CreateAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ToolFailedException("gh", ["pr", "create"], new ProcessResult(1, "", "GraphQL: Resource not accessible by integration")));

        Assert.Equal(ExitCodes.Error, await h.Run("advance"));

        h.Git.Verify(g => g.DeleteRemoteBranchAsync(It.Is<string>(b => b.StartsWith("ramp/prod/1.6.0-step-2-after-", StringComparison.Ordinal)), It.IsAny<CancellationToken>()), Times.Once);
        Assert.Contains("the pull request could not be opened", h.Output, StringComparison.Ordinal);
        Assert.Contains("Resource not accessible by integration", h.Output, StringComparison.Ordinal);
        Assert.Contains("was deleted again: nothing is left", h.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_branch_that_cannot_be_taken_back_is_named_with_how_to_delete_it()
    {
        using var h = await BakedAsync(step: 1);
        Pushes(h);
        h.GitHub.Setup(g => g.CreateAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RampException("gh: HTTP 502"));
        h.Git.Setup(g => g.DeleteRemoteBranchAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ThrowsAsync(new RampException("network down"));

        Assert.Equal(ExitCodes.Error, await h.Run("advance"));

        Assert.Contains("is left on origin (network down): delete it with 'git push origin --delete ramp/prod/1.6.0-step-2-after-", h.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_push_that_fails_opens_nothing()
    {
        using var h = await BakedAsync(step: 1);
        h.Git.Setup(g => g.PushBranchAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ToolFailedException("git", ["push"], new ProcessResult(1, "", "! [rejected] (fetch first)")));

        Assert.Equal(ExitCodes.Error, await h.Run("advance"));

        h.GitHub.Verify(g => g.CreateAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.Contains("could not be pushed", h.Output, StringComparison.Ordinal);
        Assert.Contains("Nothing was proposed", h.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_auto_merge_cannot_be_enabled_the_open_pull_request_is_named()
    {
        using var h = await BakedAsync(step: 1, mode: "merge");
        Pushes(h);
        h.GitHub.Setup(g => g.EnableAutoMergeAsync(It.IsAny<RampProposal>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RampException("auto-merge is not allowed for this repository"));

        Assert.Equal(ExitCodes.Error, await h.Run("advance"));

        Assert.Contains("https://github.com/acme/shop/pull/42 is open, but auto-merge could not be enabled", h.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_aws_credentials_it_is_an_error_not_a_pass()
    {
        using var h = await BakedAsync(step: 1);
        h.Aws.Setup(a => a.HasCredentialsAsync(It.IsAny<CancellationToken>())).ReturnsAsync(false);

        Assert.Equal(ExitCodes.Error, await h.Run("advance"));

        NothingOpened(h);
        Assert.Contains("needs AWS credentials", h.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_run_summary_gets_the_outcome()
    {
        using var h = await AtStepAsync(step: 1);
        h.StepSummary = Path.Combine(h.Directory, "summary.md");

        Assert.Equal(0, await h.Run("advance"));

        var summary = File.ReadAllText(h.StepSummary);
        Assert.Contains("### ramp advance — prod", summary, StringComparison.Ordinal);
        Assert.Contains("Nothing proposed: ", summary, StringComparison.Ordinal);
        Assert.Contains("It may be due at", summary, StringComparison.Ordinal);
    }

    private static string? StackFileValue(string text, string key) => Release.StackFiles.StackFile.Parse("Pulumi.prod.yaml", "prod", text).Get(key);
}
