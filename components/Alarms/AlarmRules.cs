using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using BlueGreen.Release;

namespace BlueGreen.Components;

/// <summary>
/// The pure parts of the release alarms: names, metric-math expressions, the composite rule, periods and
/// notification endpoints.
/// </summary>
public static partial class AlarmRules
{
    /// <summary>CloudWatch's standard resolution for ALB metrics, in seconds.</summary>
    public const int PeriodSeconds = 60;

    /// <summary>The longest evaluation window CloudWatch allows (periods × period), in seconds: one day.</summary>
    public const int MaxWindowSeconds = 86400;

    /// <summary>The alarm's name: <c>{prefix}-{colour}-{kind}</c>, e.g. <c>shop-prod-green-error-rate-critical</c>.</summary>
    public static string AlarmName(string prefix, Colour colour, ReleaseAlarmKind kind)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        if (kind == ReleaseAlarmKind.LoadBalancer5xx)
        {
            return $"{prefix}-elb-5xx"; // one per load balancer: no colour in its name, so it never moves
        }

        var suffix = kind switch
        {
            ReleaseAlarmKind.ErrorRateWarning => "error-rate-warning",
            ReleaseAlarmKind.ErrorRateCritical => "error-rate-critical",
            ReleaseAlarmKind.LatencyP95Warning => "p95-warning",
            ReleaseAlarmKind.LatencyP95Critical => "p95-critical",
            ReleaseAlarmKind.UnhealthyHosts => "unhealthy-hosts",
            ReleaseAlarmKind.ErrorRateVsOld => "error-rate-vs-old",
            ReleaseAlarmKind.LatencyP95VsOld => "p95-vs-old",
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not an alarm kind."),
        };
        return $"{prefix}-{colour.ConfigName()}-{suffix}";
    }

    /// <summary>The composite rollback alarm's name: <c>{prefix}-{colour}-rollback</c>.</summary>
    public static string RollbackAlarmName(string prefix, Colour newColour) => StackContract.RollbackAlarmName(prefix, newColour);

    /// <summary>
    /// The error rate in percent from a 5xx-count query and a request-count query, with <b>no datapoint</b> for a
    /// minute without requests: the ALB publishes no <c>RequestCount</c> then, and an IF without a false value
    /// returns nothing when its condition is false (CloudWatch metric math), so such a minute is missing data, not
    /// a reassuring 0 %. Missing 5xx points (no errors) count as 0.
    /// </summary>
    public static string ErrorRateExpression(string errorsId, string requestsId)
    {
        RequireId(errorsId);
        RequireId(requestsId);
        return $"IF({requestsId} > 0, 100 * FILL({errorsId}, 0) / {requestsId})";
    }

    /// <summary>
    /// How many of an alarm's <paramref name="periods"/> one-minute datapoints must breach: every one for a warning;
    /// for a critical alarm (the ones the rollback alarm watches) 3 of 5, i.e. three fifths rounded up (6 of 10 for a
    /// 10-minute p95 window), so a canary whose sparse traffic leaves some minutes without data, or one good minute
    /// in a bad run, still alarms — and a sustained failure alarms after 3 minutes instead of 5.
    /// </summary>
    public static int DatapointsToAlarm(int periods, AlarmSeverity severity) =>
        severity == AlarmSeverity.Critical ? Math.Max(1, (periods * 3 + 4) / 5) : periods;

    /// <summary>New minus old error rate, in percentage points, from two error-rate expressions' ids.</summary>
    public static string DifferenceExpression(string newId, string oldId)
    {
        RequireId(newId);
        RequireId(oldId);
        return $"{newId} - {oldId}";
    }

    /// <summary>New over old p95; 0 while the old colour has no latency to compare with.</summary>
    public static string RatioExpression(string newId, string oldId)
    {
        RequireId(newId);
        RequireId(oldId);
        return $"IF({oldId} > 0, {newId} / {oldId}, 0)";
    }

    /// <summary>
    /// The composite rollback rule: any of the given alarms in ALARM (the new colour's critical alarms and
    /// the relative alarms), e.g. <c>ALARM("a") OR ALARM("b")</c>.
    /// </summary>
    /// <exception cref="ArgumentException">No alarm names, or a rule over CloudWatch's 10240 characters.</exception>
    public static string CompositeRule(IEnumerable<string> alarmNames)
    {
        ArgumentNullException.ThrowIfNull(alarmNames);
        var names = alarmNames.ToList();
        if (names.Count == 0)
        {
            throw new ArgumentException("A composite alarm needs at least one alarm.", nameof(alarmNames));
        }

        var rule = string.Join(" OR ", names.Select(n => $"ALARM(\"{n.Replace("\"", "\\\"", StringComparison.Ordinal)}\")"));
        return rule.Length <= 10240
            ? rule
            : throw new ArgumentException($"The composite rule has {rule.Length} characters; CloudWatch allows 10240.", nameof(alarmNames));
    }

    /// <summary>How many 60-second periods make a window of <paramref name="minutes"/> minutes.</summary>
    /// <exception cref="ArgumentException">The window is under a minute or over a day.</exception>
    public static int EvaluationPeriods(int minutes, string paramName)
    {
        if (minutes < 1 || minutes * 60 > MaxWindowSeconds)
        {
            throw new ArgumentException($"{paramName} must be 1–{MaxWindowSeconds / 60} minutes, not {minutes}.", paramName);
        }

        return minutes * 60 / PeriodSeconds;
    }

    /// <summary>A notification endpoint, read by the release model's one rule for it
    /// (<see cref="NotificationEndpoint.Parse"/>): an email address, an https URL or an SNS topic ARN.</summary>
    /// <exception cref="ArgumentException">None of those (plain http is refused: alarms may carry internal details).</exception>
    public static NotificationEndpoint EndpointOf(string endpoint, string paramName) =>
        NotificationEndpoint.Parse(endpoint ?? "", out var problem)
        ?? throw new ArgumentException($"The notification endpoint '{endpoint}' {problem}.", paramName);

    /// <summary>A stable, short logical-name suffix for an endpoint (so reordering endpoints changes nothing).</summary>
    public static string EndpointKey(string endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(endpoint.Trim().ToLowerInvariant()));
        return Convert.ToHexStringLower(hash)[..8];
    }

    /// <summary>A threshold as CloudWatch prints it (invariant culture).</summary>
    public static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static void RequireId(string id)
    {
        if (id is null || !QueryId().IsMatch(id))
        {
            throw new ArgumentException(
                $"'{id}' is not a metric query id (a lowercase letter, then letters, digits or '_').", nameof(id));
        }
    }

    [GeneratedRegex("^[a-z][A-Za-z0-9_]*$")]
    private static partial Regex QueryId();

}
