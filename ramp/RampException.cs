using BlueGreen.Ramp.Tools;

namespace BlueGreen.Ramp;

/// <summary>Exit codes of the ramp CLI.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>Something is broken: a tool is missing or failed, the stack file or config is bad.</summary>
    public const int Error = 1;

    /// <summary>The command was refused: a gate (bake time, alarms, stabilization) or the ramp's state.</summary>
    public const int Refused = 2;

    /// <summary><c>watch</c> saw an alarm and rolled back.</summary>
    public const int RolledBack = 3;

    /// <summary><c>status</c> read the listener's weights from AWS and they differ from the stack file.</summary>
    public const int Drift = 4;

    /// <summary><c>status --live</c> could not read the live state (no credentials, or pulumi or aws failed);
    /// <c>watch</c> lost sight of the alarms through sustained AWS errors.</summary>
    public const int Unread = 5;
}

/// <summary>A failure the CLI reports as a message and an exit code, without a stack trace.</summary>
public class RampException(string message, int exitCode = ExitCodes.Error, string? detail = null) : Exception(message)
{
    /// <summary>The process exit code.</summary>
    public int ExitCode { get; } = exitCode;

    /// <summary>Further text shown under the message (a tool's stderr, a list of config problems).</summary>
    public string? Detail { get; } = detail;
}

/// <summary>The command may not go ahead now (a gate or the ramp's state); nothing was changed.</summary>
public sealed class RampRefusedException(string reason, DateTimeOffset? earliestAt = null)
    : RampException(reason, ExitCodes.Refused)
{
    /// <summary>When the command would be allowed, if only time stands in the way.</summary>
    public DateTimeOffset? EarliestAt { get; } = earliestAt;
}

/// <summary>An external program (pulumi, aws, git) is not installed.</summary>
public sealed class ToolMissingException(string tool, string why)
    : RampException($"'{tool}' was not found on PATH; install it to use this command.")
{
    public string Tool { get; } = tool;

    /// <summary>Why starting it failed, as the OS said.</summary>
    public string Why { get; } = why;
}

/// <summary>An external program ran and failed; its stderr is the detail.</summary>
public sealed class ToolFailedException(string tool, IReadOnlyList<string> arguments, ProcessResult result)
    : RampException(
        $"'{tool} {string.Join(' ', arguments)}' failed with exit code {result.ExitCode}.",
        ExitCodes.Error,
        string.IsNullOrWhiteSpace(result.StandardError) ? result.StandardOutput.Trim() : result.StandardError.Trim())
{
    public string Tool { get; } = tool;
}
