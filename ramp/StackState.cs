using BlueGreen.Release;
using BlueGreen.Release.StackFiles;

namespace BlueGreen.Ramp;

/// <summary>A stack file as read: its text, its config and the validated settings.</summary>
public sealed record StackState(string Stack, string Path, string FileName, string Text, StackFile File, StackSettings Settings)
{
    /// <summary>Reads and validates <c>Pulumi.&lt;stack&gt;.yaml</c> in <paramref name="directory"/> as of <paramref name="now"/>.</summary>
    /// <exception cref="RampException">The file is missing or malformed (file and line), or the config is
    /// invalid (every problem the stack's own validation finds).</exception>
    public static StackState Load(string directory, string stack, DateTimeOffset now)
    {
        var path = StackFile.PathOf(directory, stack);
        if (!System.IO.File.Exists(path) && !System.IO.Directory.Exists(path))
        {
            throw new RampException($"{path}: no such stack file; is '{stack}' the right stack and the current directory the repo root?");
        }

        string text;
        try
        {
            text = StackFileText.Read(path);
        }
        catch (StackFileException e)
        {
            throw new RampException(e.Message);
        }

        return FromText(stack, path, text, now, "");
    }

    /// <summary>Reads and validates stack file text; <paramref name="context"/> prefixes the problem list.</summary>
    public static StackState FromText(string stack, string path, string text, DateTimeOffset now, string context)
    {
        StackFile file;
        try
        {
            file = StackFile.Parse(path, stack, text);
        }
        catch (StackFileException e)
        {
            throw new RampException($"{context}{e.Message}");
        }

        var result = StackSettingsReader.Read(key => file.Config.GetValueOrDefault(ConfigKeys.Full(key)), stack, now);
        if (!result.IsValid)
        {
            throw new RampException(
                $"{context}{path}: the config has {result.Problems.Count} problem(s)",
                ExitCodes.Error,
                string.Join(Environment.NewLine, result.Problems.Select(p => Where(path, text, p) + p.Message)));
        }

        return new StackState(stack, path, System.IO.Path.GetFileName(path), text, file, result.Settings);
    }

    private static string Where(string path, string text, ConfigProblem problem) =>
        StackFile.LineOf(text, ConfigKeys.Full(problem.Key)) is var line and > 0 ? $"{path}:{line}: " : $"{path}: ";
}
