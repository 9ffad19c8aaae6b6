using System.Diagnostics;
using BlueGreen.Conformance;
using BlueGreen.Conformance.Models;

// .ci/conformance: exit 0 when every check holds, 1 with one line per violation, 2 when it cannot run.
var repoRoot = args.Length > 0 ? args[0] : Directory.GetCurrentDirectory();
var models = AwsModels.FindInstalled(out var problem);
if (models is null)
{
    Console.Error.WriteLine($"conformance: {problem}");
    return 2;
}

Console.WriteLine($"conformance: Kubernetes objects against Kubernetes {BlueGreen.Conformance.Kubernetes.KubernetesSchema.Version} (the oldest EKS version in standard support), from {BlueGreen.Conformance.Kubernetes.KubernetesSchema.Source}");
var clock = Stopwatch.StartNew();
var stage = new Stage(repoRoot, models, Stage.AllChecks(models));
IReadOnlyList<(Violation Violation, int MoreMoves)> found;
try
{
    found = await stage.RunAsync(["prod", "staging"], args.Contains("--verbose") ? m => Console.Error.WriteLine($"  preview: {m}") : null);
}
catch (Exception e) when (e is BlueGreen.Preview.PreviewException or InvalidOperationException or IOException)
{
    Console.Error.WriteLine($"conformance: {e.Message}");
    return 2;
}

if (args.Contains("--verbose"))
{
    Scenarios.Refusals.ForEach(r => Console.Error.WriteLine($"  refused: {r}"));
}

var violations = found.Where(f => !f.Violation.Unchecked).ToList();
foreach (var (violation, _) in found.Where(f => f.Violation.Unchecked))
{
    Console.WriteLine($"unchecked: {violation.Stack}: {violation.Subject}: {violation.Message}");
}

foreach (var (violation, more) in violations.OrderBy(f => f.Violation.Check, StringComparer.Ordinal).ThenBy(f => f.Violation.Stack, StringComparer.Ordinal).ThenBy(f => f.Violation.Subject, StringComparer.Ordinal))
{
    Console.WriteLine(more > 0 ? $"{violation} (+{more} more moves)" : violation.ToString());
}

Console.WriteLine($"conformance: {stage.Moves.Count} moves of prod and staging previewed; {violations.Count} violation(s); AWS models of botocore {models.Version} ({models.DataDir}); {clock.Elapsed.TotalSeconds:F1} s");
return violations.Count == 0 ? 0 : 1;
