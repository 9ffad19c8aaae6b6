using System.Diagnostics;
using System.Globalization;
using BlueGreen.Preview;

// Usage: bench [--repo DIR] [--stack prod] [--format text|json|markdown] [--out FILE.md] [--repeat N] [--from key=value ...] [key=value ...]
// Previews the stack file with the --from overrides (current) against it with the others too (proposed).
// Prints the preview (of the last repetition) on stdout and the timings on stderr.
var repo = FindRepoRoot();
var stack = "prod";
var format = PreviewFormat.Text;
string? output = null;
var repeat = 1;
var overrides = new List<string>();
var from = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--repo": repo = args[++i]; break;
        case "--stack": stack = args[++i]; break;
        case "--format": format = PreviewReport.ParseFormat(args[++i]); break;
        case "--out": output = args[++i]; break;
        case "--repeat": repeat = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--from": from.Add(args[++i]); break;
        default: overrides.Add(args[i]); break;
    }
}

var sinceStart = DateTime.Now - Process.GetCurrentProcess().StartTime;
var current = PreviewConfig.Load(repo, stack).With(PreviewConfig.ParseOverrides(from));
var proposed = current.With(PreviewConfig.ParseOverrides(overrides));
PreviewDiff? diff = null;
for (var n = 1; n <= repeat; n++)
{
    var clock = Stopwatch.StartNew();
    try
    {
        diff = await PreviewDiff.RunAsync(current, proposed);
    }
    catch (PreviewException e)
    {
        Console.Error.WriteLine($"bench: {e.Message}");
        return 1;
    }

    var text = output is not null && format == PreviewFormat.Markdown
        ? $"wrote {output} and {PreviewReport.WriteMarkdown(diff, output)}\n"
        : PreviewReport.Render(diff, format);
    clock.Stop();
    if (n == repeat)
    {
        Console.Write(text);
    }

    await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
        $"preview {n}/{repeat} of {stack}: {clock.Elapsed.TotalMilliseconds:F0} ms ({diff.Resources.Count} resources)"));
}

await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
    $"process start to main: {sinceStart.TotalMilliseconds:F0} ms; process start to end: {(DateTime.Now - Process.GetCurrentProcess().StartTime).TotalMilliseconds:F0} ms"));
return 0;

static string FindRepoRoot()
{
    foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Pulumi.yaml")))
            {
                return dir.FullName;
            }
        }
    }

    throw new InvalidOperationException("Pulumi.yaml not found; pass --repo");
}
