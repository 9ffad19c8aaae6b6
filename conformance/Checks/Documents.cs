using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BlueGreen.Conformance.Aws;

namespace BlueGreen.Conformance.Checks;

/// <summary>Metric-math expressions, dashboard bodies, and constraints a model states in words.</summary>
public static partial class Documents
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_""'])([a-z][A-Za-z0-9_]*)(?![A-Za-z0-9_(])")]
    private static partial Regex Identifier();

    /// <summary>
    /// PutMetricAlarm with metric math (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_MetricDataQuery.html):
    /// ids unique and starting with a lower-case letter; an expression refers only to ids of the same alarm (ids start
    /// lower-case, functions are upper-case); exactly one query returns data; ThresholdMetricId names a query.
    /// </summary>
    public static IEnumerable<string> MetricMathProblems(JsonObject alarm)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        if (alarm["metricQueries"] is not JsonArray queries || queries.Count == 0)
        {
            yield break;
        }

        var ids = queries.OfType<JsonObject>().Select(q => q["id"]?.GetValue<string>() ?? "").ToList();
        foreach (var duplicate in ids.GroupBy(i => i).Where(g => g.Count() > 1))
        {
            yield return $"metricQueries: id '{duplicate.Key}' is used {duplicate.Count()} times";
        }

        foreach (var query in queries.OfType<JsonObject>())
        {
            if (query["expression"]?.GetValue<string>() is not { } expression)
            {
                continue;
            }

            foreach (var id in Identifier().Matches(Regex.Replace(expression, "\"[^\"]*\"|'[^']*'", "")).Select(m => m.Groups[1].Value).Where(id => !ids.Contains(id)))
            {
                yield return $"metricQueries[{query["id"]}]: expression '{expression}' refers to '{id}', which no query of this alarm has";
            }
        }

        var returning = queries.OfType<JsonObject>().Count(q => q["returnData"]?.GetValue<bool>() ?? true);
        if (returning != 1 && alarm["thresholdMetricId"] is null)
        {
            yield return $"metricQueries: {returning} queries return data; an alarm needs exactly one (returnData false on the others)";
        }

        if (alarm["thresholdMetricId"]?.GetValue<string>() is { } threshold && !ids.Contains(threshold))
        {
            yield return $"thresholdMetricId '{threshold}' is not a query id";
        }
    }

    /// <summary>
    /// A dashboard body (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html):
    /// JSON with a <c>widgets</c> list; each widget a known type, width 1–24, height 1–1000, x 0–23, y ≥ 0;
    /// metric widgets with a <c>metrics</c> list (or an expression) and a region.
    /// </summary>
    public static IEnumerable<string> DashboardProblems(JsonNode? body)
    {
        if (Json.ParseText(body) is not JsonObject dashboard || dashboard["widgets"] is not JsonArray widgets)
        {
            yield return "dashboardBody: not JSON with a widgets list";
            yield break;
        }

        string[] types = ["metric", "text", "log", "alarm", "explorer"];
        foreach (var (widget, i) in widgets.OfType<JsonObject>().Select((w, i) => (w, i)))
        {
            var type = widget["type"]?.GetValue<string>();
            if (!types.Contains(type))
            {
                yield return $"dashboardBody.widgets[{i}].type: '{type}' is not one of {string.Join(", ", types)}";
            }

            foreach (var (field, min, max) in new[] { ("width", 1, 24), ("height", 1, 1000), ("x", 0, 23), ("y", 0, int.MaxValue) })
            {
                if (widget[field] is JsonValue v && (v.GetValueKind() != System.Text.Json.JsonValueKind.Number || double.Parse(v.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture) is var n && (n < min || n > max || n != Math.Floor(n))))
                {
                    yield return $"dashboardBody.widgets[{i}].{field}: {v.ToJsonString()} is not a whole number from {min} to {max}";
                }
            }

            if (type == "metric" && widget["properties"] is JsonObject p)
            {
                if (p["metrics"] is not JsonArray && p["query"] is null)
                {
                    yield return $"dashboardBody.widgets[{i}].properties: a metric widget needs metrics";
                }

                if (p["region"] is null)
                {
                    yield return $"dashboardBody.widgets[{i}].properties.region: required for a metric widget";
                }
            }
        }
    }

    /// <summary>Constraints the model states in a member's documentation rather than as a pattern.</summary>
    public static IEnumerable<string> StatedConstraints(string client, string operation, JsonObject request)
    {
        ArgumentNullException.ThrowIfNull(request);

        // sns PublishInput.Subject: "Subjects must be ASCII text that begins with a letter, number, or punctuation mark;
        // must not include line breaks or control characters; and must be less than 100 characters long."
        if (client == "sns" && operation == "Publish" && request["Subject"]?.GetValue<string>() is { } subject
            && (subject.Any(c => c > 127 || char.IsControl(c)) || subject.Length >= 100 || !(char.IsLetterOrDigit(subject[0]) || char.IsPunctuation(subject[0]))))
        {
            yield return $"sns.Publish Subject '{subject}': must be ASCII, without line breaks or control characters, under 100 characters (PublishInput.Subject)";
        }
    }
}
