using System.Globalization;
using BlueGreen.Release.Formats;

namespace BlueGreen.Release.Reading;

/// <summary>Reads <c>release.*</c> and the colours (<c>blue.*</c>, <c>green.*</c>), and checks the rules
/// across keys: retirement, the two colours' tags during a ramp, the step after a promotion.</summary>
internal static class ReleaseSectionReader
{
    /// <summary><c>release.*</c>, each key as far as it could be read.</summary>
    public static ReleaseKeys Release(ConfigText config, StackEnvironment env, DateTimeOffset latest, DateTimeOffset now)
    {
        var live = config.Colour(ConfigKeys.ReleaseLive, required: true, "name the live colour");
        var retired = Retired(config);
        var promotedAt = config.Timestamp(
            ConfigKeys.ReleasePromotedAt, latest, now, "set it to when the live colour was promoted, in UTC");
        var stabilizationWindow = config.Duration(
            ConfigKeys.ReleaseStabilizationWindow,
            ReleaseState.DefaultStabilizationWindow(env),
            TimeSpan.Zero,
            TimeSpan.FromDays(90),
            TimeSpan.FromSeconds(1),
            "use a duration from 0s to 90d, e.g. 72h");
        return new ReleaseKeys(
            live, retired, config.Failed(ConfigKeys.ReleaseRetired), promotedAt, config.Failed(ConfigKeys.ReleasePromotedAt), stabilizationWindow);
    }

    /// <summary>What <paramref name="colour"/> runs; the retired colour needs no tag.</summary>
    public static ColourRelease? Colour(ConfigText config, Colour colour, ReleaseKeys release, StackEnvironment env) =>
        ReadColour(config, colour, release.Retired, env);

    /// <summary>The rules across keys, once every section is read.</summary>
    public static void CheckAcrossKeys(ConfigText config, ReleaseKeys release, ColourRelease? blue, ColourRelease? green, RampSettings? ramp, DateTimeOffset now)
    {
        if (release.Live is { } l && release.Retired is { } r && !release.RetiredFailed)
        {
            CheckRetirement(config, l, r, ramp?.Schedule, ramp?.Step, release.PromotedAt, release.PromotedAtFailed ? null : release.StabilizationWindow, now);
        }

        if (release.Live is { } liveColour && release.Retired is null && !release.RetiredFailed &&
            blue?.ImageTag is { } blueTag && green?.ImageTag is { } greenTag && blueTag == greenTag)
        {
            var newColour = liveColour.Other();
            config.Add(
                ConfigKeys.ImageTag(newColour),
                greenTag,
                $"is also {ConfigKeys.Full(ConfigKeys.ImageTag(liveColour))} (the live colour's tag); while both colours " +
                $"are deployed (a ramp) the new colour {newColour.ConfigName()} must run a different image tag, " +
                $"or set {ConfigKeys.Full(ConfigKeys.ReleaseRetired)} to retire one colour");
        }

        var promotedAt = release.PromotedAt;
        if (promotedAt is { } promoted && ramp?.StepSetAt is { } setAt && promoted > setAt && ramp.Step > 0)
        {
            config.Add(
                ConfigKeys.RampStep,
                ramp.Step.ToString(CultureInfo.InvariantCulture),
                $"was set at {UtcTimestamp.Format(setAt)}, before the promotion at {UtcTimestamp.Format(promoted)}; " +
                "after a promotion (release.live switched to the promoted colour) the step must go back to 0 so the " +
                "promoted colour keeps all traffic — set ramp.step to 0, or give ramp.stepSetAt the time of a new step");
        }
    }

    private static Colour? Retired(ConfigText config)
    {
        var raw = config.Raw(ConfigKeys.ReleaseRetired);
        if (raw is null || raw.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (Colours.TryParse(raw, out var colour))
        {
            return colour;
        }

        config.Add(ConfigKeys.ReleaseRetired, raw, "is not a colour; use none, blue or green");
        return null;
    }

    private static ColourRelease? ReadColour(ConfigText config, Colour colour, Colour? retired, StackEnvironment env)
    {
        var key = ConfigKeys.ImageTag(colour);
        var isRetired = retired == colour;
        var tag = config.Text(
            key,
            ImageFormats.IsTag,
            "is not an image tag",
            $"use the tag {colour.ConfigName()} runs: {ImageFormats.TagRule}, e.g. 1.4.2",
            required: !isRetired);
        var replicas = config.Int(
            ConfigKeys.Replicas(colour),
            ColourRelease.DefaultReplicas(env),
            1,
            1000,
            $"use how many pods {colour.ConfigName()} runs, from 1 to 1000");
        if (replicas is null || (tag is null && (!isRetired || config.Failed(key))))
        {
            return null;
        }

        return new ColourRelease(tag, replicas.Value);
    }

    private static void CheckRetirement(
        ConfigText config,
        Colour live,
        Colour retired,
        RampSchedule? schedule,
        int? step,
        DateTimeOffset? promotedAt,
        TimeSpan? stabilizationWindow,
        DateTimeOffset now)
    {
        var key = ConfigKeys.ReleaseRetired;
        var shown = retired.ConfigName();
        if (retired == live)
        {
            config.Add(
                key,
                shown,
                $"is the live colour ({ConfigKeys.Full(ConfigKeys.ReleaseLive)}); only the colour that is not live can be retired");
            return;
        }

        if (schedule is null || step is not { } s)
        {
            return; // the schedule or step has its own problem already
        }

        var split = TrafficSplit.For(live, schedule, s);
        if (split.WeightOf(retired) > 0)
        {
            config.Add(
                key,
                shown,
                $"still receives {split.WeightOf(retired)} % of traffic at ramp.step {s}; set ramp.step to 0 " +
                "(all traffic on the live colour) before retiring it");
            return;
        }

        if (stabilizationWindow is not { } window)
        {
            return;
        }

        var gate = RetirementGate.Evaluate(live, split, promotedAt, window, now);
        if (!gate.Passed)
        {
            config.Add(key, shown, $"cannot be retired yet: {gate.Reason}");
        }
    }
}

/// <summary>The <c>release.*</c> keys as far as each could be read; <see cref="State"/> when all could.</summary>
internal sealed record ReleaseKeys(
    Colour? Live, Colour? Retired, bool RetiredFailed, DateTimeOffset? PromotedAt, bool PromotedAtFailed, TimeSpan? StabilizationWindow)
{
    public ReleaseState? State => Live is { } live && StabilizationWindow is { } window && !RetiredFailed && !PromotedAtFailed
        ? new ReleaseState(live, Retired, PromotedAt, window)
        : null;
}
