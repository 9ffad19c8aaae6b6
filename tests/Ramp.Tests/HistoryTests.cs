using BlueGreen.Ramp.Tools;
using BlueGreen.Release;
using Moq;

namespace BlueGreen.Ramp.Tests;

/// <summary><c>ramp history</c> from <c>pulumi stack history --json</c>.</summary>
public class HistoryTests
{
    private static string Update(int version, string end, string sha, string live, int step, string green, string? promotedAt = null, string? setAt = null)
    {
        var config = new System.Text.Json.Nodes.JsonObject();
        void Set(string key, string value) => config[key] = new System.Text.Json.Nodes.JsonObject { ["value"] = value, ["secret"] = false };
        Set("bluegreen:release.live", live);
        Set("bluegreen:ramp.step", step.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Set("bluegreen:blue.imageTag", "1.4.2");
        Set("bluegreen:green.imageTag", green);
        Set("bluegreen:ramp.stepSetAt", setAt ?? end);
        if (promotedAt is not null)
        {
            Set("bluegreen:release.promotedAt", promotedAt);
        }

        return new System.Text.Json.Nodes.JsonObject
        {
            ["version"] = version,
            ["kind"] = "update",
            ["result"] = "succeeded",
            ["startTime"] = end,
            ["endTime"] = end,
            ["environment"] = new System.Text.Json.Nodes.JsonObject { ["git.head"] = sha },
            ["config"] = config,
        }.ToJsonString();
    }

    private static readonly string History = "[" + string.Join(",",
        Update(1, "2026-01-01T09:00:00Z", "aaaaaaa1111", "blue", 0, "1.4.1"),
        Update(2, "2026-01-02T09:00:00Z", "bbbbbbb2222", "blue", 0, "1.5.0"),
        Update(3, "2026-01-02T10:00:00Z", "ccccccc3333", "blue", 1, "1.5.0"),
        Update(4, "2026-01-02T11:00:00Z", "ddddddd4444", "blue", 0, "1.5.0"),
        Update(5, "2026-01-02T12:00:00Z", "eeeeeee5555", "blue", 1, "1.5.0"),
        Update(6, "2026-01-02T15:00:00Z", "fffffff6666", "blue", 4, "1.5.0"),
        Update(7, "2026-01-03T09:00:00Z", "0000000777", "green", 0, "1.5.0", promotedAt: "2026-01-03T09:00:00Z", setAt: "2026-01-02T15:00:00Z"),
        """{"version": 8, "kind": "update", "result": "failed", "startTime": "2026-01-04T09:00:00Z", "endTime": "2026-01-04T09:01:00Z", "config": {}}""") + "]";

    [Fact]
    public void The_history_reads_starts_steps_rollbacks_and_promotions_with_their_commits()
    {
        var events = ReleaseHistory.Events(PulumiCli.ParseAppliedUpdates(History));

        Assert.Equal(
            [ReleaseEventKind.Start, ReleaseEventKind.Step, ReleaseEventKind.Rollback, ReleaseEventKind.Step, ReleaseEventKind.Step, ReleaseEventKind.Promotion],
            events.Select(e => e.Kind));
        Assert.Equal("bbbbbbb2222", events[0].Commit);
        var figures = Assert.Single(ReleaseHistory.Figures(events));
        Assert.Equal(("1.5.0", 1), (figures.Release, figures.Rollbacks));
        Assert.Equal(TimeSpan.FromDays(1), figures.LeadTime);
    }

    [Fact]
    public async Task Ramp_history_prints_each_move_and_the_figures()
    {
        using var h = new Harness("prod");
        h.Pulumi.Setup(p => p.AppliedUpdatesAsync("prod", It.IsAny<CancellationToken>())).ReturnsAsync(PulumiCli.ParseAppliedUpdates(History));

        Assert.Equal(0, await h.Run("history"));

        Assert.Contains("│ 2026-01-02T11:00:00Z │ rollback  │ 1.5.0   │ rollback from step 1", h.Output, StringComparison.Ordinal);
        Assert.Contains("│ 1.5.0   │ 2026-01-02T09:00:00Z │ 2026-01-03T09:00:00Z │ 24h", h.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_credentials_each_rollback_is_measured_from_the_rollback_alarms_transition_to_alarm()
    {
        using var h = new Harness("prod");
        h.Pulumi.Setup(p => p.AppliedUpdatesAsync("prod", It.IsAny<CancellationToken>())).ReturnsAsync(PulumiCli.ParseAppliedUpdates(History));
        h.Aws.Setup(a => a.HasCredentialsAsync(It.IsAny<CancellationToken>())).ReturnsAsync(true);
        h.Aws.Setup(a => a.AlarmTransitionsAsync("shop-prod-green-rollback", It.IsAny<CancellationToken>()))
            .ReturnsAsync([new DateTimeOffset(2026, 1, 2, 10, 52, 0, TimeSpan.Zero)]);
        h.Aws.Setup(a => a.AlarmTransitionsAsync("shop-prod-blue-rollback", It.IsAny<CancellationToken>())).ReturnsAsync([]);

        Assert.Equal(0, await h.Run("history"));

        Assert.Contains("│ 24h       │ 1         │ 8m ", h.Output, StringComparison.Ordinal); // 10:52 ALARM → 11:00 rollback applied
    }

    [Fact]
    public void Alarm_history_gives_the_transitions_to_alarm_newest_first()
    {
        const string json = """
            {"AlarmHistoryItems": [
              {"Timestamp": "2026-01-02T10:52:00Z", "HistoryItemType": "StateUpdate", "HistoryData": "{\"oldState\":{\"stateValue\":\"OK\"},\"newState\":{\"stateValue\":\"ALARM\"}}"},
              {"Timestamp": "2026-01-02T11:10:00Z", "HistoryItemType": "StateUpdate", "HistoryData": "{\"oldState\":{\"stateValue\":\"ALARM\"},\"newState\":{\"stateValue\":\"OK\"}}"}
            ]}
            """;

        Assert.Equal([new DateTimeOffset(2026, 1, 2, 10, 52, 0, TimeSpan.Zero)], AwsCli.ParseAlarmTransitions(json));
    }
}
