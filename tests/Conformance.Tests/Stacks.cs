using System.Text.Json.Nodes;
using BlueGreen.Conformance.Models;
using BlueGreen.Preview;

namespace BlueGreen.Conformance.Tests;

/// <summary>
/// The real prod stack's previews (as committed, and the move that starts a release on the retired colour), run
/// once for all tests, and helpers to plant a mistake in one resource.
/// </summary>
public sealed class Stacks : IAsyncLifetime
{
    public static string RepoRoot { get; } = FindRoot();

    /// <summary>The aws-sdk models in this checkout's .ci/node_modules (installed by .ci/run and .ci/conformance from
    /// .ci/package-lock.json), or null; <see cref="RequireAwsSdk"/> fails a test that needs them.</summary>
    public static AwsSdkModels? AwsSdk { get; } = AwsSdkModels.FindInstalled(RepoRoot, out _);

    /// <summary>The installed botocore models with the aws-sdk ones as their fallback, as .ci/conformance runs them,
    /// or null (then the tests that need botocore are skipped).</summary>
    public static AwsModels? Models { get; } = AwsModels.FindInstalled(out _) is { } botocore
        ? new AwsModels(botocore.DataDir, botocore.Version) { Fallback = AwsSdk }
        : null;

    /// <summary>The aws-sdk models; a test that needs them fails, saying how to install them, when they are missing
    /// (never skipped: CI installs them before the tests).</summary>
    public static AwsSdkModels RequireAwsSdk()
    {
        if (AwsSdk is null)
        {
            AwsSdkModels.FindInstalled(RepoRoot, out var problem);
            Assert.Fail($"{problem} (.ci/run installs them before the tests)");
        }

        return AwsSdk;
    }

    /// <summary>No models: for the checks that do not read them.</summary>
    public static AwsModels NoModels { get; } = new("/nonexistent", "none");

    public MoveRun Committed { get; private set; } = null!;

    public IReadOnlyList<Move> Moves { get; private set; } = [];

    public Stage Stage { get; } = new(RepoRoot, Models ?? NoModels, []);

    public async Task InitializeAsync()
    {
        Moves = Scenarios.For(RepoRoot, "prod");
        Committed = await Stage.RunAsync(Moves[0]);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>The move named <paramref name="name"/>, previewed.</summary>
    public Task<MoveRun> MoveAsync(string name) => Stage.RunAsync(Moves.First(m => m.Name == name));

    /// <summary><paramref name="run"/> with the resource named <paramref name="name"/>'s inputs changed by <paramref name="plant"/>.</summary>
    public static MoveRun Planted(MoveRun run, string name, Action<JsonObject> plant)
    {
        PreviewResource Change(PreviewResource r)
        {
            if (r.Name != name)
            {
                return r;
            }

            var inputs = (JsonObject)r.Inputs.DeepClone();
            plant(inputs);
            return r with { Inputs = inputs };
        }

        Assert.Contains(run.After, r => r.Name == name);
        return run with
        {
            After = [.. run.After.Select(Change)],
            Changes = [.. run.Changes.Select(c => c with { Proposed = c.Proposed is null ? null : Change(c.Proposed) })],
        };
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BlueGreen.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("BlueGreen.sln not found above the test binaries");
    }
}

[CollectionDefinition(nameof(Stacks), DisableParallelization = true)]
public sealed class StacksCollection : ICollectionFixture<Stacks>;

/// <summary>A test that reads AWS's models: skipped, saying how to install them, when they are not installed
/// (.ci/conformance installs them; the rest of the suite needs no apt package).</summary>
public sealed class ModelsFactAttribute : FactAttribute
{
    public ModelsFactAttribute()
    {
        if (Stacks.Models is null)
        {
            Skip = "AWS's models are not installed: apt-get install -y python3-botocore (.ci/conformance does)";
        }
    }
}
