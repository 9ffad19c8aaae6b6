using BlueGreen.Release;
using BlueGreen.Release.Formats;

namespace BlueGreen.Components;

/// <summary>
/// What the load balancer accepts of a forward action, checked without Pulumi. The weights and whether
/// stickiness is on are decided by the release model (<see cref="TrafficSplit.ForwardAction"/>); the
/// listener sends what it is given, after these checks.
/// </summary>
public static class ForwardActionRules
{
    /// <summary>Checks <paramref name="action"/> against the API's rules and that every target has its target group.</summary>
    /// <exception cref="ArgumentException">The action is empty, a colour repeats or has no target group ARN, a weight
    /// is outside 0–100, the weights do not sum to 100, or the stickiness duration is outside 1–604800 s.</exception>
    public static void Validate(ForwardAction? action, IReadOnlyDictionary<Colour, Pulumi.Input<string>>? targetGroupArns, string paramName)
    {
        if (action is null || action.Targets.Count == 0)
        {
            throw new ArgumentException(
                "The forward action needs at least one target group; pass every colour that is not retired.", paramName);
        }

        var repeated = action.Targets.GroupBy(t => t.Colour).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
        {
            throw new ArgumentException(
                $"The colour {repeated.Key.ConfigName()} appears {repeated.Count()} times; each colour has one target group.", paramName);
        }

        foreach (var target in action.Targets)
        {
            if (target.Weight is < 0 or > 100)
            {
                throw new ArgumentException(
                    $"The weight of {target.Colour.ConfigName()} is {target.Weight}; weights run from 0 to 100.", paramName);
            }

            if (targetGroupArns?.GetValueOrDefault(target.Colour) is null)
            {
                throw new ArgumentException($"The forward action's {target.Colour.ConfigName()} needs its target group ARN.", paramName);
            }
        }

        var sum = action.Targets.Sum(t => t.Weight);
        if (sum != 100)
        {
            throw new ArgumentException(
                $"The weights must sum to 100, not {sum} ({string.Join(" + ", action.Targets.Select(t => $"{t.Colour.ConfigName()} {t.Weight}"))}).",
                paramName);
        }

        if (action.Stickiness.DurationSeconds is < AwsFormats.MinStickinessSeconds or > AwsFormats.MaxStickinessSeconds)
        {
            throw new ArgumentException(
                $"The stickiness duration must be {AwsFormats.MinStickinessSeconds}–{AwsFormats.MaxStickinessSeconds} seconds, not {action.Stickiness.DurationSeconds}.",
                paramName);
        }
    }
}
