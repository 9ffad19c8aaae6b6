using BlueGreen.Release;

namespace BlueGreen.Preview.Tests;

/// <summary>
/// The text and markdown reports of one ramp step, compared whole with the reviewed files under
/// tests/Preview.Tests/Golden: a change of wording, order or layout shows up as a diff of the file.
/// After an intended change, regenerate them with <c>BLUEGREEN_UPDATE_GOLDEN=1 dotnet test</c> and review the diff.
/// </summary>
[Collection(PreviewRunCollection.Name)]
public sealed class GoldenReportTests
{
    /// <summary>Prod from step 1 to step 2, the steps set at fixed times so the files never change with the day.</summary>
    private static readonly Lazy<Task<PreviewDiff>> StepOneToTwo = new(() =>
    {
        var config = Repo.Config("prod");
        return PreviewDiff.RunAsync(
            config.With(new Dictionary<string, string?> { [ConfigKeys.RampStep] = "1", [ConfigKeys.RampStepSetAt] = "2026-01-05T06:00:00Z" }),
            config.With(new Dictionary<string, string?> { [ConfigKeys.RampStep] = "2", [ConfigKeys.RampStepSetAt] = "2026-01-05T09:00:00Z" }));
    });

    [Theory]
    [InlineData(PreviewFormat.Text, "prod-step-1-to-2.txt")]
    [InlineData(PreviewFormat.Markdown, "prod-step-1-to-2.md")]
    public async Task The_report_of_a_ramp_step_is_the_reviewed_file(PreviewFormat format, string file)
    {
        var actual = PreviewReport.Render(await StepOneToTwo.Value, format, "comment.ramp.png");
        var path = Path.Combine(Repo.Root, "tests", "Preview.Tests", "Golden", file);

        if (Environment.GetEnvironmentVariable("BLUEGREEN_UPDATE_GOLDEN") == "1")
        {
            await File.WriteAllTextAsync(path, actual);
        }

        Assert.True(File.Exists(path), $"{path} is missing; run the tests with BLUEGREEN_UPDATE_GOLDEN=1 to write it, then review it");
        Assert.Equal(await File.ReadAllTextAsync(path), actual);
    }
}
