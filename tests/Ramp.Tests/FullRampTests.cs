using BlueGreen.Release;

namespace BlueGreen.Ramp.Tests;

/// <summary>A whole release on a copy of the real Pulumi.prod.yaml: start → next … → 100 % → promote → retire.</summary>
public class FullRampTests
{
    [Fact]
    public async Task A_release_ramps_promotes_and_retires_with_a_preview_and_an_up_for_each_step()
    {
        using var h = new Harness("prod");
        await h.DeployInProcessAsync();
        var schedule = new[] { 0, 5, 25, 50, 100 };
        var bakes = new[] { TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(4), TimeSpan.FromHours(8), TimeSpan.FromHours(1) };

        Assert.Equal(0, await h.Run("start", "--version", "1.6.0", "--yes"));
        Assert.Equal("1.6.0", h.Value(ConfigKeys.GreenImageTag));
        Assert.Equal("1.4.2", h.Value(ConfigKeys.BlueImageTag));
        Assert.Equal("0", h.Value(ConfigKeys.RampStep));
        Assert.Equal(UtcTimestamp.Format(h.Clock.Now), h.Value(ConfigKeys.RampStepSetAt));
        Assert.Equal("none", h.Value(ConfigKeys.ReleaseRetired));

        for (var step = 1; step < schedule.Length; step++)
        {
            h.Clock.Advance(bakes[step - 1]);
            var before = h.Text.Split('\n');
            Assert.Equal(0, await h.Run("next", "--yes"));
            Assert.Equal(step.ToString(System.Globalization.CultureInfo.InvariantCulture), h.Value(ConfigKeys.RampStep));
            Assert.Equal(UtcTimestamp.Format(h.Clock.Now), h.Value(ConfigKeys.RampStepSetAt));
            var after = h.Text.Split('\n');
            Assert.Equal(before.Length, after.Length);
            Assert.Equal(2, before.Zip(after).Count(p => p.First != p.Second)); // the diff of next: the two values
            Assert.Contains($"{schedule[step - 1]} % → {schedule[step]} %", h.Output, StringComparison.Ordinal);
        }

        Assert.Equal(2, await h.Run("next", "--yes")); // the last step: promote, not next
        Assert.Contains("run 'promote'", h.Output, StringComparison.Ordinal);

        h.Clock.Advance(bakes[^1]);
        var promotedAt = h.Clock.Now;
        Assert.Equal(0, await h.Run("promote", "--yes"));
        Assert.Equal("green", h.Value(ConfigKeys.ReleaseLive));
        Assert.Equal("0", h.Value(ConfigKeys.RampStep));
        Assert.Equal(UtcTimestamp.Format(promotedAt), h.Value(ConfigKeys.ReleasePromotedAt));

        h.Clock.Advance(TimeSpan.FromHours(71));
        Assert.Equal(2, await h.Run("retire", "--yes"));
        Assert.Contains($"stabilization window ends at {UtcTimestamp.Format(promotedAt.AddHours(72))}", h.Output, StringComparison.Ordinal);
        Assert.Equal("none", h.Value(ConfigKeys.ReleaseRetired));

        h.Clock.Advance(TimeSpan.FromHours(1));
        Assert.True(0 == await h.Run("retire", "--yes"), h.Output);
        Assert.Equal("blue", h.Value(ConfigKeys.ReleaseRetired));

        // start, 4 × next, promote, retire: each previewed, then applied.
        Assert.Equal(Enumerable.Range(0, 7).SelectMany(_ => new[] { "preview prod", "up prod" }), h.PulumiCalls);

        // The next release goes to the retired colour and brings it back.
        h.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await h.Run("start", "--version", "1.7.0", "--yes"));
        Assert.Equal("1.7.0", h.Value(ConfigKeys.BlueImageTag));
        Assert.Equal("none", h.Value(ConfigKeys.ReleaseRetired));
        Assert.Equal("green", h.Value(ConfigKeys.ReleaseLive));
    }

    [Fact]
    public async Task Every_line_of_the_real_file_but_the_edited_ones_survives_a_whole_release()
    {
        using var h = new Harness("prod");
        await h.DeployInProcessAsync();
        var original = h.Text.Split('\n');
        Assert.Equal(0, await h.Run("start", "--version", "1.5.0", "--yes"));
        foreach (var bake in new[] { 30, 120, 240, 480 })
        {
            h.Clock.Advance(TimeSpan.FromMinutes(bake));
            Assert.Equal(0, await h.Run("next", "--yes"));
        }

        h.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await h.Run("promote", "--yes"));
        var edited = new[] { "ramp.step", "ramp.stepSetAt", "release.live", "release.promotedAt" }.Select(ConfigKeys.Full).ToList();
        var untouched = h.Text.Split('\n').Where(l => !edited.Any(k => l.TrimStart().StartsWith(k + ":", StringComparison.Ordinal))).ToList();
        Assert.Equal(original.Where(l => !edited.Any(k => l.TrimStart().StartsWith(k + ":", StringComparison.Ordinal))), untouched);
    }
}
