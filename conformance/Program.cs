using System.Diagnostics;
using BlueGreen.Conformance;
using BlueGreen.Conformance.Models;

// .ci/conformance: exit 0 when every check holds, 1 with one line per violation, 2 when it cannot run.
var repoRoot = args.Length > 0 ? args[0] : Directory.GetCurrentDirectory();
var botocore = AwsModels.FindInstalled(out var problem);
var awsSdk = AwsSdkModels.FindInstalled(repoRoot, out var awsSdkProblem);
if (botocore is null || awsSdk is null)
{
    Console.Error.WriteLine($"conformance: {problem ?? awsSdkProblem}");
    return 2;
}

// botocore is the primary source; aws-sdk's minified models only for the operations botocore lacks.
var models = new AwsModels(botocore.DataDir, botocore.Version) { Fallback = awsSdk };

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

var violations = found.Where(f => f.Violation.Note is null).ToList();
foreach (var (violation, _) in found.Where(f => f.Violation.Note is not null).OrderBy(f => f.Violation.Note, StringComparer.Ordinal).ThenBy(f => f.Violation.Stack, StringComparer.Ordinal).ThenBy(f => f.Violation.Subject, StringComparer.Ordinal))
{
    Console.WriteLine($"{violation.Note}: {violation.Stack}: {violation.Subject}: {violation.Message}");
}

foreach (var (violation, more) in violations.OrderBy(f => f.Violation.Check, StringComparer.Ordinal).ThenBy(f => f.Violation.Stack, StringComparer.Ordinal).ThenBy(f => f.Violation.Subject, StringComparer.Ordinal))
{
    Console.WriteLine(more > 0 ? $"{violation} (+{more} more moves)" : violation.ToString());
}

Console.WriteLine($"conformance: {stage.Moves.Count} moves of prod and staging previewed; {violations.Count} violation(s); AWS models of botocore {models.Version} ({models.DataDir}), for operations it lacks aws-sdk {awsSdk.Version} ({awsSdk.ApisDir}); {clock.Elapsed.TotalSeconds:F1} s");
return violations.Count == 0 ? 0 : 1;
