using System.Diagnostics.CodeAnalysis;

namespace BlueGreen.Release;

/// <summary>A CloudWatch alarm's state.</summary>
public enum AlarmState
{
    Ok,
    Alarm,
    InsufficientData,
}

/// <summary>Reading CloudWatch's state names (<c>OK</c>, <c>ALARM</c>, <c>INSUFFICIENT_DATA</c>).</summary>
public static class AlarmStates
{
    /// <summary>Reads a CloudWatch state name (case-insensitive).</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out AlarmState state)
    {
        switch (text?.Trim().ToUpperInvariant())
        {
            case "OK":
                state = AlarmState.Ok;
                return true;
            case "ALARM":
                state = AlarmState.Alarm;
                return true;
            case "INSUFFICIENT_DATA":
                state = AlarmState.InsufficientData;
                return true;
            default:
                state = default;
                return false;
        }
    }

    /// <summary>Reads a CloudWatch state name.</summary>
    /// <exception cref="FormatException">Not a state name; the message lists the three.</exception>
    public static AlarmState Parse(string? text) =>
        TryParse(text, out var state)
            ? state
            : throw new FormatException($"'{text}' is not an alarm state; use OK, ALARM or INSUFFICIENT_DATA.");
}

/// <summary>One alarm's current state.</summary>
/// <param name="Name">The alarm's name, as shown to people.</param>
/// <param name="Colour">The colour the alarm judges. Relative alarms (new against old) judge the new colour.</param>
/// <param name="State">Its state now.</param>
public sealed record AlarmReading(string Name, Colour Colour, AlarmState State);

/// <summary>The alarm gate's answer.</summary>
/// <param name="Passed">Whether no alarm of the new colour is in ALARM.</param>
/// <param name="Firing">The new colour's alarms in ALARM, which block the ramp.</param>
/// <param name="Reason">A sentence fit for a PR comment or CLI output.</param>
public sealed record AlarmGateDecision(bool Passed, IReadOnlyList<AlarmReading> Firing, string Reason);

/// <summary>
/// May the ramp advance, as far as alarms go? It passes only if none of the new colour's alarms is in
/// ALARM. INSUFFICIENT_DATA does not block: at 0 % the new colour has no traffic to measure, and its
/// health is covered by the unhealthy-hosts alarm. The live colour's alarms do not block the new
/// colour's ramp (they are a reason to look, not to hold a release that may be the fix).
/// </summary>
public static class AlarmGate
{
    /// <summary>Decides from the current readings while <paramref name="newColour"/> is being ramped up.</summary>
    public static AlarmGateDecision Evaluate(Colour newColour, IEnumerable<AlarmReading> readings)
    {
        ArgumentNullException.ThrowIfNull(readings);
        var firing = readings.Where(r => r.Colour == newColour && r.State == AlarmState.Alarm).ToList();
        return firing.Count == 0
            ? new AlarmGateDecision(true, [], $"no {newColour.ConfigName()} alarm is in ALARM")
            : new AlarmGateDecision(
                false,
                firing,
                $"{newColour.ConfigName()} alarms in ALARM: {string.Join(", ", firing.Select(f => f.Name))}");
    }
}
