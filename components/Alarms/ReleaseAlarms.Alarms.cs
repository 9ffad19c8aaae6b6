using System.Collections.Immutable;
using BlueGreen.Release;
using Pulumi;
using CloudWatch = Pulumi.Aws.CloudWatch;
using Sns = Pulumi.Aws.Sns;

namespace BlueGreen.Components;

/// <summary>The alarms themselves: per colour, the load balancer's own, relative to the old colour, and the composite rollback alarm.</summary>
public sealed partial class ReleaseAlarms
{
    private List<(ReleaseAlarmInfo Info, CloudWatch.MetricAlarm Alarm)> CreateMetricAlarms(
        string name, ReleaseAlarmsArgs args, Sns.Topic warning, Sns.Topic critical)
    {
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
        }

        return alarms;
    }

    /// <summary>The composite rollback alarm over the colour at risk's critical alarms, or null without one.</summary>
    private CloudWatch.CompositeAlarm? CreateRollbackAlarm(
        string name, ReleaseAlarmsArgs args, List<(ReleaseAlarmInfo Info, CloudWatch.MetricAlarm Alarm)> alarms, Sns.Topic critical)
    {
        if (args.AtRiskColour is not { } fresh)
        {
            return null;
        }

        var rollbackMembers = alarms
            .Where(a => a.Info.Colour == fresh && a.Info.Severity == AlarmSeverity.Critical)
            .ToList();
        return new CloudWatch.CompositeAlarm($"{name}-rollback", new CloudWatch.CompositeAlarmArgs
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
    }

    private static Output<ImmutableDictionary<string, ImmutableDictionary<string, string>>> NamesOf(
        List<(ReleaseAlarmInfo Info, CloudWatch.MetricAlarm Alarm)> alarms) =>
        Output.All(alarms.Select(a => a.Alarm.Name)).Apply(names => names
            .Zip(alarms, (alarmName, a) => (a.Info, alarmName))
            .GroupBy(x => x.Info.Colour.ConfigName())
            .ToImmutableDictionary(g => g.Key, g => g.ToImmutableDictionary(x => x.Info.Kind.ToString(), x => x.alarmName)));

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
}
