namespace BlueGreen.Release;

/// <summary>One successful update of the stack, as <c>pulumi stack history</c> records it.</summary>
/// <param name="Version">The update's number.</param>
/// <param name="FinishedAt">When it finished.</param>
/// <param name="Commit">The commit it applied (the environment's <c>git.head</c>), when recorded.</param>
/// <param name="Config">Its config, "namespace:key" to text.</param>
public sealed record AppliedUpdate(int Version, DateTimeOffset FinishedAt, string? Commit, IReadOnlyDictionary<string, string> Config)
{
    /// <summary>A <c>bluegreen:</c> value of the update's config.</summary>
    public string? Get(string key) => Config.GetValueOrDefault(ConfigKeys.Full(key));
}

/// <summary>What one update did to the release.</summary>
public enum ReleaseEventKind
{
    Start,
    Step,
    Rollback,
    Promotion,
    Retirement,
}

/// <summary>One release move as it was applied.</summary>
public sealed record ReleaseEvent(ReleaseEventKind Kind, DateTimeOffset AppliedAt, string? Commit, string Release, string Detail);

/// <summary>The figures a release team reports, per release (image tag).</summary>
/// <param name="Release">The image tag.</param>
/// <param name="StartedAt">When its <c>start</c> was applied.</param>
/// <param name="PromotedAt">When its promotion was applied, if it was.</param>
/// <param name="Rollbacks">How many rollbacks it took.</param>
public sealed record ReleaseFigures(string Release, DateTimeOffset StartedAt, DateTimeOffset? PromotedAt, int Rollbacks)
{
    /// <summary>For each rollback, how long from the rollback alarm going to ALARM until the rollback was applied;
    /// empty when the alarm history was not read or showed no ALARM before it.</summary>
    public IReadOnlyList<TimeSpan> AlarmToRollback { get; init; } = [];

    /// <summary>Lead time from start to promotion.</summary>
    public TimeSpan? LeadTime => PromotedAt - StartedAt;
}

/// <summary>
/// Reads the release moves out of the stack's applied updates (oldest first): each change of the image tag of
/// the colour that is not live is a start, a step up is a step, a step back to 0 or the live colour going back is a
/// rollback, the live colour moving to the ramped one is a promotion, a colour retired is a retirement.
/// </summary>
public static class ReleaseHistory
{
    /// <summary>The release events of <paramref name="updates"/>, in the order they were applied.</summary>
    public static IReadOnlyList<ReleaseEvent> Events(IEnumerable<AppliedUpdate> updates)
    {
        ArgumentNullException.ThrowIfNull(updates);
        var events = new List<ReleaseEvent>();
        AppliedUpdate? before = null;
        foreach (var after in updates.OrderBy(u => u.Version))
        {
            if (before is not null)
            {
                events.AddRange(Between(before, after));
            }

            before = after;
        }

        return events;
    }

    /// <summary>The figures of each release that was started within <paramref name="events"/>; with the times the
    /// rollback alarms went to ALARM, each rollback is measured from the last ALARM before it (within a day).</summary>
    public static IReadOnlyList<ReleaseFigures> Figures(IReadOnlyList<ReleaseEvent> events, IReadOnlyList<DateTimeOffset>? alarms = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        return [.. events.Where(e => e.Kind == ReleaseEventKind.Start).Select(start =>
        {
            var own = events.Where(e => e.Release == start.Release && e.AppliedAt >= start.AppliedAt).ToList();
            var rollbacks = own.Where(e => e.Kind == ReleaseEventKind.Rollback).ToList();
            return new ReleaseFigures(
                start.Release,
                start.AppliedAt,
                own.FirstOrDefault(e => e.Kind == ReleaseEventKind.Promotion)?.AppliedAt,
                rollbacks.Count)
            {
                AlarmToRollback = [.. rollbacks
                    .Select(r => (alarms ?? []).Where(a => a <= r.AppliedAt && r.AppliedAt - a <= TimeSpan.FromDays(1)).Select(a => (DateTimeOffset?)a).Max() is { } alarm
                        ? r.AppliedAt - alarm
                        : (TimeSpan?)null)
                    .OfType<TimeSpan>()],
            };
        })];
    }

    private static IEnumerable<ReleaseEvent> Between(AppliedUpdate before, AppliedUpdate after)
    {
        var liveBefore = before.Get(ConfigKeys.ReleaseLive);
        var liveAfter = after.Get(ConfigKeys.ReleaseLive);
        var stepBefore = int.TryParse(before.Get(ConfigKeys.RampStep), out var b) ? b : 0;
        var stepAfter = int.TryParse(after.Get(ConfigKeys.RampStep), out var a) ? a : 0;
        var newColour = Colours.TryParse(liveAfter, out var live) ? live.Other() : Colour.Green;
        var release = after.Get(ConfigKeys.ImageTag(newColour)) ?? "?";
        ReleaseEvent Event(ReleaseEventKind kind, string release, string detail) => new(kind, after.FinishedAt, after.Commit, release, detail);

        if (liveBefore != liveAfter && Colours.TryParse(liveAfter, out var nowLive))
        {
            var liveRelease = after.Get(ConfigKeys.ImageTag(nowLive)) ?? "?";
            var previousRelease = after.Get(ConfigKeys.ImageTag(nowLive.Other())) ?? "?";
            yield return stepBefore == 0 && before.Get(ConfigKeys.ReleasePromotedAt) is not null && after.Get(ConfigKeys.RampStepSetAt) != before.Get(ConfigKeys.RampStepSetAt)
                ? Event(ReleaseEventKind.Rollback, previousRelease, $"promotion of {previousRelease} rolled back: {nowLive.ConfigName()} live again")
                : Event(ReleaseEventKind.Promotion, liveRelease, $"{nowLive.ConfigName()} ({liveRelease}) promoted");
            yield break;
        }

        if (after.Get(ConfigKeys.ImageTag(newColour)) != before.Get(ConfigKeys.ImageTag(newColour)) && release != "?")
        {
            yield return Event(ReleaseEventKind.Start, release, $"release {release} started on {newColour.ConfigName()}");
        }

        if (stepAfter > stepBefore)
        {
            yield return Event(ReleaseEventKind.Step, release, $"step {stepBefore} → {stepAfter}");
        }
        else if (stepAfter < stepBefore)
        {
            yield return Event(ReleaseEventKind.Rollback, release, $"rollback from step {stepBefore}");
        }

        var retiredAfter = after.Get(ConfigKeys.ReleaseRetired);
        if (retiredAfter != before.Get(ConfigKeys.ReleaseRetired) && Colours.TryParse(retiredAfter, out var retired))
        {
            yield return Event(ReleaseEventKind.Retirement, after.Get(ConfigKeys.ImageTag(retired)) ?? "?", $"{retired.ConfigName()} retired");
        }
    }
}
