using System.ComponentModel;
using System.Diagnostics;

namespace BlueGreen.Ramp.Tools;

/// <summary>What a finished process left behind.</summary>
public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;
}

/// <summary>Runs an external program to completion, capturing its output. The one place the ramp CLI
/// starts processes; <see cref="IPulumiCli"/>, <see cref="IAwsCli"/> and <see cref="IGit"/> sit on it.</summary>
public interface IProcessRunner
{
    /// <summary>Runs <paramref name="program"/> with <paramref name="arguments"/>.</summary>
    /// <exception cref="ToolMissingException">The program is not installed (not on PATH).</exception>
    Task<ProcessResult> RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken = default);
}

/// <summary>Runs programs in one working directory (the repo root, where the stack files are).</summary>
public sealed class ProcessRunner(string workingDirectory) : IProcessRunner
{
    public async Task<ProcessResult> RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new ToolMissingException(program, e.Message);
        }

        process.StandardInput.Close(); // the tools never get to ask: confirmation is the ramp CLI's job
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return new ProcessResult(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }
}
