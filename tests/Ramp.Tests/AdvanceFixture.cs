using BlueGreen.Ramp.Tools;
using BlueGreen.Release;
using Moq;

namespace BlueGreen.Ramp.Tests;

/// <summary>
/// A release of 1.6.0 on green ramped with the real moves on a copy of Pulumi.prod.yaml, each step applied in-process
/// (the outputs and the update time are the stack's own), with <c>ramp.autoProgress</c> set, AWS credentials, no
/// automatic rollback on record, a gh token and no ramp pull requests: what the scheduled <c>ramp advance</c> sees.
/// </summary>
internal static class AdvanceFixture
{
    /// <summary>The bake of each step of the prod schedule [0, 5, 25, 50, 100].</summary>
    public static readonly TimeSpan[] Bakes = [TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(4), TimeSpan.FromHours(8), TimeSpan.FromHours(1)];

    /// <summary>Green at <paramref name="step"/>, applied at the clock's now (not yet baked).</summary>
    public static async Task<Harness> AtStepAsync(int step, string mode = "propose")
    {
        var h = new Harness("prod");
        h.Set(ConfigEdit.Plain(ConfigKeys.RampAutoProgress, mode));
        await h.DeployInProcessAsync();
        Assert.Equal(0, await h.Run("start", "--version", "1.6.0", "--yes"));
        for (var s = 1; s <= step; s++)
        {
            h.Clock.Advance(Bakes[s - 1]);
            Assert.Equal(0, await h.Run("next", "--yes"));
        }

        h.NoAutomaticRollbackOnRecord();
        h.GitHub.Setup(g => g.HasCredentials).Returns(true);
        h.GitHub.Setup(g => g.OpenAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        h.GitHub.Setup(g => g.OfBranchAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        h.GitHub.Setup(g => g.CreateAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string branch, string _, string _, CancellationToken _) => new RampProposal(42, "https://github.com/acme/shop/pull/42", branch, ProposalState.Open));
        h.OfflinePreview.Setup(p => p.MarkdownAsync(It.IsAny<Release.StackFiles.StackFile>(), It.IsAny<Release.StackFiles.StackFile>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync("#### offline preview (markdown)");
        return h;
    }

    /// <summary>Green at <paramref name="step"/>, baked: the next move is due as far as time goes.</summary>
    public static async Task<Harness> BakedAsync(int step, string mode = "propose")
    {
        var h = await AtStepAsync(step, mode);
        h.Clock.Advance(Bakes[step]);
        return h;
    }

    /// <summary>Nothing was pushed and no pull request was opened or merged.</summary>
    public static void NothingOpened(Harness h)
    {
        h.Git.Verify(g => g.PushBranchAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        h.GitHub.Verify(g => g.CreateAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        h.GitHub.Verify(g => g.EnableAutoMergeAsync(It.IsAny<RampProposal>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    /// <summary>The text each push committed, by branch.</summary>
    public static List<(string Branch, string Path, string Text, string Message)> Pushes(Harness h)
    {
        var pushes = new List<(string, string, string, string)>();
        h.Git.Setup(g => g.PushBranchAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback((string branch, string path, string text, string message, CancellationToken _) => pushes.Add((branch, path, text, message)))
            .Returns(Task.CompletedTask);
        return pushes;
    }

    /// <summary>The name of green's critical error-rate alarm in the deployed outputs.</summary>
    public static string GreenCriticalAlarm(Harness h) =>
        h.Outputs.AlarmsOf(Colour.Green).First(a => AlarmSeverities.Of(a.Kind) == AlarmSeverity.Critical).Name;
}
