using BlueGreen.Release.StackFiles;
using Spectre.Console;

namespace BlueGreen.Ramp.Tools;

/// <summary>
/// The offline preview of a changed stack file: what <c>--dry-run</c> shows instead of running pulumi
/// (<see cref="OfflinePreview"/>; tests pass a mock).
/// </summary>
public interface IOfflinePreview
{
    /// <summary>Previews the stack going from <paramref name="current"/> to <paramref name="proposed"/> (both as
    /// already read: nothing is parsed again); returns the text to show.</summary>
    Task<string> PreviewAsync(StackFile current, StackFile proposed, CancellationToken cancellationToken = default);

    /// <summary>The same preview as markdown, as <c>ramp preview --format markdown</c> prints it (a pull request's body).</summary>
    Task<string> MarkdownAsync(StackFile current, StackFile proposed, CancellationToken cancellationToken = default);
}

/// <summary>Asks the operator before <c>pulumi up</c>.</summary>
public interface IConfirmation
{
    /// <summary>Whether someone can answer (standard input is a terminal).</summary>
    bool CanAsk { get; }

    /// <summary>Asks a yes/no question; false unless the answer is yes.</summary>
    bool Ask(string question);
}

/// <summary>Asks on the console, only when standard input is not redirected.</summary>
public sealed class ConsoleConfirmation(IAnsiConsole console) : IConfirmation
{
    public bool CanAsk => !Console.IsInputRedirected;

    public bool Ask(string question) => CanAsk && console.Confirm(question, defaultValue: false);
}

/// <summary>Waits between polls; tests pass one that moves a fake clock.</summary>
public interface ISleeper
{
    Task SleepAsync(TimeSpan duration, CancellationToken cancellationToken = default);
}

/// <summary>Sleeps on <paramref name="time"/>.</summary>
public sealed class TimeProviderSleeper(TimeProvider time) : ISleeper
{
    public Task SleepAsync(TimeSpan duration, CancellationToken cancellationToken = default) =>
        Task.Delay(duration, time, cancellationToken);
}
