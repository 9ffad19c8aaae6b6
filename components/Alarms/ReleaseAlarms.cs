using System.Collections.Immutable;
using BlueGreen.Release;
using Pulumi;
using CloudWatch = Pulumi.Aws.CloudWatch;
using Sns = Pulumi.Aws.Sns;

namespace BlueGreen.Components;

/// <summary>
/// The alarms that gate and roll back a release: per colour, 5xx error rate (warning and critical),
/// p95 response time (warning and sustained critical) and unhealthy hosts; for the new colour, error rate
/// and p95 relative to the old colour, and a composite rollback alarm. Warning and critical SNS topics
/// with their subscriptions, and a dashboard with blue and green side by side.
/// </summary>
/// <remarks>
/// Missing data is deliberate: a minute without requests has no datapoint. Critical alarms treat it as <c>missing</c>
/// on M of N datapoints (<see cref="AlarmRules.DatapointsToAlarm"/>); warnings as <c>notBreaching</c>. The unhealthy-hosts alarm uses <c>missing</c>: the
/// ALB reports that metric every minute for any target group in a listener, so its absence means the
/// group is not attached — shown as INSUFFICIENT_DATA rather than a reassuring OK.
/// </remarks>
public sealed partial class ReleaseAlarms : ComponentResource
{
    /// <summary>The component's type token.</summary>
    public const string TypeToken = "bluegreen:aws:ReleaseAlarms";

    private const string Namespace = "AWS/ApplicationELB";

    /// <summary>Every alarm created, with its colour and kind (composite excluded).</summary>
    public IReadOnlyList<ReleaseAlarmInfo> Alarms { get; }

    /// <summary>Alarm names by colour (<c>blue</c>/<c>green</c>) and kind (e.g. <c>ErrorRateCritical</c>).</summary>
    [Output("alarmNames")]
    public Output<ImmutableDictionary<string, ImmutableDictionary<string, string>>> AlarmNames { get; private set; }

    /// <summary>The composite rollback alarm's ARN, or null without a new colour.</summary>
    [Output("rollbackAlarmArn")]
    public Output<string>? RollbackAlarmArn { get; private set; }

    /// <summary>The composite rollback alarm's name, or null without a new colour.</summary>
    [Output("rollbackAlarmName")]
    public Output<string>? RollbackAlarmName { get; private set; }

    /// <summary>The dashboard's name.</summary>
    [Output("dashboardName")]
    public Output<string> DashboardName { get; private set; }

    /// <summary>The warning topic's ARN.</summary>
    [Output("warningTopicArn")]
    public Output<string> WarningTopicArn { get; private set; }

    /// <summary>The critical topic's ARN.</summary>
    [Output("criticalTopicArn")]
    public Output<string> CriticalTopicArn { get; private set; }

    /// <summary>Creates the topics, alarms and dashboard.</summary>
    /// <param name="name">The logical name; prefixes the children's.</param>
    /// <param name="args">Colours, thresholds and endpoints; validated here.</param>
    /// <param name="options">Component options (e.g. the AWS provider).</param>
    /// <exception cref="ArgumentException">An argument breaks a rule; the message says which.</exception>
    public ReleaseAlarms(string name, ReleaseAlarmsArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        args.Validate();

        var warning = CreateTopic(name, "warning", args, args.WarningEndpoints);
        var critical = CreateTopic(name, "critical", args, args.CriticalEndpoints);
        var alarms = CreateMetricAlarms(name, args, warning, critical);
        var rollback = CreateRollbackAlarm(name, args, alarms, critical);
        var dashboard = CreateDashboard(name, args);

        Alarms = [.. alarms.Select(a => a.Info)];
        AlarmNames = NamesOf(alarms);
        RollbackAlarmArn = rollback?.Arn;
        RollbackAlarmName = rollback?.AlarmName;
        DashboardName = dashboard.DashboardName;
        WarningTopicArn = warning.Arn;
        CriticalTopicArn = critical.Arn;

        // Every [Output] property, under its attribute's name.
        RegisterOutputs();
    }

    private Sns.Topic CreateTopic(string name, string severity, ReleaseAlarmsArgs args, IReadOnlyList<string> endpoints)
    {
        var topic = new Sns.Topic($"{name}-{severity}", new Sns.TopicArgs
        {
            DisplayName = $"{args.NamePrefix} release {severity}",
            KmsMasterKeyId = args.TopicKmsKeyId!,
            Tags = Tags(args),
        }, new CustomResourceOptions { Parent = this });

        foreach (var endpoint in endpoints.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var parsed = AlarmRules.EndpointOf(endpoint, severity == "warning" ? nameof(args.WarningEndpoints) : nameof(args.CriticalEndpoints));
            if (parsed.Kind == NotificationKind.SnsTopic)
            {
                continue; // an existing topic is notified by the alarms themselves (see TopicsOf): SNS cannot subscribe a topic to a topic
            }

            _ = new Sns.TopicSubscription($"{name}-{severity}-{AlarmRules.EndpointKey(endpoint)}", new Sns.TopicSubscriptionArgs
            {
                Topic = topic.Arn,
                Protocol = parsed.Kind == NotificationKind.Email ? "email" : "https",
                Endpoint = endpoint,
            }, new CustomResourceOptions { Parent = this });
        }

        return topic;
    }

    private CloudWatch.Dashboard CreateDashboard(string name, ReleaseAlarmsArgs args)
    {
        var region = args.Region;
        var colours = args.Colours.Select(c => c.Colour).ToList();
        var body = Output.Tuple(args.LoadBalancerArnSuffix.ToOutput(), Output.All(args.Colours.Select(c => c.TargetGroupArnSuffix)))
            .Apply(t => ReleaseDashboard.Build(region, t.Item1, colours.Zip(t.Item2).ToDictionary(p => p.First, p => p.Second)).ToJson());
        return new CloudWatch.Dashboard($"{name}-dashboard", new CloudWatch.DashboardArgs
        {
            DashboardName = $"{args.NamePrefix}-release",
            DashboardBody = body,
        }, new CustomResourceOptions { Parent = this });
    }

    private static InputMap<string> Tags(ReleaseAlarmsArgs args) => InputMaps.From(args.Tags);
}
