using BlueGreen.Conformance.Aws;
using BlueGreen.Conformance.Models;
using BlueGreen.Preview;

namespace BlueGreen.Conformance.Checks;

/// <summary>
/// Check 4: an update in place may only change what the cloud can change in place. For AWS, an input is
/// updatable when the provider's update operations (<see cref="AwsMapping.UpdateOperations"/>) take the member
/// it becomes (read from the model, not listed by hand); for Kubernetes, the fields the API server refuses to
/// change (<see cref="KubernetesRules.ImmutablePaths"/>). Such a change must show as a replace.
/// </summary>
public sealed class ImmutableFieldCheck(AwsModels models) : ICheck
{
    public string Name => "immutable-field";

    public IEnumerable<Finding> Check(MoveRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        foreach (var change in run.Changes.Where(c => c.Op == PreviewOp.Update))
        {
            var type = change.Resource.Type;
            foreach (var diff in change.Diffs)
            {
                var input = TopLevel(diff.Path);
                var problem = type.StartsWith("aws:", StringComparison.Ordinal) ? AwsProblem(type, input)
                    : type.StartsWith("kubernetes:", StringComparison.Ordinal) ? KubernetesRules.ImmutableProblem(type, diff.Path)
                    : null;
                if (problem is not null)
                {
                    yield return new Finding(change.Resource.Name, $"updated in place at {diff.Path}, but {problem}: the preview must show a replace");
                }
            }
        }
    }

    private string? AwsProblem(string type, string input)
    {
        if (AwsMappings.For(type) is not { } mapping || AwsMapping.NotRequestMembers.Contains(input))
        {
            return null;
        }

        var member = mapping.Member(input);
        if (member == AwsMappings.ProviderOnly)
        {
            return null;
        }

        // Each update operation from the model that has it: botocore's, else aws-sdk's (an operation botocore predates).
        var takers = mapping.UpdateOperations
            .Where(op => member is not null && models.ForOperation(mapping.Service, op)?.InputMembers(op)?[member] is not null)
            .ToList();
        return takers.Count > 0
            ? null
            : $"no update operation of {mapping.Service} ({(mapping.UpdateOperations.Count == 0 ? "it has none for this resource" : string.Join(", ", mapping.UpdateOperations))}) takes {member ?? input}";
    }

    private static string TopLevel(string path)
    {
        var end = path.IndexOfAny(['.', '[']);
        return end < 0 ? path : path[..end];
    }
}
