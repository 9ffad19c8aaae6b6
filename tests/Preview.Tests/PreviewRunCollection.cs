namespace BlueGreen.Preview.Tests;

/// <summary>Whole-program runs share process-wide environment variables: one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PreviewRunCollection
{
    public const string Name = "preview runs";
}
