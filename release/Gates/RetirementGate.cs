namespace BlueGreen.Release;

/// <summary>
/// May the colour that is not live be retired (its workload and target group torn down)? Only when the
/// live colour has been promoted (<c>release.promotedAt</c> is set), it takes 100 % of the traffic, and
/// the stabilization window has passed since the promotion: until then the old colour is kept as the
/// instant rollback target. Time is passed in; nothing here reads the clock.
/// </summary>
public static class RetirementGate
{
    /// <summary>Decides whether <paramref name="live"/>'s other colour may be retired at <paramref name="now"/>.</summary>
    /// <param name="live">The live colour, which stays.</param>
    /// <param name="split">The split as it would be without the retirement.</param>
    /// <param name="promotedAt">When <paramref name="live"/> was promoted, if ever.</param>
    /// <param name="stabilizationWindow">How long after the promotion the old colour must be kept.</param>
    /// <param name="now">The time of the decision.</param>
    public static GateDecision Evaluate(
        Colour live, TrafficSplit split, DateTimeOffset? promotedAt, TimeSpan stabilizationWindow, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(split);
        var old = live.Other();
        if (promotedAt is not { } promoted)
        {
            return GateDecision.Block(
                $"{live.ConfigName()} has no promotion time ({ConfigKeys.Full(ConfigKeys.ReleasePromotedAt)} is not set), " +
                $"so {old.ConfigName()} cannot be retired; promote first");
        }

        if (split.WeightOf(live) != 100)
        {
            return GateDecision.Block(
                $"{old.ConfigName()} still receives {split.WeightOf(old)} % of traffic; " +
                $"only a colour with no traffic can be retired (the live colour {live.ConfigName()} must have 100 %)");
        }

        var stableAt = ReleaseState.StabilizationEnd(promoted, stabilizationWindow);
        return now >= stableAt
            ? GateDecision.Pass(
                $"{live.ConfigName()} was promoted at {UtcTimestamp.Format(promoted)} and the " +
                $"{DurationText.Format(stabilizationWindow)} stabilization window has passed; {old.ConfigName()} may be retired")
            : GateDecision.WaitUntil(
                stableAt,
                $"{live.ConfigName()} was promoted at {UtcTimestamp.Format(promoted)}; the " +
                $"{DurationText.Format(stabilizationWindow)} stabilization window ends at {UtcTimestamp.Format(stableAt)}, " +
                $"{old.ConfigName()} may be retired from then on");
    }
}
