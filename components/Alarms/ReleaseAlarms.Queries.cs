using System.Collections.Immutable;
using BlueGreen.Release;
using Pulumi;
using CloudWatch = Pulumi.Aws.CloudWatch;
using Sns = Pulumi.Aws.Sns;

namespace BlueGreen.Components;

/// <summary>How the alarms read CloudWatch: metric queries and expressions, dimensions, actions and names.</summary>
public sealed partial class ReleaseAlarms
{
    private static CloudWatch.Inputs.MetricAlarmMetricQueryArgs MetricQuery(
        string id, string metricName, string stat, Input<string> loadBalancer, Input<string>? targetGroup) => new()
        {
            Id = id,
            ReturnData = false,
            Metric = new CloudWatch.Inputs.MetricAlarmMetricQueryMetricArgs
            {
                Namespace = Namespace,
                MetricName = metricName,
                Stat = stat,
                Period = AlarmRules.PeriodSeconds,
                Dimensions = Dimensions(loadBalancer, targetGroup),
            },
        };

    private static CloudWatch.Inputs.MetricAlarmMetricQueryArgs Expression(string id, string expression, string label, bool returnData = false) => new()
    {
        Id = id,
        Expression = expression,
        Label = label,
        ReturnData = returnData,
    };

    /// <summary>A target group's metrics (per load balancer and target group), or the load balancer's own without one.</summary>
    private static InputMap<string> Dimensions(Input<string> loadBalancer, Input<string>? targetGroup)
    {
        var dimensions = new InputMap<string> { { "LoadBalancer", loadBalancer } };
        if (targetGroup is not null)
        {
            dimensions.Add("TargetGroup", targetGroup);
        }

        return dimensions;
    }

    /// <summary>What an alarm of <paramref name="severity"/> notifies: its topic, and the existing SNS topics
    /// given as endpoints of that severity (CloudWatch notifies several topics; SNS cannot subscribe a topic to one).</summary>
    private static InputList<string> Actions(Sns.Topic topic, ReleaseAlarmsArgs args, AlarmSeverity severity)
    {
        var endpoints = severity == AlarmSeverity.Critical ? args.CriticalEndpoints : args.WarningEndpoints;
        var actions = new InputList<string> { topic.Arn };
        foreach (var existing in endpoints.Distinct(StringComparer.Ordinal).Where(e => AlarmRules.EndpointOf(e, "endpoints").Kind == NotificationKind.SnsTopic))
        {
            actions.Add(existing);
        }

        return actions;
    }

    private static string KebabOf(ReleaseAlarmKind kind) => kind switch
    {
        ReleaseAlarmKind.ErrorRateWarning => "err-warn",
        ReleaseAlarmKind.ErrorRateCritical => "err-crit",
        ReleaseAlarmKind.LatencyP95Warning => "p95-warn",
        ReleaseAlarmKind.LatencyP95Critical => "p95-crit",
        ReleaseAlarmKind.UnhealthyHosts => "unhealthy",
        ReleaseAlarmKind.ErrorRateVsOld => "err-vs-old",
        ReleaseAlarmKind.LatencyP95VsOld => "p95-vs-old",
        ReleaseAlarmKind.LoadBalancer5xx => "elb-5xx",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not an alarm kind."),
    };
}
