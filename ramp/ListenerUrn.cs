using BlueGreen.Components;

namespace BlueGreen.Ramp;

/// <summary>
/// The Pulumi URN of the HTTPS listener the ramp moves, as the real engine writes it (the whole chain of
/// component types, the stack left out): what <c>pulumi up --target</c> takes for the emergency path.
/// </summary>
public static class ListenerUrn
{
    /// <summary>The Pulumi project (Pulumi.yaml).</summary>
    public const string Project = "bluegreen";

    /// <summary>The HTTPS listener of <paramref name="appName"/>'s stack <paramref name="stack"/>.</summary>
    public static string Of(string stack, string appName) =>
        $"urn:pulumi:{stack}::{Project}::{WeightedListener.TypeToken}$aws:lb/listener:Listener::{appName}-edge-https";
}
