using System.Text.Json;
using System.Text.Json.Serialization;
using BlueGreen.Release;

namespace BlueGreen.Components;

/// <summary>
/// The SSM Automation runbook that rolls the listener back, as a typed document (schema 0.3): one
/// <c>aws:executeAwsApi</c> call to <c>ModifyListener</c> (all traffic to the rollback target group,
/// stickiness off), then the record of what it did (an SSM parameter), then a message on the critical topic.
/// No function code: AWS runs the three API calls.
/// </summary>
public static class RollbackRunbook
{
    private static readonly JsonSerializerOptions Options = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>The runbook's JSON content.</summary>
    /// <param name="listenerArn">The HTTPS listener.</param>
    /// <param name="rollbackTargetGroupArn">Where all traffic goes.</param>
    /// <param name="otherTargetGroupArn">The colour at risk's target group, kept in the action at weight 0.</param>
    /// <param name="recordName">The SSM parameter that records the rollback.</param>
    /// <param name="criticalTopicArn">Who hears about it.</param>
    /// <param name="atRisk">The colour rolled back.</param>
    /// <param name="target">The colour traffic goes to.</param>
    public static string Content(
        string listenerArn, string rollbackTargetGroupArn, string otherTargetGroupArn, string recordName, string criticalTopicArn, Colour atRisk, Colour target)
    {
        var record = $"{{\"at\":\"{{{{global:DATE_TIME}}}}\",\"alarm\":\"{{{{AlarmName}}}}\",\"rolledBack\":\"{atRisk.ConfigName()}\",\"to\":\"{target.ConfigName()}\"}}";
        var document = new Dictionary<string, object?>
        {
            ["schemaVersion"] = "0.3",
            ["description"] = $"Roll back {atRisk.ConfigName()}: all of the listener's traffic to {target.ConfigName()}, stickiness off; record it and notify.",
            ["assumeRole"] = "{{AutomationAssumeRole}}",
            ["parameters"] = new Dictionary<string, object>
            {
                ["AutomationAssumeRole"] = new { type = "String", description = "The role the runbook acts as." },
                ["AlarmName"] = new { type = "String", description = "The alarm whose ALARM started the rollback." },
            },
            ["mainSteps"] = new object[]
            {
                Step("SendAllTrafficToTheRollbackColour", "elasticloadbalancingv2", "ModifyListener", new Dictionary<string, object>
                {
                    ["ListenerArn"] = listenerArn,
                    ["DefaultActions"] = new object[]
                    {
                        new Dictionary<string, object>
                        {
                            ["Type"] = "forward",
                            ["ForwardConfig"] = new Dictionary<string, object>
                            {
                                ["TargetGroups"] = new object[]
                                {
                                    new Dictionary<string, object> { ["TargetGroupArn"] = rollbackTargetGroupArn, ["Weight"] = 100 },
                                    new Dictionary<string, object> { ["TargetGroupArn"] = otherTargetGroupArn, ["Weight"] = 0 },
                                },
                                ["TargetGroupStickinessConfig"] = new Dictionary<string, object> { ["Enabled"] = false },
                            },
                        },
                    },
                }),
                Step("RecordTheRollback", "ssm", "PutParameter", new Dictionary<string, object>
                {
                    ["Name"] = recordName,
                    ["Type"] = "String",
                    ["Overwrite"] = true,
                    ["Value"] = record,
                }),
                Step("NotifyOnCall", "sns", "Publish", new Dictionary<string, object>
                {
                    ["TopicArn"] = criticalTopicArn,
                    ["Subject"] = $"Automatic rollback: {atRisk.ConfigName()} → {target.ConfigName()}",
                    ["Message"] = $"{{{{AlarmName}}}} went to ALARM: all traffic now goes to {target.ConfigName()}. Run 'ramp rollback' to acknowledge it in the stack file; see docs/runbook.md.",
                }),
            },
        };
        return JsonSerializer.Serialize(document, Options);
    }

    private static Dictionary<string, object> Step(string name, string service, string api, Dictionary<string, object> inputs)
    {
        inputs["Service"] = service;
        inputs["Api"] = api;
        return new Dictionary<string, object>
        {
            ["name"] = name,
            ["action"] = "aws:executeAwsApi",
            ["maxAttempts"] = 3,
            ["onFailure"] = "Abort",
            ["inputs"] = inputs,
        };
    }

    /// <summary>The EventBridge pattern that matches exactly one alarm's transition to ALARM.</summary>
    public static string AlarmPattern(string alarmArn) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["source"] = new[] { "aws.cloudwatch" },
        ["detail-type"] = new[] { "CloudWatch Alarm State Change" },
        ["resources"] = new[] { alarmArn },
        ["detail"] = new Dictionary<string, object> { ["state"] = new Dictionary<string, object> { ["value"] = new[] { "ALARM" } } },
    });
}
