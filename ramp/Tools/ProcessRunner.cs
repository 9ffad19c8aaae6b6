using System.ComponentModel;
using System.Text;
using CliWrap;
using CliWrap.Exceptions;

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
    /// <exception cref="OperationCanceledException">Cancelled; the process (and its children) was killed.</exception>
    Task<ProcessResult> RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken = default);

    /// <summary>Runs <paramref name="program"/> like <see cref="RunAsync"/> and also hands each line it prints
    /// (standard output and error) to <paramref name="onLine"/> as it comes: for long runs such as <c>pulumi up</c>,
    /// whose progress the operator should see while it happens.</summary>
    Task<ProcessResult> StreamAsync(string program, IReadOnlyList<string> arguments, Action<string> onLine, CancellationToken cancellationToken = default);
}

/// <summary>Runs programs in one working directory (the repo root, where the stack files are), with CliWrap:
/// no stdin (the tools never get to ask: confirmation is the ramp CLI's job), and the process killed when
/// the run is cancelled.</summary>
public sealed class ProcessRunner(string workingDirectory) : IProcessRunner
{
    public Task<ProcessResult> RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken = default) =>
        ExecuteAsync(program, arguments, onLine: null, cancellationToken);

    public Task<ProcessResult> StreamAsync(string program, IReadOnlyList<string> arguments, Action<string> onLine, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(onLine);
        return ExecuteAsync(program, arguments, onLine, cancellationToken);
    }

    private async Task<ProcessResult> ExecuteAsync(string program, IReadOnlyList<string> arguments, Action<string>? onLine, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var command = Cli.Wrap(program)
            .WithArguments(arguments)
            .WithWorkingDirectory(workingDirectory)
            .WithValidation(CommandResultValidation.None)
            .WithStandardInputPipe(PipeSource.Null)
            .WithStandardOutputPipe(Target(stdout, onLine))
            .WithStandardErrorPipe(Target(stderr, onLine));
        try
        {
            var result = await command.ExecuteAsync(cancellationToken).ConfigureAwait(false);
            return new ProcessResult(result.ExitCode, stdout.ToString(), stderr.ToString());
        }
        catch (Exception e) when (e is Win32Exception || (e is CliWrapException && e.InnerException is Win32Exception))
        {
            throw new ToolMissingException(program, (e.InnerException ?? e).Message);
        }
    }

    private static PipeTarget Target(StringBuilder buffer, Action<string>? onLine) =>
        onLine is null ? PipeTarget.ToStringBuilder(buffer) : PipeTarget.Merge(PipeTarget.ToStringBuilder(buffer), PipeTarget.ToDelegate(onLine));
}
