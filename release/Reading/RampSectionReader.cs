using System.Globalization;
using BlueGreen.Release.Formats;

namespace BlueGreen.Release.Reading;

/// <summary>Reads <c>ramp.*</c>: the schedule with its bake times, the step and when it was set.</summary>
internal static class RampSectionReader
{
    /// <summary>The ramp; null with its problems recorded.</summary>
    public static RampSettings? Ramp(ConfigText config, StackEnvironment env, DateTimeOffset latest, DateTimeOffset now)
    {
        var percentages = config.IntList(
            ConfigKeys.RampSchedule,
            RampSchedule.DefaultPercentages,
            "use a list of percentages to the new colour, e.g. [0, 5, 25, 50, 100]");
        if (percentages is not null)
        {
            foreach (var problem in RampSchedule.ProblemsWith(percentages))
            {
                config.Add(ConfigKeys.RampSchedule, ConfigText.Show(percentages), problem);
            }
        }

        var schedulePercentages = config.Failed(ConfigKeys.RampSchedule) ? null : percentages;
        var bakeTimes = Bake(config, schedulePercentages, env);
        var step = config.Int(
            ConfigKeys.RampStep,
            0,
            0,
            int.MaxValue,
            "use the index of the current step in ramp.schedule, from 0");
        if (step is { } s && schedulePercentages is not null && s >= schedulePercentages.Count)
        {
            config.Add(
                ConfigKeys.RampStep,
                s.ToString(CultureInfo.InvariantCulture),
                $"is past the end of ramp.schedule {ConfigText.Show(schedulePercentages)}; " +
                $"use a step from 0 to {schedulePercentages.Count - 1}");
            step = null;
        }

        var stepSetAt = config.Timestamp(
            ConfigKeys.RampStepSetAt, latest, now, "set it to when the current step was applied, in UTC");
        if (step > 0 && config.Raw(ConfigKeys.RampStepSetAt) is null)
        {
            config.Missing(
                ConfigKeys.RampStepSetAt,
                $"ramp.step is {step}, so set when that step was applied ({UtcTimestamp.Expected}); the bake time counts from it");
        }

        var forceReason = config.Text(
            ConfigKeys.RampForceReason,
            r => r.Length <= 300 && !r.Any(char.IsControl),
            "is not a reason",
            "use one line of at most 300 characters saying why the step passed a gate (written by 'ramp next --force --reason'), or leave it empty");

        var autoProgress = AutoProgress(config);
        if (schedulePercentages is null || bakeTimes is null || step is null || config.Failed(ConfigKeys.RampStepSetAt) || config.Failed(ConfigKeys.RampForceReason)
            || autoProgress is null)
        {
            return null;
        }

        return new RampSettings(RampSchedule.Create(schedulePercentages, bakeTimes), step.Value, stepSetAt)
        {
            ForceReason = forceReason,
            AutoProgress = autoProgress.Value,
        };
    }

    /// <summary><c>ramp.autoProgress</c>: off (default), propose or merge; anything else is a problem naming them.</summary>
    private static AutoProgressMode? AutoProgress(ConfigText config)
    {
        var raw = config.Raw(ConfigKeys.RampAutoProgress);
        if (raw is null)
        {
            return AutoProgressMode.Off;
        }

        if (AutoProgressModes.TryParse(raw) is { } mode)
        {
            return mode;
        }

        config.Add(
            ConfigKeys.RampAutoProgress,
            raw,
            "is not an auto-progress mode; use off (a person runs every step), propose (the scheduled 'ramp advance' opens the next " +
            "step's pull request when it is due) or merge (it also merges it once its required checks pass)");
        return null;
    }

    private static IReadOnlyList<TimeSpan>? Bake(ConfigText config, IReadOnlyList<int>? percentages, StackEnvironment env)
    {
        const string allowed = "use one duration for every step (e.g. 1h) or a list with one per ramp.schedule step " +
                               "(e.g. [\"30m\", \"1h\", \"2h\", \"4h\", \"1h\"]), each from 0s to 7d";
        var raw = config.Raw(ConfigKeys.RampBake);
        var count = percentages?.Count ?? RampSchedule.DefaultPercentages.Count;
        if (raw is null)
        {
            return [.. Enumerable.Repeat(RampSettings.DefaultBake(env), count)];
        }

        if (!raw.StartsWith('['))
        {
            var single = config.CheckDuration(
                ConfigKeys.RampBake, raw, raw, TimeSpan.Zero, TimeSpan.FromDays(7), TimeSpan.FromSeconds(1), allowed);
            return single is { } bake ? [.. Enumerable.Repeat(bake, count)] : null;
        }

        var texts = config.StringList(ConfigKeys.RampBake, null, allowed);
        if (texts is null)
        {
            return null;
        }

        var bakes = texts
            .Select(t => config.CheckDuration(
                ConfigKeys.RampBake, t, $"{ConfigText.Show(texts)} has \"{t}\" that", TimeSpan.Zero, TimeSpan.FromDays(7), TimeSpan.FromSeconds(1), allowed))
            .ToList();
        if (percentages is not null && texts.Count != percentages.Count)
        {
            config.Add(
                ConfigKeys.RampBake,
                ConfigText.Show(texts),
                $"has {texts.Count} bake times but ramp.schedule {ConfigText.Show(percentages)} has {percentages.Count} steps; " +
                "give one bake time per step, or a single duration for all");
            return null;
        }

        return bakes.Any(b => b is null) ? null : [.. bakes.Select(b => b!.Value)];
    }
}
