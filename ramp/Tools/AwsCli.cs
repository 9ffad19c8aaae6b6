using System.Text.Json;
using System.Text.Json.Nodes;
using BlueGreen.Release;

namespace BlueGreen.Ramp.Tools;

/// <summary>One alarm's state as CloudWatch reports it.</summary>
public sealed record AlarmStatus(string Name, AlarmState State, string? Reason);

/// <summary>One target group of the listener's forward action and its weight, as deployed.</summary>
public sealed record ListenerTarget(string TargetGroupArn, int Weight);

/// <summary>The AWS CLI, as the ramp uses it.</summary>
public interface IAwsCli
{
    /// <summary>Whether the CLI is installed and has credentials (<c>aws sts get-caller-identity</c> succeeds).</summary>
    Task<bool> HasCredentialsAsync(CancellationToken cancellationToken = default);

    /// <summary><c>aws cloudwatch describe-alarms --alarm-names ...</c>: the state of each named alarm (metric or composite).</summary>
    /// <exception cref="ToolMissingException">aws is not installed.</exception>
    /// <exception cref="ToolFailedException">aws failed.</exception>
    Task<IReadOnlyList<AlarmStatus>> DescribeAlarmsAsync(IReadOnlyList<string> alarmNames, CancellationToken cancellationToken = default);

    /// <summary><c>aws elbv2 describe-listeners --listener-arns ARN</c>: the weights of its default forward action.</summary>
    Task<IReadOnlyList<ListenerTarget>> DescribeListenerWeightsAsync(string listenerArn, CancellationToken cancellationToken = default);

    /// <summary><c>aws cloudwatch describe-alarm-history --alarm-name NAME --history-item-type StateUpdate</c>:
    /// when the alarm went to ALARM, newest first.</summary>
    Task<IReadOnlyList<DateTimeOffset>> AlarmTransitionsAsync(string alarmName, CancellationToken cancellationToken = default);

    /// <summary><c>aws elbv2 describe-target-health --target-group-arn ARN</c>: how many targets are healthy.</summary>
    Task<int> HealthyTargetsAsync(string targetGroupArn, CancellationToken cancellationToken = default);

    /// <summary><c>aws ssm get-parameter --name NAME</c>: its value, or null when there is no such parameter.</summary>
    Task<string?> GetParameterAsync(string name, CancellationToken cancellationToken = default);
}

/// <summary>The AWS CLI through the process runner.</summary>
public sealed class AwsCli(IProcessRunner runner, AwsCredentialSources? sources = null) : IAwsCli
{
    private const string Tool = "aws";

    /// <summary>Without any local source of credentials the CLI is not asked (it would only fail, slowly); with one,
    /// <c>aws sts get-caller-identity</c> says whether they work.</summary>
    public async Task<bool> HasCredentialsAsync(CancellationToken cancellationToken = default)
    {
        if ((sources ?? AwsCredentialSources.System).Find() is null)
        {
            return false;
        }

        try
        {
            var result = await runner.RunAsync(Tool, ["sts", "get-caller-identity", "--output", "json"], cancellationToken).ConfigureAwait(false);
            return result.Succeeded;
        }
        catch (ToolMissingException)
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<AlarmStatus>> DescribeAlarmsAsync(IReadOnlyList<string> alarmNames, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alarmNames);
        if (alarmNames.Count == 0)
        {
            return [];
        }

        string[] arguments =
        [
            "cloudwatch", "describe-alarms", "--alarm-types", "MetricAlarm", "CompositeAlarm", "--output", "json", "--alarm-names",
            .. alarmNames,
        ];
        return ParseAlarms(await RunAsync(arguments, cancellationToken).ConfigureAwait(false));
    }

    public async Task<IReadOnlyList<ListenerTarget>> DescribeListenerWeightsAsync(string listenerArn, CancellationToken cancellationToken = default)
    {
        string[] arguments = ["elbv2", "describe-listeners", "--listener-arns", listenerArn, "--output", "json"];
        return ParseListenerWeights(await RunAsync(arguments, cancellationToken).ConfigureAwait(false));
    }

    public async Task<IReadOnlyList<DateTimeOffset>> AlarmTransitionsAsync(string alarmName, CancellationToken cancellationToken = default)
    {
        // --alarm-types: "If you omit this parameter, only metric alarms are returned" (botocore cloudwatch
        // DescribeAlarmHistoryInput.AlarmTypes), and the rollback alarm is a composite one.
        string[] arguments =
        [
            "cloudwatch", "describe-alarm-history", "--alarm-name", alarmName, "--alarm-types", "MetricAlarm", "CompositeAlarm",
            "--history-item-type", "StateUpdate", "--output", "json",
        ];
        return ParseAlarmTransitions(await RunAsync(arguments, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Reads <c>describe-alarm-history</c> JSON: the times of the transitions to ALARM (from <c>HistoryData</c>), newest first.</summary>
    public static IReadOnlyList<DateTimeOffset> ParseAlarmTransitions(string json)
    {
        var root = ParseObject(json, "cloudwatch describe-alarm-history");
        return [.. ((root["AlarmHistoryItems"] as JsonArray)?.OfType<JsonObject>() ?? [])
            .Where(i => i["HistoryData"]?.GetValue<string>() is { } data && JsonNode.Parse(data)?["newState"]?["stateValue"]?.GetValue<string>() == "ALARM")
            .Select(i => DateTimeOffset.TryParse(i["Timestamp"]?.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at) ? at : (DateTimeOffset?)null)
            .OfType<DateTimeOffset>()
            .OrderByDescending(at => at)];
    }

    public async Task<int> HealthyTargetsAsync(string targetGroupArn, CancellationToken cancellationToken = default)
    {
        string[] arguments = ["elbv2", "describe-target-health", "--target-group-arn", targetGroupArn, "--output", "json"];
        var root = ParseObject(await RunAsync(arguments, cancellationToken).ConfigureAwait(false), "elbv2 describe-target-health");
        return (root["TargetHealthDescriptions"] as JsonArray)?.OfType<JsonObject>()
            .Count(t => string.Equals(t["TargetHealth"]?["State"]?.GetValue<string>(), "healthy", StringComparison.Ordinal)) ?? 0;
    }

    /// <summary>Reads <c>describe-alarms</c> JSON: <c>MetricAlarms</c> and <c>CompositeAlarms</c>, each with <c>AlarmName</c> and <c>StateValue</c>.</summary>
    public static IReadOnlyList<AlarmStatus> ParseAlarms(string json)
    {
        var root = ParseObject(json, "cloudwatch describe-alarms");
        var alarms = new List<AlarmStatus>();
        foreach (var group in new[] { "MetricAlarms", "CompositeAlarms" })
        {
            if (root[group] is not JsonArray items)
            {
                continue;
            }

            foreach (var item in items.OfType<JsonObject>())
            {
                var name = item["AlarmName"]?.GetValue<string>() ?? "";
                var state = AlarmStates.TryParse(item["StateValue"]?.GetValue<string>(), out var s) ? s : AlarmState.InsufficientData;
                alarms.Add(new AlarmStatus(name, state, item["StateReason"]?.GetValue<string>()));
            }
        }

        return alarms;
    }

    /// <summary>Reads <c>describe-listeners</c> JSON: the forward action's target groups and weights
    /// (<c>ForwardConfig.TargetGroups</c>, or a single <c>TargetGroupArn</c> at weight 100).</summary>
    public static IReadOnlyList<ListenerTarget> ParseListenerWeights(string json)
    {
        var root = ParseObject(json, "elbv2 describe-listeners");
        var listener = (root["Listeners"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault()
                       ?? throw new RampException("'aws elbv2 describe-listeners' returned no listener.");
        var forward = (listener["DefaultActions"] as JsonArray)?.OfType<JsonObject>()
            .FirstOrDefault(a => string.Equals(a["Type"]?.GetValue<string>(), "forward", StringComparison.OrdinalIgnoreCase));
        if (forward is null)
        {
            return [];
        }

        if (forward["ForwardConfig"]?["TargetGroups"] is JsonArray groups)
        {
            return [.. groups.OfType<JsonObject>().Select(g => new ListenerTarget(
                g["TargetGroupArn"]?.GetValue<string>() ?? "",
                g["Weight"] is JsonValue w && w.TryGetValue<int>(out var weight) ? weight : 1))];
        }

        return forward["TargetGroupArn"]?.GetValue<string>() is { } single ? [new ListenerTarget(single, 100)] : [];
    }

    private static JsonObject ParseObject(string json, string what)
    {
        try
        {
            return JsonNode.Parse(json) as JsonObject ?? throw new RampException($"'aws {what}' did not print a JSON object.");
        }
        catch (JsonException e)
        {
            throw new RampException($"'aws {what}' printed text that is not JSON: {e.Message}");
        }
    }

    public async Task<string?> GetParameterAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        string[] arguments = ["ssm", "get-parameter", "--name", name, "--query", "Parameter.Value", "--output", "text"];
        var result = await runner.RunAsync(Tool, arguments, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded && result.StandardError.Contains("ParameterNotFound", StringComparison.Ordinal))
        {
            return null;
        }

        return result.Succeeded ? result.StandardOutput.Trim() : throw new ToolFailedException(Tool, arguments, result);
    }

    private async Task<string> RunAsync(string[] arguments, CancellationToken cancellationToken)
    {
        var result = await runner.RunAsync(Tool, arguments, cancellationToken).ConfigureAwait(false);
        return result.Succeeded ? result.StandardOutput : throw new ToolFailedException(Tool, arguments, result);
    }
}
