using System.Text.Json;
using System.Text.Json.Nodes;
using BlueGreen.Release;

namespace BlueGreen.Ramp.Tools;

/// <summary>The Pulumi CLI, as the ramp uses it.</summary>
public interface IPulumiCli
{
    /// <summary>Checks that the CLI is installed and runs (<c>pulumi version</c>); returns the version.</summary>
    /// <exception cref="ToolMissingException">pulumi is not installed.</exception>
    /// <exception cref="ToolFailedException">pulumi failed.</exception>
    Task<string> VersionAsync(CancellationToken cancellationToken = default);

    /// <summary><c>pulumi preview --diff --stack S</c>; returns what it printed.</summary>
    Task<string> PreviewAsync(string stack, CancellationToken cancellationToken = default);

    /// <summary><c>pulumi up --yes --stack S</c>; returns what it printed.</summary>
    Task<string> UpAsync(string stack, CancellationToken cancellationToken = default);

    /// <summary><c>pulumi up --yes --stack S --target URN</c>: applies that one resource and nothing else
    /// (the emergency path: no whole-stack preview or update to fail); returns what it printed.</summary>
    Task<string> UpTargetAsync(string stack, string targetUrn, CancellationToken cancellationToken = default);

    /// <summary><c>pulumi stack output --json --stack S</c>: the stack's outputs.</summary>
    Task<StackOutputs> StackOutputsAsync(string stack, CancellationToken cancellationToken = default);

    /// <summary><c>pulumi stack export --stack S</c>: the live state (every resource with its outputs, failed ones too).</summary>
    Task<string> StackExportAsync(string stack, CancellationToken cancellationToken = default);

    /// <summary><c>pulumi stack history --json --stack S</c>: when the last successful update finished, or null.</summary>
    Task<DateTimeOffset?> LastUpdateFinishedAsync(string stack, CancellationToken cancellationToken = default);

    /// <summary><c>pulumi stack history --json --stack S</c>: the successful updates with their config and commit.</summary>
    Task<IReadOnlyList<AppliedUpdate>> AppliedUpdatesAsync(string stack, CancellationToken cancellationToken = default);
}

/// <summary>The stack outputs the ramp reads (see stacks/BlueGreenStack.cs).</summary>
/// <param name="AlarmNames">Alarm names by "colour.Kind", e.g. "green.ErrorRateCritical".</param>
/// <param name="CompositeAlarmArn">The composite rollback alarm, when the stack has a new colour.</param>
/// <param name="ListenerArn">The HTTPS listener, when the stack exports it (<c>listenerArn</c>).</param>
/// <param name="TargetGroupArns">Each colour's target group ARN, from <c>blueTargetGroupArn</c> / <c>greenTargetGroupArn</c>.</param>
public sealed record StackOutputs(
    IReadOnlyDictionary<string, string> AlarmNames,
    string? CompositeAlarmArn,
    string? ListenerArn,
    IReadOnlyDictionary<Colour, string> TargetGroupArns)
{
    public static StackOutputs Empty { get; } = new(new Dictionary<string, string>(), null, null, new Dictionary<Colour, string>());

    /// <summary>Reads the JSON printed by <c>pulumi stack output --json</c>.</summary>
    /// <exception cref="RampException">The text is not a JSON object.</exception>
    public static StackOutputs Parse(string json)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(json) as JsonObject ?? throw new RampException("'pulumi stack output --json' did not print a JSON object.");
        }
        catch (JsonException e)
        {
            throw new RampException($"'pulumi stack output --json' printed text that is not JSON: {e.Message}");
        }

        var alarms = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root[StackContract.Outputs.AlarmNames] is JsonObject names)
        {
            foreach (var (key, value) in names)
            {
                if (value is JsonValue v && v.TryGetValue<string>(out var name))
                {
                    alarms[key] = name;
                }
            }
        }

        var groups = new Dictionary<Colour, string>();
        foreach (var colour in Colours.All)
        {
            if (Text(root, StackContract.Outputs.TargetGroupArn(colour)) is { } arn)
            {
                groups[colour] = arn;
            }
        }

        return new StackOutputs(alarms, Text(root, StackContract.Outputs.CompositeAlarmArn), Text(root, StackContract.Outputs.ListenerArn), groups)
        {
            Live = Colours.TryParse(Text(root, StackContract.Outputs.LiveColour), out var live) ? live : null,
            Step = root[StackContract.Outputs.Step] is JsonValue step && step.TryGetValue<double>(out var number) ? (int)number : null,
            Releases = Colours.All.Where(c => Text(root, StackContract.Outputs.Release(c)) is not null).ToDictionary(c => c, c => Text(root, StackContract.Outputs.Release(c))!),
            SmokeJob = Text(root, StackContract.Outputs.SmokeJob),
            SmokeRelease = Text(root, StackContract.Outputs.SmokeRelease),
            SmokePassed = root[StackContract.Outputs.SmokePassed] is JsonValue passed && passed.TryGetValue<bool>(out var ok) ? ok : null,
        };
    }

    /// <summary>The deployed live colour (<c>liveColour</c>), or null when the stack does not say.</summary>
    public Colour? Live { get; init; }

    /// <summary>The deployed ramp step (<c>step</c>), or null.</summary>
    public int? Step { get; init; }

    /// <summary>Each deployed colour's release (<c>blueRelease</c>, <c>greenRelease</c>).</summary>
    public IReadOnlyDictionary<Colour, string> Releases { get; init; } = new Dictionary<Colour, string>();

    /// <summary>The smoke Job of the last successful update (<c>smokeJob</c>), or null.</summary>
    public string? SmokeJob { get; init; }

    /// <summary>The release the smoke Job's own label names (<c>smokeRelease</c>), or null.</summary>
    public string? SmokeRelease { get; init; }

    /// <summary>Whether it passed (<c>smokePassed</c>); null when the stack does not say.</summary>
    public bool? SmokePassed { get; init; }

    /// <summary>What is deployed, for the apply-time gate; null when the outputs do not say (nothing deployed yet).
    /// The smoke result comes from the live Jobs (<paramref name="smokeJobs"/>, <c>pulumi stack export</c>), never from
    /// these outputs, which a failed update leaves as they were.</summary>
    public DeployedRamp? Deployed(DateTimeOffset? updatedAt, IReadOnlyList<SmokeJobState> smokeJobs, string? release) => Live is { } live && Step is { } step
        ? new DeployedRamp(live, step, Releases.GetValueOrDefault(Colour.Blue), Releases.GetValueOrDefault(Colour.Green), updatedAt)
        {
            SmokePassedRelease = SmokeJobState.PassedRelease(smokeJobs, release),
            Retired = TargetGroupArns.Count == 1 ? Colours.All.First(c => !TargetGroupArns.ContainsKey(c)) : null,
        }
        : null;

    /// <summary>The alarm names of <paramref name="colour"/> ("colour.Kind" keys), by kind.</summary>
    public IReadOnlyList<(string Kind, string Name)> AlarmsOf(Colour colour)
    {
        var prefix = colour.ConfigName() + ".";
        return [.. AlarmNames
            .Where(p => p.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => (p.Key[prefix.Length..], p.Value))];
    }

    /// <summary>The composite alarm's name (the last part of its ARN), if there is one.</summary>
    public string? CompositeAlarmName =>
        CompositeAlarmArn is { } arn && arn.LastIndexOf(":alarm:", StringComparison.Ordinal) is var at and >= 0
            ? arn[(at + ":alarm:".Length)..]
            : null;

    private static string? Text(JsonObject root, string key) =>
        root[key] is JsonValue v && v.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;
}

/// <summary>The Pulumi CLI through the process runner, in the repo root. With <paramref name="progress"/>,
/// <c>pulumi up</c>'s output reaches it line by line while the update runs (the operator sees each resource
/// as it changes, not only the end).</summary>
public sealed class PulumiCli(IProcessRunner runner, Action<string>? progress = null) : IPulumiCli
{
    private const string Tool = "pulumi";

    public async Task<string> VersionAsync(CancellationToken cancellationToken = default) =>
        (await RunAsync(["version"], cancellationToken).ConfigureAwait(false)).Trim();

    public Task<string> PreviewAsync(string stack, CancellationToken cancellationToken = default) =>
        RunAsync(["preview", "--diff", "--stack", stack], cancellationToken);

    public Task<string> UpAsync(string stack, CancellationToken cancellationToken = default) =>
        StreamAsync(["up", "--yes", "--stack", stack], cancellationToken);

    public Task<string> UpTargetAsync(string stack, string targetUrn, CancellationToken cancellationToken = default) =>
        StreamAsync(["up", "--yes", "--stack", stack, "--target", targetUrn], cancellationToken);

    public async Task<DateTimeOffset?> LastUpdateFinishedAsync(string stack, CancellationToken cancellationToken = default) =>
        ParseLastUpdateFinished(await HistoryAsync(stack, cancellationToken).ConfigureAwait(false));

    public async Task<IReadOnlyList<AppliedUpdate>> AppliedUpdatesAsync(string stack, CancellationToken cancellationToken = default) =>
        ParseAppliedUpdates(await HistoryAsync(stack, cancellationToken).ConfigureAwait(false));

    /// <summary>The updates asked for per page of <c>pulumi stack history</c>.</summary>
    public const int HistoryPageSize = 100;

    /// <summary>
    /// Every update of the stack's history as one JSON array. <c>pulumi stack history</c> returns one page,
    /// the newest 10 by default (<c>--page-size</c> defaults to 10, <c>--page</c> to 1:
    /// pkg/cmd/pulumi/stack/stack_history.go), so the pages are read in turn until one comes back short;
    /// both backends honour <c>--page-size N --page P</c> (pkg/backend/diy/state.go, pkg/backend/httpstate/client/client.go).
    /// </summary>
    private async Task<string> HistoryAsync(string stack, CancellationToken cancellationToken)
    {
        var all = new JsonArray();
        for (var page = 1; ; page++)
        {
            string[] arguments = ["stack", "history", "--json", "--stack", stack, "--page-size", $"{HistoryPageSize}", "--page", $"{page}"];
            var updates = HistoryArray(await RunAsync(arguments, cancellationToken).ConfigureAwait(false));
            var count = updates.Count;
            foreach (var update in updates.ToList())
            {
                updates.Remove(update);
                all.Add(update);
            }

            if (count < HistoryPageSize)
            {
                return all.ToJsonString();
            }
        }
    }

    private static JsonArray HistoryArray(string json)
    {
        try
        {
            return JsonNode.Parse(json) as JsonArray ?? throw new RampException("'pulumi stack history --json' did not print a JSON array.");
        }
        catch (JsonException e)
        {
            throw new RampException($"'pulumi stack history --json' printed text that is not JSON: {e.Message}");
        }
    }

    /// <summary>Reads <c>pulumi stack history --json</c>: the newest update whose result is <c>succeeded</c>, its <c>endTime</c>.</summary>
    public static DateTimeOffset? ParseLastUpdateFinished(string json) =>
        ParseAppliedUpdates(json).OrderByDescending(u => u.FinishedAt).Select(u => (DateTimeOffset?)u.FinishedAt).FirstOrDefault();

    /// <summary>Reads <c>pulumi stack history --json</c>: every update whose result is <c>succeeded</c>, with its
    /// <c>endTime</c>, its config values and the commit of its <c>environment</c> (<c>git.head</c>).</summary>
    public static IReadOnlyList<AppliedUpdate> ParseAppliedUpdates(string json)
    {
        var updates = HistoryArray(json);

        var applied = new List<AppliedUpdate>();
        foreach (var update in updates.OfType<JsonObject>())
        {
            if (update["kind"]?.GetValue<string>() != "update" || update["result"]?.GetValue<string>() != "succeeded"
                || !DateTimeOffset.TryParse(update["endTime"]?.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var end))
            {
                continue;
            }

            var config = new Dictionary<string, string>(StringComparer.Ordinal);
            if (update["config"] is JsonObject values)
            {
                foreach (var (key, value) in values)
                {
                    if (value?["value"] is JsonValue text && text.TryGetValue<string>(out var s))
                    {
                        config[key] = s;
                    }
                }
            }

            var version = update["version"] is JsonValue v && v.TryGetValue<int>(out var n) ? n : applied.Count;
            applied.Add(new AppliedUpdate(version, end, update["environment"]?["git.head"]?.GetValue<string>(), config));
        }

        return applied;
    }

    public Task<string> StackExportAsync(string stack, CancellationToken cancellationToken = default) =>
        RunAsync(["stack", "export", "--stack", stack], cancellationToken);

    public async Task<StackOutputs> StackOutputsAsync(string stack, CancellationToken cancellationToken = default) =>
        StackOutputs.Parse(await RunAsync(["stack", "output", "--json", "--stack", stack], cancellationToken).ConfigureAwait(false));

    private async Task<string> RunAsync(string[] arguments, CancellationToken cancellationToken) =>
        OutputOf(arguments, await runner.RunAsync(Tool, arguments, cancellationToken).ConfigureAwait(false));

    /// <summary>A long run: its lines go to the progress sink as they come, when there is one.</summary>
    private async Task<string> StreamAsync(string[] arguments, CancellationToken cancellationToken) =>
        progress is null
            ? await RunAsync(arguments, cancellationToken).ConfigureAwait(false)
            : OutputOf(arguments, await runner.StreamAsync(Tool, arguments, progress, cancellationToken).ConfigureAwait(false));

    private static string OutputOf(string[] arguments, ProcessResult result) =>
        result.Succeeded ? result.StandardOutput : throw new ToolFailedException(Tool, arguments, result);
}
