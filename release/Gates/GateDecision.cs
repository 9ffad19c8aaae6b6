namespace BlueGreen.Release;

/// <summary>The answer of a time-based gate.</summary>
/// <param name="Passed">Whether the gated action may happen now.</param>
/// <param name="Reason">Why, in a sentence fit for a PR comment or CLI output.</param>
/// <param name="EarliestAt">When it would pass, if only time stands in the way; null when it passed or
/// when waiting alone will not make it pass.</param>
public sealed record GateDecision(bool Passed, string Reason, DateTimeOffset? EarliestAt)
{
    /// <summary>The action may happen now.</summary>
    public static GateDecision Pass(string reason) => new(true, reason, null);

    /// <summary>The action may happen at <paramref name="earliestAt"/>, not before.</summary>
    public static GateDecision WaitUntil(DateTimeOffset earliestAt, string reason) => new(false, reason, earliestAt);

    /// <summary>The action may not happen, and waiting will not change that.</summary>
    public static GateDecision Block(string reason) => new(false, reason, null);
}
