using BlueGreen.Release;
using BlueGreen.Release.StackFiles;

namespace BlueGreen.Ramp.Tests;

public class StackFileEditorTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 5, 9, 30, 0, TimeSpan.Zero);

    private static string[] Lines(string text) => text.Split('\n');

    [Fact]
    public void Setting_the_step_of_the_real_prod_file_changes_that_line_and_inserts_stepSetAt_after_it()
    {
        var original = Harness.RepoStackFile("prod");
        var (text, changes) = StackFileEditor.Apply("Pulumi.prod.yaml", original, [ConfigEdit.Number(ConfigKeys.RampStep, 1), ConfigEdit.Time(ConfigKeys.RampStepSetAt, At)]);

        var before = Lines(original);
        var after = Lines(text);
        var stepLine = Array.FindIndex(before, l => l.StartsWith("  bluegreen:ramp.step:", StringComparison.Ordinal));
        Assert.Equal(before.Length + 1, after.Length);
        Assert.Equal("  bluegreen:ramp.step: 1", after[stepLine]);
        Assert.Equal("  bluegreen:ramp.stepSetAt: \"2026-01-05T09:30:00Z\"", after[stepLine + 1]);
        Assert.Equal(before.Take(stepLine), after.Take(stepLine));
        Assert.Equal(before.Skip(stepLine + 1), after.Skip(stepLine + 2));
        Assert.Equal([stepLine + 1, stepLine + 2], changes.Select(c => c.Line));
        Assert.Equal("2026-01-05T09:30:00Z", StackFile.Parse("p", "prod", text).Get(ConfigKeys.RampStepSetAt));
    }

    [Fact]
    public void With_both_keys_present_the_diff_is_exactly_the_two_value_changes()
    {
        var (started, _) = StackFileEditor.Apply("p", Harness.RepoStackFile("prod"), [ConfigEdit.Time(ConfigKeys.RampStepSetAt, At)]);
        var (text, changes) = StackFileEditor.Apply("p", started, [ConfigEdit.Number(ConfigKeys.RampStep, 2), ConfigEdit.Time(ConfigKeys.RampStepSetAt, At.AddHours(1))]);

        var differing = Lines(started).Zip(Lines(text)).Where(p => p.First != p.Second).ToList();
        Assert.Equal(Lines(started).Length, Lines(text).Length);
        Assert.Equal(
            [("  bluegreen:ramp.step: 0", "  bluegreen:ramp.step: 2"),
             ("  bluegreen:ramp.stepSetAt: \"2026-01-05T09:30:00Z\"", "  bluegreen:ramp.stepSetAt: \"2026-01-05T10:30:00Z\"")],
            differing);
        Assert.Equal(2, changes.Count);
    }

    [Fact]
    public void Comments_quotes_and_spacing_around_a_value_are_kept()
    {
        const string text = "config:\n  bluegreen:ramp.step:   0    # the current step\n  'bluegreen:release.live': blue # who is live\n";
        var (edited, _) = StackFileEditor.Apply("p", text, [ConfigEdit.Number(ConfigKeys.RampStep, 3), ConfigEdit.Plain(ConfigKeys.ReleaseLive, "green")]);
        Assert.Equal("config:\n  bluegreen:ramp.step:   3    # the current step\n  'bluegreen:release.live': green # who is live\n", edited);
    }

    [Fact]
    public void A_quoted_value_containing_a_hash_is_replaced_whole()
    {
        const string text = "config:\n  bluegreen:green.imageTag: \"1.5#0\" # tag\n";
        var (edited, _) = StackFileEditor.Apply("p", text, [ConfigEdit.Quoted(ConfigKeys.GreenImageTag, "1.6.0")]);
        Assert.Equal("config:\n  bluegreen:green.imageTag: \"1.6.0\" # tag\n", edited);
    }

    [Fact]
    public void Windows_line_endings_are_kept()
    {
        const string text = "config:\r\n  bluegreen:ramp.step: 0\r\n  bluegreen:ramp.bake: 1h\r\n";
        var (edited, _) = StackFileEditor.Apply("p", text, [ConfigEdit.Number(ConfigKeys.RampStep, 1), ConfigEdit.Time(ConfigKeys.RampStepSetAt, At)]);
        Assert.Equal("config:\r\n  bluegreen:ramp.step: 1\r\n  bluegreen:ramp.stepSetAt: \"2026-01-05T09:30:00Z\"\r\n  bluegreen:ramp.bake: 1h\r\n", edited);
    }

    [Fact]
    public void A_key_with_no_earlier_key_in_the_file_goes_first_in_the_config_block()
    {
        const string text = "# top\nconfig:\n    aws:region: eu-west-1\n";
        var (edited, _) = StackFileEditor.Apply("p", text, [ConfigEdit.Plain(ConfigKeys.Environment, "prod")]);
        Assert.Equal("# top\nconfig:\n    bluegreen:environment: prod\n    aws:region: eu-west-1\n", edited);
    }

    [Fact]
    public void A_list_value_is_not_edited_and_the_error_names_file_and_line()
    {
        var e = Assert.Throws<StackFileException>(() =>
            StackFileEditor.Apply("Pulumi.prod.yaml", Harness.RepoStackFile("prod"), [ConfigEdit.Number(ConfigKeys.RampSchedule, 1)]));
        Assert.Equal("Pulumi.prod.yaml", e.Path);
        Assert.Equal(StackFile.LineOf(Harness.RepoStackFile("prod"), "bluegreen:ramp.schedule"), e.Line);
        Assert.Contains("not a one-line scalar", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_set_twice_is_refused_with_both_lines()
    {
        const string text = "config:\n  bluegreen:ramp.step: 0\n  bluegreen:ramp.step: 1\n";
        var e = Assert.Throws<StackFileException>(() => StackFileEditor.Apply("p", text, [ConfigEdit.Number(ConfigKeys.RampStep, 2)]));
        Assert.Equal(3, e.Line);
        Assert.Contains("first on line 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Setting_a_value_it_already_has_changes_nothing()
    {
        var original = Harness.RepoStackFile("staging");
        var (text, changes) = StackFileEditor.Apply("p", original, [ConfigEdit.Number(ConfigKeys.RampStep, 0)]);
        Assert.Equal(original, text);
        Assert.Empty(changes);
    }
}
