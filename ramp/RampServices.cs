using BlueGreen.Ramp.Tools;
using Spectre.Console;

namespace BlueGreen.Ramp;

/// <summary>Everything the commands reach outside themselves; tests pass mocks and a fake clock.</summary>
/// <param name="Directory">Where the stack files are (the repo root, the current directory).</param>
/// <param name="Pulumi">The Pulumi CLI.</param>
/// <param name="Aws">The AWS CLI.</param>
/// <param name="Git">Git, for the stack file's committed state.</param>
/// <param name="Time">The clock; nothing else reads the time.</param>
/// <param name="Console">Where the commands write.</param>
/// <param name="Confirmation">Asks before <c>pulumi up</c>.</param>
/// <param name="OfflinePreview">The in-process preview of <c>--dry-run</c>.</param>
/// <param name="Sleeper">Waits between polls and retries.</param>
public sealed record RampServices(
    string Directory,
    IPulumiCli Pulumi,
    IAwsCli Aws,
    IGit Git,
    TimeProvider Time,
    IAnsiConsole Console,
    IConfirmation Confirmation,
    IOfflinePreview OfflinePreview,
    ISleeper Sleeper)
{
    /// <summary>GitHub (the gh CLI), for <c>ramp advance</c>'s pull requests and <c>status</c>'s open proposal.</summary>
    public IGitHub GitHub { get; init; } = NoGitHub.Instance;

    /// <summary>A file to append a run's markdown summary to (GitHub Actions' <c>GITHUB_STEP_SUMMARY</c>), or null.</summary>
    public string? StepSummary { get; init; }

    /// <summary>The real tools, run in <paramref name="directory"/>, the system clock and the terminal.</summary>
    public static RampServices CreateDefault(string directory)
    {
        var runner = new ProcessRunner(directory);
        var console = AnsiConsole.Console;
        return new RampServices(
            directory,
            // pulumi up's progress is status, not data: it goes to stderr as it happens.
            new PulumiCli(runner, line => System.Console.Error.WriteLine(line)),
            new AwsCli(runner),
            new Git(runner),
            TimeProvider.System,
            console,
            new ConsoleConfirmation(console),
            new OfflinePreview(),
            new TimeProviderSleeper(TimeProvider.System))
        {
            GitHub = new GitHubCli(runner),
            StepSummary = Environment.GetEnvironmentVariable("GITHUB_STEP_SUMMARY") is { Length: > 0 } summary ? summary : null,
        };
    }
}
