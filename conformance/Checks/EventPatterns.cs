using System.Text.Json.Nodes;
using BlueGreen.Conformance.Aws;
using BlueGreen.Preview;

namespace BlueGreen.Conformance.Checks;

/// <summary>
/// EventBridge patterns against the event they are meant to catch. The sample is a CloudWatch alarm state-change
/// event as AWS documents it ("Alarm events and EventBridge",
/// https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch-and-eventbridge.html): source
/// <c>aws.cloudwatch</c>, detail-type <c>CloudWatch Alarm State Change</c>, <c>resources</c> the alarm's ARN
/// (<c>arn:aws:cloudwatch:REGION:ACCOUNT:alarm:NAME</c>), <c>detail.alarmName</c>, <c>detail.state.value</c>.
/// Matching follows "Event patterns" (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html):
/// every field of the pattern must be in the event, a list of values matches when the event's value (or one of
/// its values) equals one; <c>prefix</c>, <c>anything-but</c> and <c>exists</c> filters.
/// </summary>
public static class EventPatterns
{
    public static JsonObject SampleAlarmEvent(string alarmName, string region, string account, string state = "ALARM") => new()
    {
        ["version"] = "0",
        ["id"] = "c4c1c1c9-6542-e61b-6ef0-8c4d36933a92",
        ["detail-type"] = "CloudWatch Alarm State Change",
        ["source"] = "aws.cloudwatch",
        ["account"] = account,
        ["time"] = "2031-01-01T00:00:00Z",
        ["region"] = region,
        ["resources"] = new JsonArray($"arn:aws:cloudwatch:{region}:{account}:alarm:{alarmName}"),
        ["detail"] = new JsonObject
        {
            ["alarmName"] = alarmName,
            ["state"] = new JsonObject { ["value"] = state, ["reason"] = "Threshold Crossed", ["timestamp"] = "2031-01-01T00:00:00.000+0000" },
            ["previousState"] = new JsonObject { ["value"] = "OK", ["reason"] = "Threshold Crossed", ["timestamp"] = "2030-12-31T23:00:00.000+0000" },
            ["configuration"] = new JsonObject { ["description"] = "sample" },
        },
    };

    /// <summary>A rule on alarm state changes must match the ALARM event of the alarm it names.</summary>
    public static IEnumerable<string> RuleProblems(PreviewResource rule, IReadOnlyList<PreviewResource> all)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(all);
        if (Json.ParseText(rule.Inputs["eventPattern"]) is not JsonObject pattern)
        {
            return rule.Inputs["eventPattern"] is null ? [] : ["eventPattern: not JSON"];
        }

        if (!Strings(pattern["source"]).Contains("aws.cloudwatch"))
        {
            return [];
        }

        var arns = Strings(pattern["resources"]).ToList();
        var alarms = all.Where(r => r.Type is "aws:cloudwatch/metricAlarm:MetricAlarm" or "aws:cloudwatch/compositeAlarm:CompositeAlarm")
            .Select(r => (r.Inputs["name"] ?? r.Inputs["alarmName"])?.GetValue<string>()).OfType<string>()
            .Where(name => arns.Any(a => a.EndsWith(":alarm:" + name, StringComparison.Ordinal))).ToList();
        if (alarms.Count == 0)
        {
            return [$"eventPattern.resources {string.Join(", ", arns)} name no alarm of this stack (an alarm's ARN is arn:aws:cloudwatch:REGION:ACCOUNT:alarm:NAME)"];
        }

        var arn = arns.First(a => a.Contains(":alarm:", StringComparison.Ordinal)).Split(':');
        return alarms.Where(name => !Matches(pattern, SampleAlarmEvent(name, arn[3], arn[4])))
            .Select(name => $"eventPattern does not match the ALARM state-change event of alarm {name}");
    }

    /// <summary>Whether an event matches a pattern.</summary>
    public static bool Matches(JsonObject pattern, JsonObject @event)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(@event);
        foreach (var (key, expected) in pattern)
        {
            var actual = @event[key];
            var ok = expected switch
            {
                JsonObject nested => actual is JsonObject inner && Matches(nested, inner),
                JsonArray values => MatchesAny(values, actual),
                _ => false,
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private static bool MatchesAny(JsonArray values, JsonNode? actual)
    {
        var candidates = actual is JsonArray list ? [.. list] : new List<JsonNode?> { actual };
        foreach (var value in values)
        {
            if (value is JsonObject filter)
            {
                if (filter["exists"] is JsonValue exists && exists.GetValue<bool>() == (actual is not null))
                {
                    return true;
                }

                if (filter["prefix"]?.GetValue<string>() is { } prefix && candidates.Any(c => c is JsonValue v && v.TryGetValue<string>(out var s) && s.StartsWith(prefix, StringComparison.Ordinal)))
                {
                    return true;
                }

                if (filter["anything-but"] is { } but && actual is not null
                    && candidates.All(c => !(but is JsonArray a ? a.Any(x => x?.ToJsonString() == c?.ToJsonString()) : but.ToJsonString() == c?.ToJsonString())))
                {
                    return true;
                }
            }
            else if (actual is not null && candidates.Any(c => c?.ToJsonString() == value?.ToJsonString()))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a simple JSONPath (<c>$.detail.alarmName</c>) finds a value in the event.</summary>
    public static bool Resolves(JsonObject @event, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        JsonNode? node = @event;
        foreach (var part in path.TrimStart('$').Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            node = node is JsonObject o ? o[part] : null;
        }

        return node is not null;
    }

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonArray list => list.OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var s) ? s : null).OfType<string>(),
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        _ => [],
    };
}
