namespace BlueGreen.Release;

/// <summary>The thresholds of the alarms that gate each ramp step.</summary>
public sealed record AlarmSettings(
    ErrorRateAlarm ErrorRate,
    LatencyAlarm LatencyP95,
    UnhealthyHostsAlarm UnhealthyHosts,
    RelativeAlarm Relative)
{
    public static AlarmSettings Default { get; } = new(
        new ErrorRateAlarm(0.5, 1.0, TimeSpan.FromMinutes(5)),
        new LatencyAlarm(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10)),
        new UnhealthyHostsAlarm(1, TimeSpan.FromMinutes(2)),
        new RelativeAlarm(0.5, 1.5));
}

/// <summary>5xx responses as a percentage of requests, per colour, over <paramref name="Window"/>.</summary>
public sealed record ErrorRateAlarm(double WarningPercent, double CriticalPercent, TimeSpan Window);

/// <summary>p95 target response time per colour, sustained over <paramref name="Window"/>.</summary>
public sealed record LatencyAlarm(TimeSpan Warning, TimeSpan Critical, TimeSpan Window);

/// <summary>At least <paramref name="Count"/> unhealthy targets in a colour for <paramref name="Window"/>.</summary>
public sealed record UnhealthyHostsAlarm(int Count, TimeSpan Window);

/// <summary>The new colour compared with the live one: error rate higher by more than
/// <paramref name="ErrorRateDeltaPoints"/> percentage points, or p95 more than
/// <paramref name="LatencyP95Ratio"/> times the live colour's.</summary>
public sealed record RelativeAlarm(double ErrorRateDeltaPoints, double LatencyP95Ratio);

/// <summary>Where a notification goes.</summary>
public enum NotificationKind
{
    Email,
    Https,
    SnsTopic,
}

/// <summary>One notification endpoint: an email address, an https URL or an existing SNS topic ARN.</summary>
public sealed partial record NotificationEndpoint(NotificationKind Kind, string Address)
{
    /// <summary>What an endpoint may be, for messages.</summary>
    public const string Allowed = "use a list of email addresses, https URLs or SNS topic ARNs, e.g. [\"oncall@example.com\"]";

    /// <summary>Reads an endpoint: the one place that decides what kind it is.</summary>
    /// <returns>The endpoint, or null with <paramref name="problem"/> saying why it is none (after the value).</returns>
    public static NotificationEndpoint? Parse(string text, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        problem = null;
        if (text.StartsWith("arn:", StringComparison.Ordinal))
        {
            problem = Arn.SnsTopicProblem(text);
            return problem is null ? new NotificationEndpoint(NotificationKind.SnsTopic, text) : null;
        }

        if (text.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
        {
            problem = $"is a mailto: link; write the address alone, e.g. \"{text["mailto:".Length..]}\"";
            return null;
        }

        if (text.Contains("://", StringComparison.Ordinal))
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || uri.Host.Length == 0)
            {
                problem = "is not an https URL; notification URLs must use https";
                return null;
            }

            return new NotificationEndpoint(NotificationKind.Https, text);
        }

        if (EmailPattern().IsMatch(text))
        {
            return new NotificationEndpoint(NotificationKind.Email, text);
        }

        problem = $"is not an endpoint; {Allowed}";
        return null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^[^@\s:/]+@[^@\s:/]+\.[^@\s:/]+$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex EmailPattern();
}

/// <summary>Who hears about warning and critical alarms.</summary>
public sealed record NotificationSettings(
    IReadOnlyList<NotificationEndpoint> Warning,
    IReadOnlyList<NotificationEndpoint> Critical);
