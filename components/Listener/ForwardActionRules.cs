using BlueGreen.Release;

namespace BlueGreen.Components;

/// <summary>A colour's share of the listener's forward action.</summary>
/// <param name="Colour">The colour.</param>
/// <param name="Weight">Its weight, 0–100; the weights in the action sum to 100.</param>
public sealed record ColourWeight(Colour Colour, int Weight);

/// <summary>The forward action as the ALB gets it: the colours' weights and explicit stickiness.</summary>
/// <param name="Targets">The target groups' colours and weights, in the order given.</param>
/// <param name="StickinessEnabled">Whether target-group stickiness is on.</param>
/// <param name="StickinessDurationSeconds">Stickiness duration, always stated (the API wants it even when off).</param>
public sealed record ForwardActionDecision(
    IReadOnlyList<ColourWeight> Targets, bool StickinessEnabled, int StickinessDurationSeconds);

/// <summary>
/// The rules of the weighted forward action, without Pulumi: which weights are valid and when
/// stickiness may be on.
/// </summary>
public static class ForwardActionRules
{
    /// <summary>The shortest stickiness the ALB takes, in seconds.</summary>
    public const int MinStickinessSeconds = Release.Formats.AwsFormats.MinStickinessSeconds;

    /// <summary>The longest stickiness the ALB takes: 7 days, in seconds.</summary>
    public const int MaxStickinessSeconds = Release.Formats.AwsFormats.MaxStickinessSeconds;

    /// <summary>
    /// Checks the weights and decides stickiness.
    /// </summary>
    /// <remarks>
    /// On an ALB, stickiness beats weights: a client holding the target-group cookie goes back to its
    /// group for the whole duration, whatever the weights say. So stickiness is on only when requested
    /// <em>and</em> every target group in the action has a weight above 0 (and there are at least two to
    /// share between). When the new colour drops to 0 % — a rollback — stickiness is turned off in the
    /// same update, so no client stays on the colour being rolled back from. It is still stated
    /// explicitly (<c>enabled = false</c>), never left to a default.
    /// </remarks>
    /// <param name="targets">The non-retired colours and their weights.</param>
    /// <param name="stickinessRequested">Whether the stack wants stickiness.</param>
    /// <param name="stickinessDurationSeconds">Its duration, 1–604800 s.</param>
    /// <param name="paramName">The argument name reported in exceptions.</param>
    /// <exception cref="ArgumentException">The list is empty, a colour repeats, a weight is negative or
    /// above 100, the weights do not sum to 100, or the duration is out of range.</exception>
    public static ForwardActionDecision Decide(
        IReadOnlyList<ColourWeight> targets,
        bool stickinessRequested,
        int stickinessDurationSeconds,
        string paramName = "targets")
    {
        if (targets is null || targets.Count == 0)
        {
            throw new ArgumentException(
                "The forward action needs at least one target group; pass every colour that is not retired.", paramName);
        }

        var repeated = targets.GroupBy(t => t.Colour).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
        {
            throw new ArgumentException(
                $"The colour {repeated.Key.ConfigName()} appears {repeated.Count()} times; each colour has one target group.",
                paramName);
        }

        foreach (var target in targets)
        {
            if (target.Weight is < 0 or > 100)
            {
                throw new ArgumentException(
                    $"The weight of {target.Colour.ConfigName()} is {target.Weight}; weights run from 0 to 100.", paramName);
            }
        }

        var sum = targets.Sum(t => t.Weight);
        if (sum != 100)
        {
            throw new ArgumentException(
                $"The weights must sum to 100, not {sum} ({string.Join(" + ", targets.Select(t => $"{t.Colour.ConfigName()} {t.Weight}"))}).",
                paramName);
        }

        if (stickinessDurationSeconds is < MinStickinessSeconds or > MaxStickinessSeconds)
        {
            throw new ArgumentException(
                $"The stickiness duration must be {MinStickinessSeconds}–{MaxStickinessSeconds} seconds, not {stickinessDurationSeconds}.",
                paramName);
        }

        return new ForwardActionDecision(
            [.. targets],
            StickinessAllowed(targets) && stickinessRequested,
            stickinessDurationSeconds);
    }

    /// <summary>Whether stickiness may be on: at least two target groups, none of them at weight 0.</summary>
    public static bool StickinessAllowed(IReadOnlyList<ColourWeight> targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        return targets.Count >= 2 && targets.All(t => t.Weight > 0);
    }
}
