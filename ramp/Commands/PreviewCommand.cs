using System.Globalization;
using BlueGreen.Preview;
using BlueGreen.Ramp.Tools;
using BlueGreen.Release;
using BlueGreen.Release.StackFiles;
using Spectre.Console;

namespace BlueGreen.Ramp;

/// <summary>What <c>ramp preview</c> was asked for.</summary>
/// <param name="Stack">The stack whose file is previewed.</param>
/// <param name="Step">Preview moving the ramp to this step (sets ramp.step and ramp.stepSetAt = now).</param>
/// <param name="Set">Other proposed changes, <c>key=value</c> (bare keys are <c>bluegreen:</c> keys; <c>key=</c> removes one).</param>
/// <param name="Format">The report's format.</param>
/// <param name="OutputPath">Where to write the report; markdown also writes the ramp chart (PNG) next to it.</param>
/// <param name="FromFile">A stack file to compare from instead of the current one, e.g. the file on the base
/// branch of a pull request (<c>git show origin/main:Pulumi.prod.yaml</c>); the stack's own file is then the
/// proposed side.</param>
public sealed record PreviewRequest(string Stack, int? Step, IReadOnlyList<string> Set, PreviewFormat Format, string? OutputPath, string? FromFile = null);

/// <summary>
/// <c>ramp preview</c>: what a config change would do to the stack, computed offline. It writes no stack
/// file and runs no pulumi, so it also previews uncommitted edits (no clean-tree check).
/// </summary>
public static class PreviewCommand
{
    public static async Task<int> RunAsync(RampServices services, PreviewRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(request);
        var format = request.Format;
        if (request.OutputPath is { } outPath)
        {
            RequireOutFolder(outPath); // before the preview runs, not after
        }

        var state = StackState.Load(services.Directory, request.Stack, services.Time.GetUtcNow());
        var own = PreviewConfig.FromStackFile(state.File);
        var current = request.FromFile is { } from
            ? PreviewConfig.FromStackFile(StackState.FromText(request.Stack, from, ReadFrom(from), services.Time.GetUtcNow(), "--from: ").File)
            : own;
        var proposed = own.With(Overrides(request, services.Time.GetUtcNow()));

        var diff = await OfflinePreview.RunAsync(current, proposed, cancellationToken).ConfigureAwait(false);

        if (request.OutputPath is { } path)
        {
            var written = format == PreviewFormat.Markdown
                ? WriteMarkdown(diff, path)
                : WriteText(path, PreviewReport.Render(diff, format));
            services.Console.WriteLine(written);
        }
        else
        {
            // Plain output, so that JSON and markdown can be redirected as they are.
            Console.Out.WriteLine(PreviewReport.Render(diff, format));
        }

        return ExitCodes.Ok;
    }

    private static string ReadFrom(string path)
    {
        try
        {
            return StackFileText.Read(path);
        }
        catch (StackFileException e)
        {
            throw new RampException($"--from {e.Message}");
        }
    }

    private static IReadOnlyDictionary<string, string?> Overrides(PreviewRequest request, DateTimeOffset now)
    {
        var overrides = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (request.Step is { } step)
        {
            overrides[ConfigKeys.RampStep] = step.ToString(CultureInfo.InvariantCulture);
            overrides[ConfigKeys.RampStepSetAt] = UtcTimestamp.Format(now);
        }

        try
        {
            foreach (var (key, value) in PreviewConfig.ParseOverrides(request.Set))
            {
                overrides[key] = value;
            }
        }
        catch (FormatException e)
        {
            throw new RampException($"--set: {e.Message}");
        }

        return overrides;
    }

    private static string WriteMarkdown(PreviewDiff diff, string path)
    {
        var chart = PreviewReport.WriteMarkdown(diff, path);
        return $"Wrote {path} and {chart}.";
    }

    private static string WriteText(string path, string text)
    {
        File.WriteAllText(path, text);
        return $"Wrote {path}.";
    }

    /// <summary>--out names a file in a folder that exists: the preview makes no folders.</summary>
    internal static void RequireOutFolder(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (Directory.Exists(path))
        {
            throw new RampException($"--out {path}: is a folder; name a file in it, e.g. {Path.Combine(path, "preview.md")}.");
        }

        if (folder is not null && !Directory.Exists(folder))
        {
            throw new RampException($"--out {path}: the folder {folder} does not exist; create it first or name a file in an existing folder.");
        }
    }
}
