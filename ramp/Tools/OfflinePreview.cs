using BlueGreen.Preview;
using BlueGreen.Release.StackFiles;

namespace BlueGreen.Ramp.Tools;

/// <summary>
/// The offline preview (<c>preview/</c>): runs the program in-process with mocks for the stack file as
/// it is and as it would be, and reports what <c>pulumi preview --diff</c> would change. No credentials.
/// </summary>
public sealed class OfflinePreview : IOfflinePreview
{
    public async Task<string> PreviewAsync(StackFile current, StackFile proposed, CancellationToken cancellationToken = default)
    {
        var diff = await RunAsync(PreviewConfig.FromStackFile(current), PreviewConfig.FromStackFile(proposed), cancellationToken).ConfigureAwait(false);
        return PreviewReport.Render(diff, PreviewFormat.Text);
    }

    public async Task<string> MarkdownAsync(StackFile current, StackFile proposed, CancellationToken cancellationToken = default)
    {
        var diff = await RunAsync(PreviewConfig.FromStackFile(current), PreviewConfig.FromStackFile(proposed), cancellationToken).ConfigureAwait(false);
        return PreviewReport.Render(diff, PreviewFormat.Markdown);
    }

    /// <summary>The diff from <paramref name="current"/> to <paramref name="proposed"/>, each run in-process.</summary>
    public static async Task<PreviewDiff> RunAsync(PreviewConfig current, PreviewConfig proposed, CancellationToken cancellationToken = default)
    {
        try
        {
            return await PreviewDiff.RunAsync(current, proposed, cancellationToken).ConfigureAwait(false);
        }
        catch (PreviewException e)
        {
            throw new RampException(e.Message);
        }
    }
}
