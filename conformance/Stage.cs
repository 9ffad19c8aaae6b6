using System.Text.Json;
using BlueGreen.Conformance.Models;
using BlueGreen.Preview;

namespace BlueGreen.Conformance;

/// <summary>One broken rule: which check, where (stack, move, resource) and what.</summary>
public sealed record Violation(string Check, string Stack, string Move, string Subject, string Message, string? Note = null)
{
    public override string ToString() => $"{Check}: {Stack}: {Subject}: {Message} [{Move}]";
}

/// <summary>A finding of a check on one move, before the stage says which stack and move.</summary>
/// <param name="Subject">The resource or document the finding is about.</param>
/// <param name="Message">What is wrong, and what the model allows.</param>
/// <param name="Note">Not a violation when set: how far something is checked, as the report labels it (<c>unchecked</c>, or <c>checked (aws-sdk ...)</c> for an operation newer than
/// botocore, checked against the aws-sdk model, which carries no constraints).</param>
public sealed record Finding(string Subject, string Message, string? Note = null);

/// <summary>A move as the checks see it: the resources after and before (null for a new stack) and what changes.</summary>
public sealed record MoveRun(Move Move, IReadOnlyList<PreviewResource> After, IReadOnlyList<PreviewResource>? Before, IReadOnlyList<ResourceChange> Changes, AwsModels Models)
{
    /// <summary>The move of two preview runs: their diff, or every resource created when the stack is new.</summary>
    public static MoveRun Of(Move move, PreviewRun? before, PreviewRun after, AwsModels models)
    {
        ArgumentNullException.ThrowIfNull(after);
        var changes = before is null
            ? [.. after.Resources.Select(r => new ResourceChange(PreviewOp.Create, null, r, []))]
            : PreviewDiff.Between(before, after).Resources;
        return new MoveRun(move, after.Resources, before?.Resources, changes, models);
    }
}

/// <summary>One kind of check.</summary>
public interface ICheck
{
    string Name { get; }

    IEnumerable<Finding> Check(MoveRun run);
}

/// <summary>
/// The stage: previews every move of every stack (each distinct config runs once), hands each move to every
/// check, and reports each violation once (the first move it shows in, and how many more).
/// </summary>
public sealed class Stage(string repoRoot, AwsModels models, IReadOnlyList<ICheck> checks)
{
    private readonly Dictionary<string, PreviewRun> _runs = new(StringComparer.Ordinal);

    /// <summary>The moves the last run previewed.</summary>
    public List<Move> Moves { get; } = [];

    public static IReadOnlyList<ICheck> AllChecks(AwsModels models) =>
        [new Checks.AwsRequestCheck(models), new Checks.DocumentCheck(models), new Checks.KubernetesSchemaCheck(), new Checks.KubernetesCheck(), new Checks.ImmutableFieldCheck(models), new Checks.ApplyOrderCheck()];

    public async Task<IReadOnlyList<(Violation Violation, int MoreMoves)>> RunAsync(IEnumerable<string> stacks, Action<string>? progress = null)
    {
        var found = new Dictionary<(string, string, string, string), (Violation First, int More)>();
        foreach (var stack in stacks)
        {
            foreach (var move in Scenarios.For(repoRoot, stack))
            {
                progress?.Invoke($"{stack}: {move.Name}");
                Moves.Add(move);
                var run = await RunAsync(move).ConfigureAwait(false);
                foreach (var check in checks)
                {
                    foreach (var finding in check.Check(run).Distinct())
                    {
                        var key = (check.Name, stack, finding.Subject, finding.Message);
                        found[key] = found.TryGetValue(key, out var seen)
                            ? (seen.First, seen.More + 1)
                            : (new Violation(check.Name, stack, move.Name, finding.Subject, finding.Message, finding.Note), 0);
                    }
                }
            }
        }

        return [.. found.Values.Select(v => (v.First, v.More))];
    }

    /// <summary>The previews of a move and their diff.</summary>
    public async Task<MoveRun> RunAsync(Move move)
    {
        ArgumentNullException.ThrowIfNull(move);
        var after = await PreviewOf(move.After).ConfigureAwait(false);
        var before = move.Before is null ? null : await PreviewOf(move.Before).ConfigureAwait(false);
        return MoveRun.Of(move, before, after, models);
    }

    private async Task<PreviewRun> PreviewOf(PreviewConfig config)
    {
        var key = config.Stack + JsonSerializer.Serialize(config.Values);
        if (!_runs.TryGetValue(key, out var run))
        {
            run = await PreviewRun.RunAsync(config).ConfigureAwait(false);
            _runs[key] = run;
        }

        return run;
    }
}
