using System.Globalization;
using System.Text.Json.Nodes;
using BlueGreen.Ramp.Tools;
using Moq;

namespace BlueGreen.Ramp.Tests;

/// <summary>
/// <c>pulumi stack history --json</c> returns one page: <c>--page-size</c> defaults to 10 and <c>--page</c> to 1
/// (pulumi/pulumi pkg/cmd/pulumi/stack/stack_history.go, the flags at the end of newStackHistoryCmd). The fixture is
/// the CLI's own JSON shape (updateInfoJSON and configValueJSON in the same file; times from cmd.FormatTime,
/// "2006-01-02T15:04:05.000Z07:00" in UTC; kinds and results from sdk/go/common/apitype/history.go).
/// </summary>
public class HistoryPagingTests
{
    private static JsonObject Update(int version)
    {
        var at = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddHours(version).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        return new JsonObject
        {
            ["version"] = version,
            ["kind"] = "update",
            ["startTime"] = at,
            ["message"] = "ramp step",
            ["environment"] = new JsonObject { ["exec.kind"] = "cli", ["git.head"] = $"{version:x7}" },
            ["config"] = new JsonObject
            {
                ["bluegreen:ramp.step"] = new JsonObject { ["value"] = $"{version % 5}", ["secret"] = false },
                ["bluegreen:db.password"] = new JsonObject { ["secret"] = true },
            },
            ["result"] = "succeeded",
            ["endTime"] = at,
            ["resourceChanges"] = new JsonObject { ["same"] = 60, ["update"] = 1 },
        };
    }

    /// <summary>A stack with <paramref name="total"/> updates, newest first, served page by page as the CLI does.</summary>
    private static Mock<IProcessRunner> History(int total)
    {
        var runner = new Mock<IProcessRunner>();
        runner.Setup(r => r.RunAsync("pulumi", It.IsAny<IReadOnlyList<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string _, IReadOnlyList<string> args, CancellationToken _) =>
            {
                int Flag(string name, int fallback) => args.ToList().IndexOf(name) is var i and >= 0 ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
                var size = Flag("--page-size", 10);
                var page = Flag("--page", 1);
                var versions = Enumerable.Range(1, total).Reverse();
                var shown = size > 0 ? versions.Skip((page - 1) * size).Take(size) : versions;
                return new ProcessResult(0, new JsonArray([.. shown.Select(v => (JsonNode)Update(v))]).ToJsonString(), "");
            });
        return runner;
    }

    [Theory]
    [InlineData(11)]
    [InlineData(100)]
    [InlineData(250)]
    public async Task Every_page_of_the_history_is_read(int total)
    {
        var runner = History(total);
        var updates = await new PulumiCli(runner.Object).AppliedUpdatesAsync("prod");

        Assert.Equal(Enumerable.Range(1, total), updates.Select(u => u.Version).Order());
        Assert.Equal("1", updates.Single(u => u.Version == 1).Config["bluegreen:ramp.step"]);
        runner.Verify(r => r.RunAsync("pulumi", It.Is<IReadOnlyList<string>>(a => a.Contains("--page-size")), It.IsAny<CancellationToken>()), Times.Exactly((total / PulumiCli.HistoryPageSize) + 1));
    }

    [Fact]
    public async Task The_last_update_is_the_newest_whatever_the_page()
    {
        var finished = await new PulumiCli(History(120).Object).LastUpdateFinishedAsync("prod");
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddHours(120), finished);
    }

    [Fact]
    public async Task A_page_that_is_not_json_is_a_clear_error()
    {
        var runner = new Mock<IProcessRunner>();
        runner.Setup(r => r.RunAsync("pulumi", It.IsAny<IReadOnlyList<string>>(), It.IsAny<CancellationToken>())).ReturnsAsync(new ProcessResult(0, "warning: x", ""));
        var e = await Assert.ThrowsAsync<RampException>(() => new PulumiCli(runner.Object).AppliedUpdatesAsync("prod"));
        Assert.Contains("'pulumi stack history --json' printed text that is not JSON", e.Message, StringComparison.Ordinal);
    }
}
