using System.Collections.Immutable;
using System.Text.Json;
using BlueGreen.Components;
using BlueGreen.Release;
using Pulumi.Utilities;
using static BlueGreen.Tests.Components.ReleaseAlarmsTests;

namespace BlueGreen.Tests.Components;

/// <summary>Who hears of an alarm: the critical and warning topics, their subscriptions, and existing topics notified directly.</summary>
[Collection(PulumiCollection.Name)]
public class ReleaseAlarmsNotificationTests
{
    [Fact]
    public async Task Critical_alarms_notify_the_critical_topic_and_warnings_the_warning_topic()
    {
        var (harness, _) = await RunAsync(Args());

        foreach (var alarm in harness.OfType(MetricAlarm))
        {
            var name = (string)alarm.Inputs["name"];
            var topic = name.EndsWith("-warning", StringComparison.Ordinal) || name.EndsWith("-unhealthy-hosts", StringComparison.Ordinal)
                ? ":shop-warning"
                : ":shop-critical";
            Assert.EndsWith(topic, (string)alarm.Inputs.List("alarmActions")[0]);
            Assert.EndsWith(topic, (string)alarm.Inputs.List("okActions")[0]);
        }
    }

    [Fact]
    public async Task Subscriptions_infer_their_protocol_from_the_endpoint()
    {
        var (harness, _) = await RunAsync(Args());
        var subscriptions = harness.OfType("aws:sns/topicSubscription:TopicSubscription")
            .Select(s => ($"{s.Inputs["protocol"]} {s.Inputs["endpoint"]}", ((string)s.Inputs["topic"]).Split(':')[^1]))
            .Order()
            .ToList();

        Assert.Equal(
            [("email oncall@example.com", "shop-critical"), ("email team@example.com", "shop-warning"), ("https https://hooks.example.com/alarm", "shop-critical")],
            subscriptions);
    }

    [Fact]
    public async Task An_existing_sns_topic_is_notified_by_the_alarms_of_its_severity_not_subscribed()
    {
        const string pager = "arn:aws:sns:eu-west-1:123456789012:pager";
        var (harness, _) = await RunAsync(Args(critical: ["oncall@example.com", pager]));

        Assert.DoesNotContain(harness.OfType("aws:sns/topicSubscription:TopicSubscription"), s => (string)s.Inputs["endpoint"] == pager);
        var critical = Alarm(harness, "shop-prod-green-error-rate-critical");
        Assert.Contains(pager, ((IEnumerable<object>)critical["alarmActions"]).Cast<string>());
        Assert.Contains(pager, ((IEnumerable<object>)critical["okActions"]).Cast<string>());
        Assert.DoesNotContain(pager, ((IEnumerable<object>)Alarm(harness, "shop-prod-green-error-rate-warning")["alarmActions"]).Cast<string>());
        var rollback = harness.OfType("aws:cloudwatch/compositeAlarm:CompositeAlarm").Single().Inputs;
        Assert.Contains(pager, ((IEnumerable<object>)rollback["alarmActions"]).Cast<string>());
    }
}
