using BlueGreen.Release;

namespace BlueGreen.Ramp.Tests;

/// <summary>The offline verdict takes the base branch's file as deployed: that must be exactly what the stack itself
/// outputs once the file is applied (run in-process, <see cref="DeployedStack"/>), or offline and live would differ.</summary>
public class DeployedRampTests
{
    [Theory]
    [InlineData(0, false)]
    [InlineData(3, false)]
    [InlineData(0, true)]
    public async Task The_base_file_taken_as_deployed_is_what_the_stack_outputs_after_applying_it(int step, bool retiredBlue)
    {
        using var h = Harness.AtStep(step);
        if (retiredBlue)
        {
            h.Set(
                ConfigEdit.Plain(ConfigKeys.ReleaseLive, "green"),
                ConfigEdit.Time(ConfigKeys.ReleasePromotedAt, h.Clock.Now - TimeSpan.FromHours(73)),
                ConfigEdit.Plain(ConfigKeys.ReleaseRetired, "blue"));
        }

        var settings = StackState.Load(h.Directory, "prod", h.Clock.Now).Settings;
        var outputs = await DeployedStack.OutputsAfterUpAsync(h.FilePath, "prod", h.Text);

        // What the outputs say, plus the file's own step time (which only a file knows: the most the step can have baked).
        var fromOutputs = outputs.Deployed(updatedAt: null, smokeJobs: [], release: null);
        Assert.NotNull(fromOutputs);
        Assert.Equal(fromOutputs with { StepSetInFileAt = settings.Ramp.StepSetAt }, DeployedRamp.AsApplied(settings));
    }

    [Fact]
    public void What_moved_since_the_base_is_said_field_by_field_and_nothing_when_they_agree()
    {
        var base1 = new DeployedRamp(Colour.Blue, 1, "1.4.2", "1.5.0", null);
        Assert.Null(DeployedRamp.Moved(base1, base1 with { UpdatedAt = DateTimeOffset.UnixEpoch }));
        Assert.Equal(
            "green is live (the base file says blue); the deployed step is 0 (the base file says 1); green runs 1.6.0 (the base file says 1.5.0)",
            DeployedRamp.Moved(base1, base1 with { Live = Colour.Green, Step = 0, GreenRelease = "1.6.0" }));
        Assert.Equal("nothing is deployed yet (the stack's outputs have no live colour and step)", DeployedRamp.Moved(base1, null));
    }
}
