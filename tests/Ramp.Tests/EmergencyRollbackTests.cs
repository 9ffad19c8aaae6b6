using BlueGreen.Ramp.Tools;
using BlueGreen.Release;
using Moq;

namespace BlueGreen.Ramp.Tests;

/// <summary>The emergency path, with pulumi and aws failing the way they do in real incidents.</summary>
public class EmergencyRollbackTests
{
    private const string Urn = "urn:pulumi:prod::bluegreen::bluegreen:aws:WeightedListener$aws:lb/listener:Listener::shop-edge-https";

    private static ToolFailedException Throttled() =>
        new("pulumi", ["up"], new ProcessResult(255, "", "error: ThrottlingException: Rate exceeded"));

    [Fact]
    public async Task A_failed_rollback_then_rollback_again_applies_from_the_live_listener_not_the_file()
    {
        using var h = Harness.AtStep(1, TimeSpan.FromDays(1));
        h.LiveWeights(blue: 95, green: 5);
        var attempts = 0;
        h.Pulumi.Setup(p => p.UpTargetAsync("prod", Urn, It.IsAny<CancellationToken>()))
            .Returns(() => ++attempts == 1
                ? throw new ToolFailedException("pulumi", ["up"], new ProcessResult(255, "", "error: the provider crashed"))
                : Task.FromResult("Updating (prod): ~ 1 updated"))
            .Callback(() =>
            {
                if (attempts > 1)
                {
                    h.LiveWeights(blue: 100, green: 0); // what the successful apply leaves
                }
            });

        Assert.Equal(ExitCodes.Error, await h.Run("rollback"));
        Assert.Equal("0", h.Value(ConfigKeys.RampStep)); // the file holds the rolled-back config
        Assert.Contains("The listener may still send traffic to the colour being rolled back", h.Output, StringComparison.Ordinal);

        // The file now says step 0, but the listener still sends 5 %: the second rollback applies, and confirms.
        Assert.Equal(0, await h.Run("rollback"));
        Assert.Contains("is rolled back but the live listener is not (blue 95 %, green 5 %)", h.Output, StringComparison.Ordinal);
        Assert.Contains("Rolled back: the live listener sends all weighted traffic to blue", h.Output, StringComparison.Ordinal);
        Assert.Equal(2, attempts);
    }

    [Fact]
    public async Task When_the_live_listener_still_sends_traffic_the_file_at_step_0_is_applied_again()
    {
        using var h = Harness.AtStep(0, TimeSpan.FromDays(1));
        h.LiveWeights(blue: 95, green: 5);
        h.Pulumi.Setup(p => p.UpTargetAsync("prod", Urn, It.IsAny<CancellationToken>()))
            .Callback(() => h.LiveWeights(blue: 100, green: 0))
            .ReturnsAsync("Updating (prod): ~ 1 updated");

        Assert.Equal(0, await h.Run("rollback"));

        Assert.Contains("is rolled back but the live listener is not (blue 95 %, green 5 %)", h.Output, StringComparison.Ordinal);
        Assert.Contains("Rolled back: the live listener sends all weighted traffic to blue", h.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Throttling_is_retried_with_backoff_and_each_retry_is_shown()
    {
        using var h = Harness.AtStep(2, TimeSpan.FromDays(1));
        h.Pulumi.SetupSequence(p => p.UpTargetAsync("prod", Urn, It.IsAny<CancellationToken>()))
            .ThrowsAsync(Throttled())
            .ThrowsAsync(Throttled())
            .ReturnsAsync("Updating (prod): ~ 1 updated");

        Assert.Equal(0, await h.Run("rollback"));

        Assert.Contains("Throttled by AWS: error: ThrottlingException: Rate exceeded; trying again in 5s.", h.Output, StringComparison.Ordinal);
        Assert.Contains("trying again in 10s.", h.Output, StringComparison.Ordinal);
        h.Sleeper.Verify(s => s.SleepAsync(TimeSpan.FromSeconds(5), It.IsAny<CancellationToken>()), Times.Once);
        h.Sleeper.Verify(s => s.SleepAsync(TimeSpan.FromSeconds(10), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Sustained_throttling_ends_with_an_error_that_says_what_to_do()
    {
        using var h = Harness.AtStep(2, TimeSpan.FromDays(1));
        h.Pulumi.Setup(p => p.UpTargetAsync("prod", Urn, It.IsAny<CancellationToken>())).ThrowsAsync(Throttled());

        Assert.Equal(ExitCodes.Error, await h.Run("rollback"));

        h.Pulumi.Verify(p => p.UpTargetAsync("prod", Urn, It.IsAny<CancellationToken>()), Times.Exactly(4));
        Assert.Contains("run 'ramp rollback --stack prod' again (it reads the live listener)", h.Output, StringComparison.Ordinal);
        Assert.Contains($"'pulumi up --stack prod --target {Urn}'", h.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_listener_that_does_not_match_after_the_apply_is_named_as_drift_and_exits_1()
    {
        using var h = Harness.AtStep(2, TimeSpan.FromDays(1));
        h.LiveWeights(blue: 75, green: 25); // pulumi says it succeeded, the listener did not move

        Assert.Equal(ExitCodes.Error, await h.Run("rollback"));

        Assert.Contains("the live listener does not match Pulumi.prod.yaml: blue 75 %, green 25 %", h.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_whole_stack_preview_that_would_fail_does_not_block_the_rollback()
    {
        using var h = Harness.AtStep(2, TimeSpan.FromDays(1));
        h.Pulumi.Setup(p => p.PreviewAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ToolFailedException("pulumi", ["preview"], new ProcessResult(255, "", "error: a resource elsewhere in the stack failed to diff")));

        Assert.Equal(0, await h.Run("rollback"));

        h.Pulumi.Verify(p => p.PreviewAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        h.Pulumi.Verify(p => p.UpAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.Equal("0", h.Value(ConfigKeys.RampStep));
    }

    [Fact]
    public async Task A_failed_up_during_next_does_not_block_the_rollback_that_follows()
    {
        using var h = Harness.AtStep(1, TimeSpan.FromDays(1));
        var committed = h.Text;
        h.Pulumi.Setup(p => p.UpAsync("prod", It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ToolFailedException("pulumi", ["up"], new ProcessResult(255, "", "error: Throttling")));
        Assert.Equal(ExitCodes.Error, await h.Run("next", "--yes"));
        Assert.Equal("2", h.Value(ConfigKeys.RampStep)); // next left its edit uncommitted

        h.Git.Setup(g => g.StatusPorcelainAsync("Pulumi.prod.yaml", It.IsAny<CancellationToken>())).ReturnsAsync(" M Pulumi.prod.yaml");
        h.Git.Setup(g => g.CommittedTextAsync("Pulumi.prod.yaml", It.IsAny<CancellationToken>())).ReturnsAsync(committed);

        Assert.Equal(0, await h.Run("rollback"));
        Assert.Contains("has uncommitted changes, all of them the ramp's own (bluegreen:ramp.step, bluegreen:ramp.stepSetAt)", h.Output, StringComparison.Ordinal);
        Assert.Equal("0", h.Value(ConfigKeys.RampStep));
    }

    [Fact]
    public async Task Someone_elses_uncommitted_change_still_blocks_the_rollback()
    {
        using var h = Harness.AtStep(1, TimeSpan.FromDays(1));
        var committed = h.Text;
        File.WriteAllText(h.FilePath, h.Text.Replace("bluegreen:app.port: 8080", "bluegreen:app.port: 9090", StringComparison.Ordinal));
        h.Git.Setup(g => g.StatusPorcelainAsync("Pulumi.prod.yaml", It.IsAny<CancellationToken>())).ReturnsAsync(" M Pulumi.prod.yaml");
        h.Git.Setup(g => g.CommittedTextAsync("Pulumi.prod.yaml", It.IsAny<CancellationToken>())).ReturnsAsync(committed);

        Assert.Equal(ExitCodes.Error, await h.Run("rollback"));
        Assert.Contains("has uncommitted changes", h.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(h.PulumiCalls, c => c.StartsWith("up", StringComparison.Ordinal));
    }
}

public class ListenerUrnTests
{
    [Theory]
    [InlineData("prod")]
    [InlineData("staging")]
    public async Task The_targeted_urn_names_the_https_listener_the_program_declares_under_its_component(string stack)
    {
        var run = await BlueGreen.Preview.PreviewRun.RunAsync(Path.Combine(AppContext.BaseDirectory, "stacks"), stack);
        var https = run.Resources.Single(r => r.Type == "aws:lb/listener:Listener" && r.Inputs["protocol"]?.GetValue<string>() == "HTTPS");
        var parent = run.Resources.Single(r => r.Urn == https.Parent);

        Assert.Equal(
            $"urn:pulumi:{stack}::bluegreen::{parent.Type}${https.Type}::{https.Name}",
            StackContract.ListenerUrn(stack, run.Config.ReadSettings().Settings!.App.Name));
    }
}
