using BlueGreen.Release;

namespace BlueGreen.Components;

/// <summary>One alarm of <see cref="ReleaseAlarms"/>.</summary>
/// <param name="Colour">The colour it judges (relative alarms judge the new colour).</param>
/// <param name="Kind">What it watches.</param>
/// <param name="Name">Its CloudWatch name.</param>
public sealed record ReleaseAlarmInfo(Colour Colour, ReleaseAlarmKind Kind, string Name)
{
    /// <summary>Which topic it notifies.</summary>
    public AlarmSeverity Severity => AlarmSeverities.Of(Kind);
}
