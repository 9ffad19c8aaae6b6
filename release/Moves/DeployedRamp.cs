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

    /// <summary>The deployed release of <paramref name="colour"/>.</summary>
    public string? ReleaseOf(Colour colour) => colour == Colour.Blue ? BlueRelease : GreenRelease;
}
