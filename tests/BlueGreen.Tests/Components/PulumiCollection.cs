namespace BlueGreen.Tests.Components;

/// <summary>
/// Component tests run one at a time: each drives a whole Pulumi test deployment, and the deployment
/// (like the official SDK's) is process-wide state best not shared between tests running in parallel.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PulumiCollection
{
    public const string Name = "Pulumi deployments";
}
