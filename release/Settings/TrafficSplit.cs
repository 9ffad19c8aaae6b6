namespace BlueGreen.Release;

/// <summary>
/// How the listener's default forward action shares traffic between the colours: a weight per colour,
/// each 0–100, always summing to 100. A retired colour always has weight 0 and is left out of the
/// forward action altogether (its target group is being torn down).
/// </summary>
public sealed record TrafficSplit
{
    private TrafficSplit(int blue, int green, Colour? retired)
    {
        Blue = blue;
        Green = green;
        Retired = retired;
    }

    /// <summary>Blue's weight, 0–100.</summary>
    public int Blue { get; }

    /// <summary>Green's weight, 0–100.</summary>
    public int Green { get; }

    /// <summary>The retired colour, if any; it has weight 0 and is not in the forward action.</summary>
    public Colour? Retired { get; }

    /// <summary>A split with the given weights.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A weight is outside 0–100, the weights do not sum
    /// to 100, or the retired colour has a weight.</exception>
    public static TrafficSplit Of(int blue, int green, Colour? retired = null)
    {
        if (blue is < 0 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(blue), blue, "Weights run from 0 to 100.");
        }

        if (green is < 0 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(green), green, "Weights run from 0 to 100.");
        }

        if (blue + green != 100)
        {
            throw new ArgumentOutOfRangeException(
                nameof(green), green, $"Weights must sum to 100; blue {blue} + green {green} = {blue + green}.");
        }

        if (retired is { } r && (r == Colour.Blue ? blue : green) != 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(retired), retired, $"The retired colour ({r.ConfigName()}) cannot receive traffic.");
        }

        return new TrafficSplit(blue, green, retired);
    }

    /// <summary>All traffic to <paramref name="colour"/>; the other colour stays in the forward action
    /// with weight 0 unless it is <paramref name="retired"/>.</summary>
    public static TrafficSplit AllTo(Colour colour, Colour? retired = null) =>
        colour == Colour.Blue ? Of(100, 0, retired) : Of(0, 100, retired);

    /// <summary>
    /// The rollback: everything back to the live (old) colour. The new colour keeps weight 0 in the
    /// forward action and stickiness is off for it (see <see cref="StickinessAllowed"/>), so no client
    /// stays on it.
    /// </summary>
    public static TrafficSplit Rollback(Colour live) => AllTo(live);

    /// <summary>
    /// The split at step <paramref name="stepIndex"/> of <paramref name="schedule"/> while
    /// <paramref name="live"/> is live: the step's percentage to the other (new) colour, the rest to the
    /// live one. With a <paramref name="retired"/> colour (necessarily the new one) everything goes to
    /// the live colour whatever the step.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The step is not in the schedule.</exception>
    /// <exception cref="ArgumentException">The retired colour is the live one.</exception>
    public static TrafficSplit For(Colour live, RampSchedule schedule, int stepIndex, Colour? retired = null)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var step = schedule[stepIndex];
        if (retired == live)
        {
            throw new ArgumentException(
                $"The live colour ({live.ConfigName()}) cannot be retired; only the other colour can.", nameof(retired));
        }

        if (retired is not null)
        {
            return AllTo(live, retired);
        }

        return live == Colour.Blue
            ? Of(step.PercentToLive, step.PercentToNew)
            : Of(step.PercentToNew, step.PercentToLive);
    }

    /// <summary>The weight of <paramref name="colour"/>.</summary>
    public int WeightOf(Colour colour) => colour == Colour.Blue ? Blue : Green;

    /// <summary>
    /// The colours whose target groups are in the forward action, blue first: every colour that is not
    /// retired, including one with weight 0 (so its targets stay registered and health-checked, and its
    /// alarms keep reporting). Never empty.
    /// </summary>
    public IReadOnlyList<Colour> ForwardTargets => [.. Colours.All.Where(c => c != Retired)];

    /// <summary>Whether <paramref name="colour"/>'s target group is in the forward action.</summary>
    public bool IsInForwardAction(Colour colour) => colour != Retired;

    /// <summary>The weight the listener should give <paramref name="colour"/>: its weight, or null when its target
    /// group is not in the forward action (retired).</summary>
    public int? ListenerWeightOf(Colour colour) => IsInForwardAction(colour) ? WeightOf(colour) : null;

    /// <summary>
    /// Whether the live listener's forward action agrees with this split for <paramref name="colour"/> (the drift
    /// rule of <c>status</c>): the same weight, or the colour at 0 and not found in the action. A retired colour
    /// still in the action (even at 0) disagrees: the retirement was not applied.
    /// </summary>
    /// <param name="colour">The colour.</param>
    /// <param name="listenerWeight">Its weight in the live listener's forward action, or null when not in it.</param>
    public bool AgreesWithListener(Colour colour, int? listenerWeight) =>
        listenerWeight == ListenerWeightOf(colour) || (listenerWeight is null && ListenerWeightOf(colour) == 0);

    /// <summary>Whether the live listener sends <paramref name="colour"/> the traffic this split gives it, a missing
    /// target group counting as 0 (what a rollback's read-back judges: the weights, not the action's shape).</summary>
    public bool SendsSameTraffic(Colour colour, int? listenerWeight) => (listenerWeight ?? 0) == WeightOf(colour);

    /// <summary>
    /// Whether target-group stickiness may be on for this split: only when both colours are in the
    /// forward action and both have weight above 0.
    /// </summary>
    /// <remarks>
    /// The rule, and why: with stickiness on, the load balancer sends a client that holds a target-group
    /// cookie back to that group for the stickiness duration, whatever the weights say. If stickiness
    /// stayed on when a colour's weight drops to 0 (a rollback to step 0, or the start of a ramp), clients
    /// already stuck to that colour would keep reaching it for up to the stickiness duration (as long as
    /// 7 days). Turning stickiness off for the whole forward action whenever a colour in it has weight 0
    /// makes the weights final at once: rollback really sends 100 % to the live colour. This is safer than
    /// dropping the 0-weight group from the action, which would also stop its health checks and
    /// UnHealthyHostCount metric while the test route is off and make each 0 ↔ 5 % change reshape the
    /// listener. With one colour in the action there is nothing to stick to, so stickiness is off too.
    /// A partial step back (e.g. 50 → 25 %) keeps stickiness, so clients stuck to the new colour stay
    /// there: a real rollback is always a return to step 0.
    /// </remarks>
    public bool StickinessAllowed => ForwardTargets.Count == 2 && Blue > 0 && Green > 0;

    /// <summary>The listener's default forward action for this split under the configured stickiness.</summary>
    public ForwardAction ForwardAction(StickinessSettings stickiness)
    {
        ArgumentNullException.ThrowIfNull(stickiness);
        return new ForwardAction(
            [.. ForwardTargets.Select(c => new WeightedTarget(c, WeightOf(c)))],
            new TargetGroupStickiness(stickiness.Enabled && StickinessAllowed, (int)stickiness.Duration.TotalSeconds));
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"blue {Blue} % / green {Green} %{(Retired is { } r ? $" ({r.ConfigName()} retired)" : "")}";
}

/// <summary>A colour's target group and its weight in the forward action.</summary>
public sealed record WeightedTarget(Colour Colour, int Weight);

/// <summary>Forward-action (target-group) stickiness as the load balancer takes it.</summary>
/// <param name="Enabled">Whether clients are kept on the target group they first reached.</param>
/// <param name="DurationSeconds">How long, 1–604800 s; sent even when disabled, as the API requires a value.</param>
public sealed record TargetGroupStickiness(bool Enabled, int DurationSeconds);

/// <summary>The listener's default action: forward to these target groups with these weights.</summary>
public sealed record ForwardAction(IReadOnlyList<WeightedTarget> Targets, TargetGroupStickiness Stickiness)
{
    /// <summary>
    /// A rollback's forward action, the one the stack declares after an unacknowledged automatic rollback and the one
    /// the rollback runbook sends: all traffic to <paramref name="to"/>, <paramref name="from"/> kept at weight 0 (its
    /// target group stays registered and health-checked), stickiness off so no client stays on <paramref name="from"/>.
    /// </summary>
    public static ForwardAction RollbackTo(Colour to, Colour from, int stickinessSeconds) => new(
        [.. Colours.All.Where(c => c == to || c == from).Select(c => new WeightedTarget(c, c == to ? 100 : 0))],
        new TargetGroupStickiness(false, stickinessSeconds));
}
