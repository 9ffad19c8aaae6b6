namespace BlueGreen.Release;

/// <summary>What is deployed, as the stack's outputs say: the live colour, the step and each colour's release.</summary>
/// <param name="Live">The live colour.</param>
/// <param name="Step">The ramp step.</param>
/// <param name="BlueRelease">Blue's image tag, or null when retired.</param>
/// <param name="GreenRelease">Green's image tag, or null when retired.</param>
/// <param name="UpdatedAt">When the last successful update finished (<c>pulumi stack history</c>): the
/// deployed step's bake counts from there, not from when the file was written.</param>
public sealed record DeployedRamp(Colour Live, int Step, string? BlueRelease, string? GreenRelease, DateTimeOffset? UpdatedAt)
{
    /// <summary>The release whose smoke test the deployed stack ran and saw pass (outputs <c>smokeRelease</c> and
    /// <c>smokePassed</c>), or null.</summary>
    public string? SmokePassedRelease { get; init; }

    /// <summary>The colour torn down in the deployed stack (it has no target group), or null.</summary>
    public Colour? Retired { get; init; }

    /// <summary>
    /// For a base file taken as deployed (<see cref="AsApplied"/>): its <c>ramp.stepSetAt</c>, when the step was set in
    /// the file. Its apply finished no earlier, so the bake counted from it is the most the step can have baked: short of
    /// the bake by this time, the step is short of it by the deployed one too. Null for what the stack's outputs say.
    /// </summary>
    public DateTimeOffset? StepSetInFileAt { get; init; }

    /// <summary>The deployed release of <paramref name="colour"/>.</summary>
    public string? ReleaseOf(Colour colour) => colour == Colour.Blue ? BlueRelease : GreenRelease;

    /// <summary>
    /// What the stack's outputs would say once <paramref name="applied"/> is applied (the stack outputs its settings'
    /// <c>liveColour</c>, <c>step</c>, <c>blueRelease</c>, <c>greenRelease</c>, and declares no target group for the
    /// retired colour): the base branch's file taken as deployed, for the offline verdict of a pull request. What
    /// only the cloud knows is unknown here: when the update finished, and whether a smoke test passed.
    /// </summary>
    public static DeployedRamp AsApplied(StackSettings applied)
    {
        ArgumentNullException.ThrowIfNull(applied);
        return new DeployedRamp(applied.Release.Live, applied.Ramp.Step, applied.Blue.ImageTag, applied.Green.ImageTag, UpdatedAt: null)
        {
            Retired = applied.Release.Retired,
            StepSetInFileAt = applied.Ramp.StepSetAt,
        };
    }

    /// <summary>
    /// How <paramref name="actual"/> (what is really deployed) differs from <paramref name="expected"/> (what a file
    /// says is deployed, <see cref="AsApplied"/>), in words; null when the live colour, the step, each release and the
    /// retired colour agree. A pull request's base file that differs means another change was applied since.
    /// </summary>
    public static string? Moved(DeployedRamp? expected, DeployedRamp? actual)
    {
        if (expected is null || actual is null)
        {
            return expected == actual ? null
                : actual is null ? "nothing is deployed yet (the stack's outputs have no live colour and step)"
                : $"the stack is deployed (step {actual.Step}, {actual.Live.ConfigName()} live) but there was nothing to compare with";
        }

        List<string> changes = [];
        if (actual.Live != expected.Live)
        {
            changes.Add($"{actual.Live.ConfigName()} is live (the base file says {expected.Live.ConfigName()})");
        }

        if (actual.Step != expected.Step)
        {
            changes.Add($"the deployed step is {actual.Step} (the base file says {expected.Step})");
        }

        foreach (var colour in Colours.All.Where(c => actual.ReleaseOf(c) != expected.ReleaseOf(c)))
        {
            changes.Add($"{colour.ConfigName()} runs {actual.ReleaseOf(colour) ?? "nothing"} (the base file says {expected.ReleaseOf(colour) ?? "nothing"})");
        }

        if (actual.Retired != expected.Retired)
        {
            changes.Add($"the retired colour is {actual.Retired?.ConfigName() ?? "none"} (the base file says {expected.Retired?.ConfigName() ?? "none"})");
        }

        return changes.Count == 0 ? null : string.Join("; ", changes);
    }
}
