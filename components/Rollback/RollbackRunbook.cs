using System.Text.Json;
using System.Text.Json.Serialization;
using BlueGreen.Release;

namespace BlueGreen.Components;

/// <summary>
/// The SSM Automation runbook that rolls the listener back, as a typed document (schema 0.3): one
/// <c>aws:executeAwsApi</c> call to <c>ModifyListener</c> (all traffic to the rollback target group,
/// stickiness off), then the record of what it did (an SSM parameter), then a message on the critical topic.
/// A step that fails goes to a last step that tells the critical topic so. No function code: AWS runs the API calls.
/// </summary>
/// <remarks>
/// <c>Service</c> is the boto3 client name (<c>elbv2</c>, <c>ssm</c>, <c>sns</c>: the directory names of botocore's
/// models) and <c>Api</c> the operation name; inputs are the operation's input members. A test validates every step
/// against botocore's published models.
/// </remarks>
public static class RollbackRunbook
{
    private static readonly JsonSerializerOptions Options = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>The step every failed step goes to.</summary>
    public const string FailureStep = "NotifyOnCallOfTheFailure";

    /// <summary>The runbook's JSON content.</summary>
    /// <param name="listenerArn">The HTTPS listener.</param>
    /// <param name="action">The forward action to send (<see cref="ForwardAction.RollbackTo"/>, the release model's).</param>
    /// <param name="targetGroupArns">Each colour's target group.</param>
    /// <param name="recordName">The SSM parameter that records the rollback.</param>
    /// <param name="criticalTopicArn">Who hears about it.</param>
    /// <param name="atRisk">The colour rolled back.</param>
    /// <param name="target">The colour traffic goes to.</param>
    public static string Content(
        string listenerArn, ForwardAction action, IReadOnlyDictionary<Colour, string> targetGroupArns, string recordName, string criticalTopicArn, Colour atRisk, Colour target)
    {
        // The record's identity is the execution id; "at" is the alarm event's time (EventBridge's "time", ISO 8601 UTC).
        var record = $"{{\"executionId\":\"{{{{automation:EXECUTION_ID}}}}\",\"at\":\"{{{{AlarmTime}}}}\",\"alarm\":\"{{{{AlarmName}}}}\",\"rolledBack\":\"{atRisk.ConfigName()}\",\"to\":\"{target.ConfigName()}\"}}";
        var document = new Dictionary<string, object?>
        {
            ["schemaVersion"] = "0.3",
            ["description"] = $"Roll back {atRisk.ConfigName()}: all of the listener's traffic to {target.ConfigName()}, stickiness off; record it and notify.",
            ["assumeRole"] = "{{AutomationAssumeRole}}",
            ["parameters"] = new Dictionary<string, object>
            {
                ["AutomationAssumeRole"] = new { type = "String", description = "The role the runbook acts as." },
                ["AlarmName"] = new { type = "String", description = "The alarm whose ALARM started the rollback." },
                ["AlarmTime"] = new { type = "String", description = "When the alarm went to ALARM (the event's time, ISO 8601)." },
            },
            ["mainSteps"] = new object[]
            {
                Step("SendAllTrafficToTheRollbackColour", "elbv2", "ModifyListener", new Dictionary<string, object>
                {
                    ["ListenerArn"] = listenerArn,
                    ["DefaultActions"] = new object[]
                    {
                        new Dictionary<string, object>
                        {
                            ["Type"] = "forward",
                            ["ForwardConfig"] = new Dictionary<string, object>
                            {
                                ["TargetGroups"] = action.Targets
                                    .Select(t => (object)new Dictionary<string, object> { ["TargetGroupArn"] = targetGroupArns[t.Colour], ["Weight"] = t.Weight })
                                    .ToArray(),
                                ["TargetGroupStickinessConfig"] = new Dictionary<string, object> { ["Enabled"] = action.Stickiness.Enabled },
                            },
                        },
                    },
                }),
                Step("RecordTheRollback", "ssm", "PutParameter", new Dictionary<string, object>
                {
                    ["Name"] = recordName,
                    ["Overwrite"] = true,
                    ["Value"] = record,
                }),
                Step("NotifyOnCall", "sns", "Publish", new Dictionary<string, object>
                {
                    ["TopicArn"] = criticalTopicArn,
                    ["Subject"] = Subject($"Automatic rollback: {atRisk.ConfigName()} to {target.ConfigName()}"),
                    ["Message"] = $"{{{{AlarmName}}}} went to ALARM at {{{{AlarmTime}}}}: all traffic now goes to {target.ConfigName()} " +
                                  $"(automation execution {{{{automation:EXECUTION_ID}}}}). Run 'ramp rollback' to acknowledge it in the stack file; see docs/runbook.md.",
                }, onFailure: "Abort", isEnd: true),
                Step(FailureStep, "sns", "Publish", new Dictionary<string, object>
                {
                    ["TopicArn"] = criticalTopicArn,
                    ["Subject"] = Subject($"Automatic rollback FAILED: {atRisk.ConfigName()} still takes traffic"),
                    ["Message"] = $"{{{{AlarmName}}}} went to ALARM at {{{{AlarmTime}}}} and the automatic rollback of {atRisk.ConfigName()} failed " +
                                  $"(automation execution {{{{automation:EXECUTION_ID}}}}; see its failed step in Systems Manager > Automation). " +
                                  "Roll back by hand now: 'ramp rollback --stack <stack>'; see docs/runbook.md.",
                }, onFailure: "Abort", isEnd: true),
            },
        };
        return JsonSerializer.Serialize(document, Options);
    }

    /// <summary>
    /// The runbook the failure rule starts: one message on the critical topic naming the rollback execution that
    /// failed and its status (its parameters come from the EventBridge event's <c>detail.ExecutionId</c> and <c>detail.Status</c>).
    /// </summary>
    public static string FailureContent(string criticalTopicArn, string runbookName, Colour atRisk) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["schemaVersion"] = "0.3",
        ["description"] = $"Tell the critical topic that an execution of {runbookName} did not finish.",
        ["assumeRole"] = "{{AutomationAssumeRole}}",
        ["parameters"] = new Dictionary<string, object>
        {
            ["AutomationAssumeRole"] = new { type = "String", description = "The role the runbook acts as." },
            ["ExecutionId"] = new { type = "String", description = "The rollback execution that did not finish." },
            ["Status"] = new { type = "String", description = "Its status." },
        },
        ["mainSteps"] = new object[]
        {
            Step("NotifyOnCall", "sns", "Publish", new Dictionary<string, object>
            {
                ["TopicArn"] = criticalTopicArn,
                ["Subject"] = Subject($"Automatic rollback FAILED: {atRisk.ConfigName()} may still take traffic"),
                ["Message"] = $"The automatic rollback ({runbookName}, execution {{{{ExecutionId}}}}) ended {{{{Status}}}}: " +
                              $"{atRisk.ConfigName()} may still take traffic. Roll back by hand now: 'ramp rollback --stack <stack>'; see docs/runbook.md.",
            }, onFailure: "Abort", isEnd: true),
        },
    }, Options);

    /// <summary>
    /// An SNS subject as SNS takes it (botocore's sns model, <c>PublishInput.Subject</c>: ASCII text that begins with a
    /// letter, number or punctuation mark, no line breaks or control characters, under 100 characters).
    /// </summary>
    /// <exception cref="ArgumentException">The subject breaks one of those rules.</exception>
    public static string Subject(string subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (subject.Length is 0 or >= 100 || subject.Any(c => c > 0x7E || c < 0x20) || char.IsWhiteSpace(subject[0]))
        {
            throw new ArgumentException($"An SNS subject must be printable ASCII, not start with a space, and be under 100 characters: '{subject}'.", nameof(subject));
        }

        return subject;
    }

    private static Dictionary<string, object> Step(
        string name, string service, string api, Dictionary<string, object> inputs, string onFailure = "step:" + FailureStep, bool isEnd = false)
    {
        inputs["Service"] = service;
        inputs["Api"] = api;
        var step = new Dictionary<string, object>
        {
            ["name"] = name,
            ["action"] = "aws:executeAwsApi",
            ["maxAttempts"] = 3,
            ["timeoutSeconds"] = 60,
            ["onFailure"] = onFailure,
            ["inputs"] = inputs,
        };
        if (isEnd)
        {
            step["isEnd"] = true;
        }

        return step;
    }

    /// <summary>The EventBridge pattern that matches exactly one alarm's transition to ALARM.</summary>
    public static string AlarmPattern(string alarmArn) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["source"] = new[] { "aws.cloudwatch" },
        ["detail-type"] = new[] { "CloudWatch Alarm State Change" },
        ["resources"] = new[] { alarmArn },
        ["detail"] = new Dictionary<string, object> { ["state"] = new Dictionary<string, object> { ["value"] = new[] { "ALARM" } } },
    });

    /// <summary>
    /// The EventBridge pattern of this runbook's executions that end badly. Source, detail-type and fields as AWS
    /// documents them (Systems Manager user guide, "Amazon EventBridge event examples for Systems Manager":
    /// source <c>aws.ssm</c>, detail-type <c>EC2 Automation Execution Status-change Notification</c>, detail
    /// <c>Definition</c> and <c>Status</c>); the statuses are botocore's ssm <c>AutomationExecutionStatus</c> values.
    /// </summary>
    public static string FailurePattern(string runbookName) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["source"] = new[] { "aws.ssm" },
        ["detail-type"] = new[] { "EC2 Automation Execution Status-change Notification" },
        ["detail"] = new Dictionary<string, object>
        {
            ["Definition"] = new[] { runbookName },
            ["Status"] = FailedStatuses,
        },
    });

    /// <summary>The execution statuses that mean the rollback did not finish.</summary>
    public static readonly string[] FailedStatuses = ["Failed", "TimedOut", "Cancelled", "CompletedWithFailure"];
}
