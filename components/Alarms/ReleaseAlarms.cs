using System.Collections.Immutable;
using BlueGreen.Release;
using Pulumi;
using CloudWatch = Pulumi.Aws.CloudWatch;
using Sns = Pulumi.Aws.Sns;

namespace BlueGreen.Components;

/// <summary>One alarm of <see cref="ReleaseAlarms"/>.</summary>
/// <param name="Colour">The colour it judges (relative alarms judge the new colour).</param>
/// <param name="Kind">What it watches.</param>
/// <param name="Name">Its CloudWatch name.</param>
public sealed record ReleaseAlarmInfo(Colour Colour, ReleaseAlarmKind Kind, string Name)
{
    /// <summary>Which topic it notifies.</summary>
    public AlarmSeverity Severity => AlarmSeverities.Of(Kind);
}

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
        Sns.Topic TopicOf(ReleaseAlarmKind kind) =>
            AlarmSeverities.Of(kind) == AlarmSeverity.Critical ? critical : warning;

        var alarms = new List<(ReleaseAlarmInfo Info, CloudWatch.MetricAlarm Alarm)>();
        foreach (var colour in args.Colours.OrderBy(c => c.Colour))
        {
            alarms.AddRange(CreateColourAlarms(name, args, colour, TopicOf));
        }

        alarms.Add(CreateLoadBalancerAlarm(name, args, critical));

        if (args.AtRiskColour is { } fresh)
        {
            var newMetrics = args.Colours.Single(c => c.Colour == fresh);
            if (args.CompareColours && args.Colours.SingleOrDefault(c => c.Colour != fresh) is { } old)
            {
                alarms.AddRange(CreateRelativeAlarms(name, args, newMetrics, old, TopicOf));
            }

            var rollbackMembers = alarms
                .Where(a => a.Info.Colour == fresh && a.Info.Severity == AlarmSeverity.Critical)
                .ToList();
            var composite = new CloudWatch.CompositeAlarm($"{name}-rollback", new CloudWatch.CompositeAlarmArgs
            {
                AlarmName = AlarmRules.RollbackAlarmName(args.NamePrefix, fresh),
                AlarmDescription =
                    $"Roll back {fresh.ConfigName()}: one of its critical alarms, or its error rate or p95 against the old colour, is in ALARM.",
                AlarmRule = AlarmRules.CompositeRule(rollbackMembers.Select(a => a.Info.Name)),
                ActionsEnabled = true,
                AlarmActions = Actions(critical, args, AlarmSeverity.Critical),
                OkActions = Actions(critical, args, AlarmSeverity.Critical),
                Tags = Tags(args),
            }, new CustomResourceOptions
            {
                Parent = this,
                // The rule names its alarms as text: they must exist before it.
                DependsOn = rollbackMembers.Select(a => (Resource)a.Alarm).ToList(),
            });
            RollbackAlarmArn = composite.Arn;
            RollbackAlarmName = composite.AlarmName;
        }
        else
        {
            RollbackAlarmArn = null;
            RollbackAlarmName = null;
        }

        var dashboard = CreateDashboard(name, args);

        Alarms = [.. alarms.Select(a => a.Info)];
        AlarmNames = Output.All(alarms.Select(a => a.Alarm.Name)).Apply(names => names
            .Zip(alarms, (alarmName, a) => (a.Info, alarmName))
            .GroupBy(x => x.Info.Colour.ConfigName())
            .ToImmutableDictionary(g => g.Key, g => g.ToImmutableDictionary(x => x.Info.Kind.ToString(), x => x.alarmName)));
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

    private IEnumerable<(ReleaseAlarmInfo, CloudWatch.MetricAlarm)> CreateColourAlarms(
        string name, ReleaseAlarmsArgs args, ColourMetrics colour, Func<ReleaseAlarmKind, Sns.Topic> topicOf)
    {
        var t = args.Thresholds;
        var c = colour.Colour;

        foreach (var (kind, threshold) in new[]
        {
            (ReleaseAlarmKind.ErrorRateWarning, t.ErrorRateWarningPercent),
            (ReleaseAlarmKind.ErrorRateCritical, t.ErrorRateCriticalPercent),
        })
        {
            yield return Alarm(name, args, c, kind, topicOf(kind), Judgement.Above(threshold, t.ErrorRateMinutes), new CloudWatch.MetricAlarmArgs
            {
                AlarmDescription =
                    $"{c.ConfigName()}: 5xx responses above {AlarmRules.Format(threshold)} % of requests for {t.ErrorRateMinutes} min.",
                MetricQueries =
                {
                    MetricQuery("errors", "HTTPCode_Target_5XX_Count", "Sum", args.LoadBalancerArnSuffix, colour.TargetGroupArnSuffix),
                    MetricQuery("requests", "RequestCount", "Sum", args.LoadBalancerArnSuffix, colour.TargetGroupArnSuffix),
                    Expression("rate", AlarmRules.ErrorRateExpression("errors", "requests"), $"{c.ConfigName()} 5xx %", returnData: true),
                },
            });
        }

        foreach (var (kind, threshold, minutes) in new[]
        {
            (ReleaseAlarmKind.LatencyP95Warning, t.LatencyP95WarningSeconds, t.LatencyP95WarningMinutes),
            (ReleaseAlarmKind.LatencyP95Critical, t.LatencyP95CriticalSeconds, t.LatencyP95CriticalMinutes),
        })
        {
            yield return Alarm(name, args, c, kind, topicOf(kind), Judgement.Above(threshold, minutes), new CloudWatch.MetricAlarmArgs
            {
                AlarmDescription = $"{c.ConfigName()}: p95 response time above {AlarmRules.Format(threshold)} s for {minutes} min.",
                Namespace = Namespace,
                MetricName = "TargetResponseTime",
                ExtendedStatistic = "p95",
                Dimensions = Dimensions(args.LoadBalancerArnSuffix, colour.TargetGroupArnSuffix),
                Period = AlarmRules.PeriodSeconds,
                // A percentile over a handful of requests is noise: keep the state until there are enough.
                EvaluateLowSampleCountPercentiles = "ignore",
            });
        }

        yield return Alarm(name, args, c, ReleaseAlarmKind.UnhealthyHosts, topicOf(ReleaseAlarmKind.UnhealthyHosts),
            new Judgement("GreaterThanOrEqualToThreshold", t.UnhealthyHosts, t.UnhealthyHostsMinutes, "missing"), new CloudWatch.MetricAlarmArgs
            {
                AlarmDescription = $"{c.ConfigName()}: at least {t.UnhealthyHosts} unhealthy target(s) for {t.UnhealthyHostsMinutes} min.",
                Namespace = Namespace,
                MetricName = "UnHealthyHostCount",
                Statistic = "Maximum",
                Dimensions = Dimensions(args.LoadBalancerArnSuffix, colour.TargetGroupArnSuffix),
                Period = AlarmRules.PeriodSeconds,
            });
    }

    /// <summary>The load balancer's own 5xx (502/503/504) as a share of its requests, judged like the
    /// colours' critical error rate; counted with the colour at risk, so the rollback alarm and the ramp's
    /// gate include it.</summary>
    private (ReleaseAlarmInfo, CloudWatch.MetricAlarm) CreateLoadBalancerAlarm(string name, ReleaseAlarmsArgs args, Sns.Topic critical)
    {
        var t = args.Thresholds;
        var atRisk = args.AtRiskColour ?? args.Colours.Min(c => c.Colour);

        return Alarm(name, args, atRisk, ReleaseAlarmKind.LoadBalancer5xx, critical, Judgement.Above(t.ErrorRateCriticalPercent, t.ErrorRateMinutes), new CloudWatch.MetricAlarmArgs
        {
            AlarmDescription =
                $"The load balancer's own 5xx (502/503/504) above {AlarmRules.Format(t.ErrorRateCriticalPercent)} % of its requests for {t.ErrorRateMinutes} min.",
            MetricQueries =
            {
                MetricQuery("elberrors", "HTTPCode_ELB_5XX_Count", "Sum", args.LoadBalancerArnSuffix, targetGroup: null),
                MetricQuery("requests", "RequestCount", "Sum", args.LoadBalancerArnSuffix, targetGroup: null),
                Expression("rate", AlarmRules.ErrorRateExpression("elberrors", "requests"), "load balancer 5xx %", returnData: true),
            },
        }, logicalName: $"{name}-elb-5xx");
    }

    private IEnumerable<(ReleaseAlarmInfo, CloudWatch.MetricAlarm)> CreateRelativeAlarms(
        string name, ReleaseAlarmsArgs args, ColourMetrics fresh, ColourMetrics old, Func<ReleaseAlarmKind, Sns.Topic> topicOf)
    {
        var t = args.Thresholds;
        var c = fresh.Colour;
        var lb = args.LoadBalancerArnSuffix;

        yield return Alarm(name, args, c, ReleaseAlarmKind.ErrorRateVsOld, topicOf(ReleaseAlarmKind.ErrorRateVsOld),
            Judgement.Above(t.RelativeErrorRatePoints, t.ErrorRateMinutes), new CloudWatch.MetricAlarmArgs
            {
                AlarmDescription =
                    $"{c.ConfigName()}: 5xx rate more than {AlarmRules.Format(t.RelativeErrorRatePoints)} points above {old.Colour.ConfigName()}'s for {t.ErrorRateMinutes} min.",
                MetricQueries =
                {
                    MetricQuery("newerrors", "HTTPCode_Target_5XX_Count", "Sum", lb, fresh.TargetGroupArnSuffix),
                    MetricQuery("newrequests", "RequestCount", "Sum", lb, fresh.TargetGroupArnSuffix),
                    MetricQuery("olderrors", "HTTPCode_Target_5XX_Count", "Sum", lb, old.TargetGroupArnSuffix),
                    MetricQuery("oldrequests", "RequestCount", "Sum", lb, old.TargetGroupArnSuffix),
                    Expression("newrate", AlarmRules.ErrorRateExpression("newerrors", "newrequests"), $"{c.ConfigName()} 5xx %"),
                    Expression("oldrate", AlarmRules.ErrorRateExpression("olderrors", "oldrequests"), $"{old.Colour.ConfigName()} 5xx %"),
                    Expression("delta", AlarmRules.DifferenceExpression("newrate", "oldrate"), "5xx points new − old", returnData: true),
                },
            });

        yield return Alarm(name, args, c, ReleaseAlarmKind.LatencyP95VsOld, topicOf(ReleaseAlarmKind.LatencyP95VsOld),
            Judgement.Above(t.RelativeLatencyRatio, t.LatencyP95WarningMinutes), new CloudWatch.MetricAlarmArgs
            {
                AlarmDescription =
                    $"{c.ConfigName()}: p95 above {AlarmRules.Format(t.RelativeLatencyRatio)}× {old.Colour.ConfigName()}'s for {t.LatencyP95WarningMinutes} min.",
                MetricQueries =
                {
                    MetricQuery("newp95", "TargetResponseTime", "p95", lb, fresh.TargetGroupArnSuffix),
                    MetricQuery("oldp95", "TargetResponseTime", "p95", lb, old.TargetGroupArnSuffix),
                    Expression("ratio", AlarmRules.RatioExpression("newp95", "oldp95"), "p95 new / old", returnData: true),
                },
            });
    }

    /// <summary>When an alarm fires: the comparison and threshold, held for every minute of the window (as many
    /// one-minute periods, all of which must breach), and what missing data counts as.</summary>
    private sealed record Judgement(string Comparison, double Threshold, int Minutes, string MissingData = "notBreaching")
    {
        public static Judgement Above(double threshold, int minutes) => new("GreaterThanThreshold", threshold, minutes);
    }

    private (ReleaseAlarmInfo, CloudWatch.MetricAlarm) Alarm(
        string name, ReleaseAlarmsArgs args, Colour colour, ReleaseAlarmKind kind, Sns.Topic topic, Judgement judgement, CloudWatch.MetricAlarmArgs alarmArgs, string? logicalName = null)
    {
        var info = new ReleaseAlarmInfo(colour, kind, AlarmRules.AlarmName(args.NamePrefix, colour, kind));
        var periods = AlarmRules.EvaluationPeriods(judgement.Minutes, kind.ToString());
        alarmArgs.ComparisonOperator = judgement.Comparison;
        alarmArgs.Threshold = judgement.Threshold;
        alarmArgs.EvaluationPeriods = periods;
        alarmArgs.DatapointsToAlarm = AlarmRules.DatapointsToAlarm(periods, AlarmSeverities.Of(kind));
        alarmArgs.TreatMissingData = AlarmSeverities.Of(kind) == AlarmSeverity.Critical ? "missing" : judgement.MissingData;
        alarmArgs.Name = info.Name;
        alarmArgs.ActionsEnabled = true;
        alarmArgs.AlarmActions = Actions(topic, args, AlarmSeverities.Of(kind));
        alarmArgs.OkActions = Actions(topic, args, AlarmSeverities.Of(kind));
        alarmArgs.Tags = Tags(args);
        var alarm = new CloudWatch.MetricAlarm(logicalName ?? $"{name}-{colour.ConfigName()}-{KebabOf(kind)}", alarmArgs, new CustomResourceOptions { Parent = this });
        return (info, alarm);
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
