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

    /// <summary>The CloudWatch name of a state.</summary>
    public static string Name(AlarmState state) => state switch
    {
        AlarmState.Alarm => "ALARM",
        AlarmState.InsufficientData => "INSUFFICIENT_DATA",
        _ => "OK",
    };

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
/// <param name="Severity">Critical alarms gate the ramp; warnings are shown and never block.</param>
public sealed record AlarmReading(string Name, Colour Colour, AlarmState State, AlarmSeverity Severity = AlarmSeverity.Critical);

/// <summary>The alarm gate's answer.</summary>
/// <param name="Passed">Whether no critical alarm of the new colour is in ALARM or without data.</param>
/// <param name="Firing">The new colour's critical alarms in ALARM or INSUFFICIENT_DATA, which block the ramp.</param>
/// <param name="Reason">A sentence fit for a PR comment or CLI output.</param>
public sealed record AlarmGateDecision(bool Passed, IReadOnlyList<AlarmReading> Firing, string Reason)
{
    /// <summary>The new colour's warnings in ALARM: shown with the decision, never a reason to hold.</summary>
    public IReadOnlyList<AlarmReading> Warnings { get; init; } = [];
}

/// <summary>
/// May the ramp advance, as far as alarms go? It holds while any of the new colour's <b>critical</b> alarms is
/// in ALARM, or in INSUFFICIENT_DATA while the colour has weight: the critical alarms treat a minute without
/// requests as missing, so "no data" from one means the colour took no requests in its window, has not been
/// evaluated yet or lost its metrics (a colour with no healthy target sends none) — no evidence that it is
/// healthy. At 0 % (step 0) no data is what is expected and holds nothing. Warning alarms are shown and never hold a step (they warn;
/// passing one is no longer a matter of overriding the gate). The live colour's alarms do not block the new
/// colour's ramp (they are a reason to look, not to hold a release that may be the fix).
/// </summary>
public static class AlarmGate
{
    /// <summary>Decides from the current readings while <paramref name="newColour"/> is being ramped up.</summary>
    /// <param name="newColour">The colour being ramped up.</param>
    /// <param name="readings">The alarms' states.</param>
    /// <param name="takesTraffic">Whether the colour has weight now. At 0 % it has no requests, so its critical alarms
    /// (which treat a minute without requests as missing) read INSUFFICIENT_DATA by design: that holds nothing; with
    /// weight, no data is no evidence of health and holds the step.</param>
    public static AlarmGateDecision Evaluate(Colour newColour, IEnumerable<AlarmReading> readings, bool takesTraffic = true)
    {
        ArgumentNullException.ThrowIfNull(readings);
        var mine = readings.Where(r => r.Colour == newColour).ToList();
        var firing = mine.Where(r => r.Severity == AlarmSeverity.Critical
                                     && (r.State == AlarmState.Alarm || (r.State == AlarmState.InsufficientData && takesTraffic))).ToList();
        var warnings = mine.Where(r => r.Severity == AlarmSeverity.Warning && r.State == AlarmState.Alarm).ToList();
        return firing.Count == 0
            ? new AlarmGateDecision(true, [], $"no critical {newColour.ConfigName()} alarm is in ALARM or without data") { Warnings = warnings }
            : new AlarmGateDecision(
                false,
                firing,
                $"critical {newColour.ConfigName()} alarms not OK: {string.Join(", ", firing.Select(f => $"{f.Name} ({AlarmStates.Name(f.State)})"))}")
            {
                Warnings = warnings,
            };
    }
}
