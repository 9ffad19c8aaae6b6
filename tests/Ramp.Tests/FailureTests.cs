using BlueGreen.Ramp.Tools;
using BlueGreen.Release;
using Moq;

namespace BlueGreen.Ramp.Tests;

/// <summary>Missing or failing tools, bad stack files, invalid config and a dirty tree: a clear error,
/// exit 1, and nothing written.</summary>
public class FailureTests
{
    private static void AssertError(Harness h, int exit, string before, params string[] expected)
    {
        Assert.Equal(ExitCodes.Error, exit);
        Assert.Equal(before, h.Text);
        Assert.Contains("Error: ", h.Output, StringComparison.Ordinal);
        foreach (var text in expected)
        {
            Assert.Contains(text, h.Output, StringComparison.Ordinal);
        }
    }

    private static ProcessResult Failed(string stderr) => new(255, "", stderr);

    [Theory]
    [InlineData("status")]
    [InlineData("plan")]
    [InlineData("next")]
    [InlineData("rollback")]
    [InlineData("retire")]
    public async Task A_dirty_stack_file_stops_every_command_unless_allowed(string command)
    {
        using var h = Harness.AtStep(1, TimeSpan.FromDays(1));
        h.Git.Setup(g => g.StatusPorcelainAsync("Pulumi.prod.yaml", It.IsAny<CancellationToken>())).ReturnsAsync(" M Pulumi.prod.yaml");
        var before = h.Text;
        var args = command is "status" or "plan" ? new[] { command } : [command, "--yes"];
        AssertError(h, await h.Run(args), before, "Pulumi.prod.yaml has uncommitted changes ( M Pulumi.prod.yaml)", "--allow-dirty");
        Assert.Empty(h.PulumiCalls);
    }

    [Fact]
    public async Task Allow_dirty_lets_the_command_go_ahead()
    {
        using var h = Harness.AtStep(1, TimeSpan.FromDays(1));
        h.Git.Setup(g => g.StatusPorcelainAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync(" M Pulumi.prod.yaml");
        Assert.Equal(0, await h.Run("next", "--yes", "--allow-dirty"));
        Assert.Equal("2", h.Value(ConfigKeys.RampStep));
    }

    [Fact]
    public async Task Git_failing_shows_its_stderr()
    {
        using var h = Harness.AtStep(1, TimeSpan.FromDays(1));
        h.Git.Setup(g => g.StatusPorcelainAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ToolFailedException("git", ["status"], Failed("fatal: not a git repository")));
        AssertError(h, await h.Run("next", "--yes"), h.Text, "'git status' failed with exit code 255", "fatal: not a git repository");
    }

    [Fact]
    public async Task A_missing_pulumi_is_found_before_the_file_is_written()
    {
        using var h = new Harness("prod");
        h.Pulumi.Setup(p => p.VersionAsync(It.IsAny<CancellationToken>())).ThrowsAsync(new ToolMissingException("pulumi", "No such file or directory"));
        var before = h.Text;
        AssertError(h, await h.Run("start", "--version", "1.6.0", "--yes"), before, "'pulumi' was not found on PATH", "Nothing was written");
        Assert.Empty(h.PulumiCalls);
    }

    [Fact]
    public async Task A_missing_aws_stops_next_before_anything_is_written()
    {
        using var h = Harness.AtStep(1, TimeSpan.FromDays(1));
        h.Aws.Setup(a => a.DescribeAlarmsAsync(It.IsAny<IReadOnlyList<string>>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ToolMissingException("aws", "No such file or directory"));
        AssertError(h, await h.Run("next", "--yes"), h.Text, "'aws' was not found");
        Assert.Empty(h.PulumiCalls);
    }

    [Fact]
    public async Task Aws_failing_shows_its_stderr()
    {
        using var h = Harness.AtStep(1, TimeSpan.FromDays(1));
        h.Aws.Setup(a => a.DescribeAlarmsAsync(It.IsAny<IReadOnlyList<string>>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ToolFailedException("aws", ["cloudwatch", "describe-alarms"], Failed("An error occurred (ExpiredToken)")));
        AssertError(h, await h.Run("next", "--yes"), h.Text, "'aws cloudwatch describe-alarms' failed", "An error occurred (ExpiredToken)");
    }

    [Fact]
    public async Task A_failed_preview_restores_the_file_and_shows_pulumis_stderr()
    {
        using var h = Harness.AtStep(1, TimeSpan.FromDays(1));
        h.Pulumi.Setup(p => p.PreviewAsync("prod", It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ToolFailedException("pulumi", ["preview", "--diff", "--stack", "prod"], Failed("error: no stack named 'prod' found")));
        var before = h.Text;
        AssertError(h, await h.Run("next", "--yes"), before, "error: no stack named 'prod' found", "Pulumi.prod.yaml was restored");
        h.Pulumi.Verify(p => p.UpAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task A_failed_up_keeps_the_new_config_and_shows_pulumis_stderr()
    {
        using var h = Harness.AtStep(1, TimeSpan.FromDays(1));
        h.Pulumi.Setup(p => p.UpAsync("prod", It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ToolFailedException("pulumi", ["up", "--yes", "--stack", "prod"], Failed("error: update failed")));
        Assert.Equal(ExitCodes.Error, await h.Run("next", "--yes"));
        Assert.Contains("error: update failed", h.Output, StringComparison.Ordinal);
        Assert.Contains("keeps the new config", h.Output, StringComparison.Ordinal);
        Assert.Equal("2", h.Value(ConfigKeys.RampStep));
    }

    [Fact]
    public async Task A_missing_stack_file_is_named()
    {
        using var h = new Harness("prod");
        var exit = await RampCli.InvokeAsync(["status", "--stack", "qa"], h.Services);
        Assert.Equal(ExitCodes.Error, exit);
        Assert.Contains("Pulumi.qa.yaml: no such stack file", h.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_stack_file_is_reported_with_file_and_line()
    {
        using var h = new Harness("prod", "config:\n  bluegreen:ramp.step: 0\n  bluegreen:ramp.bake: [1h\n  bluegreen:app.name: shop\n");
        var before = h.Text;
        AssertError(h, await h.Run("next", "--yes"), before, "Pulumi.prod.yaml:3: not valid YAML");
    }

    [Fact]
    public async Task An_invalid_config_lists_every_problem_the_stack_validation_finds()
    {
        using var h = new Harness("prod");
        h.Set(ConfigEdit.Number(ConfigKeys.RampStep, 9), ConfigEdit.Plain(ConfigKeys.ReleaseLive, "purple"));
        var before = h.Text;
        AssertError(
            h,
            await h.Run("status"),
            before,
            "the config has 2 problem(s)",
            "bluegreen:release.live: purple",
            "bluegreen:ramp.step: 9 is past the end of ramp.schedule");
        Assert.Contains($"Pulumi.prod.yaml:{BlueGreen.Release.StackFiles.StackFile.LineOf(before, "bluegreen:ramp.step")}: ", h.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_change_that_would_make_the_config_invalid_is_not_written()
    {
        using var h = new Harness("prod");
        var before = h.Text;
        AssertError(h, await h.Run("start", "--version", "-bad", "--yes"), before, "would make the config invalid, so nothing was written", "is not an image tag");
        Assert.Empty(h.PulumiCalls);
    }

    [Fact]
    public async Task A_bad_watch_duration_is_an_error()
    {
        using var h = Harness.AtStep(1, TimeSpan.FromDays(1));
        Assert.Equal(ExitCodes.Error, await h.Run("watch", "--bake", "ten minutes"));
        Assert.Contains("--bake ten minutes is not a duration", h.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("next")]
    [InlineData("rollback")]
    public async Task A_read_only_stack_file_is_refused_before_pulumi_runs(string command)
    {
        using var h = Harness.AtStep(1, TimeSpan.FromDays(1));
        var before = h.Text;
        new FileInfo(h.FilePath).IsReadOnly = true;

        AssertError(h, await h.Run(command, "--yes"), before, "Pulumi.prod.yaml: cannot be written", "nothing was changed");
        Assert.Empty(h.PulumiCalls);
    }

    [Fact]
    public async Task A_directory_where_the_stack_file_should_be_is_named_as_such()
    {
        using var h = new Harness("prod");
        File.Delete(h.FilePath);
        Directory.CreateDirectory(h.FilePath);

        Assert.Equal(ExitCodes.Error, await h.Run("status"));
        Assert.Contains("is a directory, not a stack file", h.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", h.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_misspelled_key_stops_the_command_with_the_line_and_the_nearest_key()
    {
        using var h = new Harness("prod");
        File.WriteAllText(h.FilePath, h.Text.Replace("bluegreen:ramp.step: 0", "bluegreen:ramp.stpe: 1", StringComparison.Ordinal));
        var before = h.Text;

        AssertError(h, await h.Run("next", "--yes"), before, "config key 'bluegreen:ramp.stpe' is not a key of this program; did you mean 'bluegreen:ramp.step'?");
        Assert.Empty(h.PulumiCalls);
    }

    [Fact]
    public async Task An_unexpected_failure_is_one_line_naming_the_command_not_a_stack_trace()
    {
        using var h = Harness.AtStep(1, TimeSpan.FromDays(1));
        h.Pulumi.Setup(p => p.UpAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException("the pipe broke"));

        Assert.Equal(ExitCodes.Error, await h.Run("next", "--yes"));
        Assert.Contains("Error: ramp next failed unexpectedly (InvalidOperationException): the pipe broke", h.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", h.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_out_into_a_folder_that_does_not_exist_says_so()
    {
        using var h = new Harness("prod");
        var missing = Path.Combine(h.Directory, "no-such-folder", "preview.md");

        Assert.Equal(ExitCodes.Error, await h.Run("preview", "--format", "markdown", "--out", missing));
        Assert.Contains($"--out {missing}: the folder {Path.GetDirectoryName(missing)} does not exist", h.Output, StringComparison.Ordinal);
    }
}
