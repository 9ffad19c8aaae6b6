using System.Globalization;
using BlueGreen.Release;

namespace BlueGreen.Preview.Tests;

/// <summary>The repo the tests run in, and config overrides for the release moves the guarantees are about.</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Pulumi.yaml")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Pulumi.yaml not found above the test output folder");
    }

    public static PreviewConfig Config(string stack) => PreviewConfig.Load(Root, stack);

    public static string Time(TimeSpan ago) => UtcTimestamp.Format(DateTimeOffset.UtcNow - ago);

    /// <summary>The ramp at <paramref name="step"/>, set <paramref name="ago"/> before now.</summary>
    public static Dictionary<string, string?> AtStep(int step, TimeSpan ago) => new()
    {
        [ConfigKeys.RampStep] = step.ToString(CultureInfo.InvariantCulture),
        [ConfigKeys.RampStepSetAt] = Time(ago),
    };

    public static int StepCount(string stack) => Config(stack).ReadSettings().Settings!.Ramp.Schedule.Count;

    /// <summary>Green promoted four days ago (past prod's 72 h window), blue still deployed.</summary>
    public static Dictionary<string, string?> GreenPromoted() => new()
    {
        [ConfigKeys.ReleaseLive] = "green",
        [ConfigKeys.RampStep] = "0",
        [ConfigKeys.RampStepSetAt] = Time(TimeSpan.FromDays(4.5)),
        [ConfigKeys.ReleasePromotedAt] = Time(TimeSpan.FromDays(4)),
    };

    /// <summary>Green (1.5.0) live since forty days, blue (1.4.2) retired: the stack between releases.</summary>
    public static Dictionary<string, string?> GreenLiveBlueRetired() => new()
    {
        [ConfigKeys.ReleaseLive] = "green",
        [ConfigKeys.ReleaseRetired] = "blue",
        [ConfigKeys.RampStep] = "0",
        [ConfigKeys.RampStepSetAt] = Time(TimeSpan.FromDays(41)),
        [ConfigKeys.ReleasePromotedAt] = Time(TimeSpan.FromDays(40)),
    };

    /// <summary>The config after <paramref name="decision"/>'s edits, as the ramp would write them (a quoted
    /// YAML scalar is its text; a flow list is JSON already).</summary>
    public static PreviewConfig After(this PreviewConfig config, MovePlan decision)
    {
        var change = decision.Change ?? throw new InvalidOperationException($"the move was refused: {decision.Refusal}");
        return config.With(change.Edits.ToDictionary(
            e => e.Key,
            e => (string?)(e.YamlValue.StartsWith('"') ? System.Text.Json.JsonSerializer.Deserialize<string>(e.YamlValue) : e.YamlValue)));
    }

    /// <summary>Whether <paramref name="name"/> is one of a release's own resources: its pre-release snapshot or
    /// its smoke and migration Jobs (components and children).</summary>
    public static bool IsReleaseOwn(string name) =>
        name.StartsWith("shop-backups-pre-release-", StringComparison.Ordinal)
        || name.StartsWith("shop-smoke-", StringComparison.Ordinal) || name.StartsWith("shop-migrate-", StringComparison.Ordinal);

    public static Dictionary<string, string?> With(this Dictionary<string, string?> overrides, string key, string? value) =>
        new(overrides) { [key] = value };
}
