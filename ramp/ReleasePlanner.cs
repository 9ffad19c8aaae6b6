using BlueGreen.Release;

namespace BlueGreen.Ramp;

/// <summary>The config change a command makes, and a sentence saying what it means.</summary>
public sealed record PlannedChange(IReadOnlyList<ConfigEdit> Edits, string Summary);

/// <summary>
/// What each command changes in the stack config, or why it may not: pure decisions on validated
/// settings and a time, with no I/O. The alarm gate is applied by the caller, which reads the alarms.
/// </summary>
public static class ReleasePlanner
{
    /// <summary>
    /// Whether a release of the new (not live) colour is under way: the new colour is deployed and the
    /// current step was set after the last promotion (a promotion resets the step to 0 without a new
    /// <c>ramp.stepSetAt</c>, so after it nothing is being ramped until <c>start</c>).
    /// </summary>
    public static bool ReleaseInProgress(StackSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Phase.Kind == ReleasePhaseKind.Ramping;
    }

    /// <summary><c>start --version TAG</c>: the idle colour gets the tag, at step 0 from now.</summary>
    public static PlannedChange Start(StackSettings settings, string tag, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentException.ThrowIfNullOrWhiteSpace(tag);
        var live = settings.Release.Live;
        var idle = settings.NewColour;
        var ramp = settings.Ramp;
        if (ramp.Step > 0)
        {
            throw new RampRefusedException(
                $"a ramp is in progress: {idle.ConfigName()} is at step {ramp.Step} ({ramp.CurrentStep.PercentToNew} %); " +
                "run 'rollback' or finish it with 'next' and 'promote' before starting another release");
        }

        if (settings.ReleaseOf(live).ImageTag == tag)
        {
            throw new RampRefusedException(
                $"{tag} is already the live colour's tag ({ConfigKeys.Full(ConfigKeys.ImageTag(live))}); a release needs a different image");
        }

        if (!ReleaseInProgress(settings) && settings.Release.Retired != idle && settings.Release.PromotedAt is { } promoted
            && promoted + settings.Release.StabilizationWindow is var stableAt && now < stableAt)
        {
            throw new RampRefusedException(
                $"{idle.ConfigName()} is the rollback target of the promotion at {UtcTimestamp.Format(promoted)} until the " +
                $"{DurationText.Format(settings.Release.StabilizationWindow)} stabilization window ends at {UtcTimestamp.Format(stableAt)}; " +
                "starting a release now would replace it",
                stableAt);
        }

        return new PlannedChange(
            [
                ConfigEdit.Quoted(ConfigKeys.ImageTag(idle), tag),
                ConfigEdit.Plain(ConfigKeys.ReleaseRetired, "none"),
                ConfigEdit.Number(ConfigKeys.RampStep, 0),
                ConfigEdit.Time(ConfigKeys.RampStepSetAt, now),
            ],
            $"release {tag} on {idle.ConfigName()} at step 0 (0 %; reachable through the test route), {live.ConfigName()} stays live");
    }

    /// <summary><c>next</c>: one step up, once the current step has baked (the alarm gate is the caller's).</summary>
    public static PlannedChange Next(StackSettings settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(settings);
        RequireRelease(settings, "advance");
        var ramp = settings.Ramp;
        if (ramp.Step == ramp.Schedule.LastIndex)
        {
            throw new RampRefusedException(
                $"{settings.NewColour.ConfigName()} is at the last step ({ramp.CurrentStep.PercentToNew} %); run 'promote' to make it live");
        }

        RequireBaked(settings, now);
        var next = ramp.Schedule[ramp.Step + 1];
        return new PlannedChange(
            [ConfigEdit.Number(ConfigKeys.RampStep, next.Index), ConfigEdit.Time(ConfigKeys.RampStepSetAt, now)],
            $"step {ramp.Step} → {next.Index}: {settings.NewColour.ConfigName()} {ramp.CurrentStep.PercentToNew} % → {next.PercentToNew} %");
    }

    /// <summary>
    /// <c>rollback</c>, no gates, in whichever phase: while ramping, straight back to step 0 (null when already
    /// there); while stabilizing, all traffic back to the previous colour, which becomes live again (the
    /// promoted release stays deployed at 0 %, as after a rollback during its ramp); when idle, refused: the
    /// previous release is gone and comes back only as a new release.
    /// </summary>
    public static PlannedChange? Rollback(StackSettings settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var ramp = settings.Ramp;
        var phase = settings.Phase;
        switch (phase.Kind)
        {
            case ReleasePhaseKind.Ramping:
                return ramp.Step == 0
                    ? null
                    : new PlannedChange(
                        [ConfigEdit.Number(ConfigKeys.RampStep, 0), ConfigEdit.Time(ConfigKeys.RampStepSetAt, now)],
                        $"rollback: {phase.AtRisk!.Value.ConfigName()} {ramp.CurrentStep.PercentToNew} % → 0 %, " +
                        $"all traffic to {settings.Release.Live.ConfigName()}");
            case ReleasePhaseKind.Stabilizing:
                var previous = phase.RollbackTarget!.Value;
                return new PlannedChange(
                    [
                        ConfigEdit.Plain(ConfigKeys.ReleaseLive, previous.ConfigName()),
                        ConfigEdit.Number(ConfigKeys.RampStep, 0),
                        ConfigEdit.Time(ConfigKeys.RampStepSetAt, now),
                    ],
                    $"rollback of the promotion: all traffic back to {previous.ConfigName()} ({settings.ReleaseOf(previous).ImageTag}), " +
                    $"live again; {phase.Live.ConfigName()} ({settings.ReleaseOf(phase.Live).ImageTag}) stays deployed at 0 % for the investigation");
            default:
                var retired = phase.Live.Other();
                var tag = settings.ReleaseOf(retired).ImageTag;
                throw new RampRefusedException(
                    $"{retired.ConfigName()} is retired, so there is no deployed colour to roll back to; to bring its release back, " +
                    (tag is null ? "run 'start --version <its tag>'" : $"run 'start --version {tag}'") + " and ramp it like any release");
        }
    }

    /// <summary><c>promote</c>: at the last step, once it has baked, the new colour becomes live.</summary>
    public static PlannedChange Promote(StackSettings settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(settings);
        RequireRelease(settings, "promote");
        var ramp = settings.Ramp;
        if (ramp.Step != ramp.Schedule.LastIndex)
        {
            throw new RampRefusedException(
                $"{settings.NewColour.ConfigName()} is at step {ramp.Step} ({ramp.CurrentStep.PercentToNew} %); " +
                $"promotion needs the last step {ramp.Schedule.LastIndex} (100 %): run 'next'");
        }

        RequireBaked(settings, now);
        var promoted = settings.NewColour;
        return new PlannedChange(
            [
                ConfigEdit.Plain(ConfigKeys.ReleaseLive, promoted.ConfigName()),
                ConfigEdit.Number(ConfigKeys.RampStep, 0),
                ConfigEdit.Time(ConfigKeys.ReleasePromotedAt, now),
            ],
            $"promote {promoted.ConfigName()} ({settings.ReleaseOf(promoted).ImageTag}): it becomes live with 100 %; " +
            $"{settings.Release.Live.ConfigName()} stays deployed as the rollback target for {DurationText.Format(settings.Release.StabilizationWindow)}");
    }

    /// <summary><c>retire</c>: after the stabilization window, the old colour is torn down.</summary>
    public static PlannedChange Retire(StackSettings settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var live = settings.Release.Live;
        var old = live.Other();
        if (settings.Release.Retired == old)
        {
            throw new RampRefusedException($"{old.ConfigName()} is already retired");
        }

        if (settings.Release.PromotedAt is not null && ReleaseInProgress(settings))
        {
            throw new RampRefusedException(
                $"a release of {old.ConfigName()} ({settings.ReleaseOf(old).ImageTag}) is in progress at step {settings.Ramp.Step}; " +
                "retire tears down the old colour after a promotion, not a release being ramped");
        }

        var gate = RetirementGate.Evaluate(
            live, settings.Split, settings.Release.PromotedAt, settings.Release.StabilizationWindow, now);
        if (!gate.Passed)
        {
            throw new RampRefusedException(gate.Reason, gate.EarliestAt);
        }

        return new PlannedChange(
            [ConfigEdit.Plain(ConfigKeys.ReleaseRetired, old.ConfigName())],
            $"retire {old.ConfigName()} ({settings.ReleaseOf(old).ImageTag}): its workload and target group are torn down");
    }

    /// <summary>The alarm gate for the new colour, from CloudWatch states.</summary>
    public static void RequireNoAlarm(StackSettings settings, IEnumerable<AlarmReading> readings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var gate = AlarmGate.Evaluate(settings.NewColour, readings);
        if (!gate.Passed)
        {
            throw new RampRefusedException(gate.Reason);
        }
    }

    private static void RequireRelease(StackSettings settings, string verb)
    {
        if (ReleaseInProgress(settings))
        {
            return;
        }

        var why = settings.Release.Retired == settings.NewColour
            ? $"{settings.NewColour.ConfigName()} is retired"
            : $"{settings.Release.Live.ConfigName()} was promoted at {UtcTimestamp.Format(settings.Release.PromotedAt!.Value)}";
        throw new RampRefusedException($"no release is in progress ({why}), so there is nothing to {verb}; run 'start --version TAG'");
    }

    private static void RequireBaked(StackSettings settings, DateTimeOffset now)
    {
        var gate = BakeGate.Evaluate(settings.Ramp, now);
        if (!gate.Passed)
        {
            var hint = settings.Ramp.StepSetAt is null && settings.Ramp.Step == 0
                ? $" ('start --version {settings.ReleaseOf(settings.NewColour).ImageTag}' begins the release and sets it)"
                : "";
            throw new RampRefusedException(gate.Reason + hint, gate.EarliestAt);
        }
    }
}
