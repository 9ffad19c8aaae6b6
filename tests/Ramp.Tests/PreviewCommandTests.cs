using System.Text.Json;

namespace BlueGreen.Ramp.Tests;

/// <summary><c>ramp preview</c>: the offline preview of a proposed change, on the real prod stack file.</summary>
public class PreviewCommandTests
{
    [Fact]
    public async Task A_ramp_step_previews_as_json_with_exactly_the_listener_updated_and_nothing_written()
    {
        using var h = new Harness("prod");
        var before = h.Text;
        var report = Path.Combine(h.Directory, "preview.json");

        var exit = await h.Run("preview", "--step", "1", "--format", "json", "--out", report);

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(File.ReadAllText(report));
        var changed = json.RootElement.GetProperty("resources").EnumerateArray()
            .Where(r => r.GetProperty("op").GetString() != "same").ToList();
        var listener = Assert.Single(changed);
        Assert.Equal("update", listener.GetProperty("op").GetString());
        Assert.Equal("aws:lb/listener:Listener", listener.GetProperty("type").GetString());
        Assert.Equal(1, json.RootElement.GetProperty("proposed").GetProperty("step").GetInt32());
        Assert.Equal(before, h.Text);
        Assert.Empty(h.PulumiCalls);
    }

    [Fact]
    public async Task Markdown_writes_the_comment_and_the_ramp_chart_beside_it()
    {
        using var h = new Harness("prod");
        var comment = Path.Combine(h.Directory, "comment.md");

        var exit = await h.Run("preview", "--set", "ramp.step=2", "--set", "ramp.stepSetAt=2026-01-05T08:00:00Z", "--format", "markdown", "--out", comment);

        Assert.Equal(0, exit);
        Assert.Contains("comment.ramp.png", File.ReadAllText(comment), StringComparison.Ordinal);
        Assert.True(new FileInfo(Path.Combine(h.Directory, "comment.ramp.png")).Length > 0);
    }

    [Fact]
    public async Task A_proposed_change_the_stack_would_reject_is_refused_with_its_validation_message()
    {
        using var h = new Harness("prod");

        var exit = await h.Run("preview", "--step", "9");

        Assert.NotEqual(0, exit);
        Assert.Contains("bluegreen:ramp.step", h.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_format_is_refused_naming_the_allowed_ones()
    {
        using var h = new Harness("prod");

        var exit = await h.Run("preview", "--format", "yaml");

        Assert.NotEqual(0, exit);
        Assert.Contains("text, json, markdown", h.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task From_a_base_branch_file_the_pull_requests_own_file_is_the_proposal()
    {
        using var h = new Harness("prod");
        var baseFile = Path.Combine(h.Directory, "base.yaml");
        File.WriteAllText(baseFile, h.Text);
        File.WriteAllText(h.FilePath, h.Text
            .Replace("bluegreen:ramp.step: 0", "bluegreen:ramp.step: 1\n  bluegreen:ramp.stepSetAt: \"2026-01-05T08:00:00Z\"", StringComparison.Ordinal));
        var report = Path.Combine(h.Directory, "preview.json");

        var exit = await h.Run("preview", "--from", baseFile, "--format", "json", "--out", report);

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(File.ReadAllText(report));
        Assert.Equal(0, json.RootElement.GetProperty("current").GetProperty("step").GetInt32());
        Assert.Equal(1, json.RootElement.GetProperty("proposed").GetProperty("step").GetInt32());
    }

    [Fact]
    public async Task A_missing_from_file_is_named()
    {
        using var h = new Harness("prod");

        var exit = await h.Run("preview", "--from", "/no/such/base.yaml");

        Assert.NotEqual(0, exit);
        Assert.Contains("/no/such/base.yaml", h.Output, StringComparison.Ordinal);
    }
}
