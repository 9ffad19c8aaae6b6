using Pulumi;
using CloudWatch = Pulumi.Aws.CloudWatch;
using Sqs = Pulumi.Aws.Sqs;

namespace BlueGreen.Components;

/// <summary>The ARNs the automatic rollback's policies name, in the stack's partition, region and account.</summary>
internal sealed class RollbackArns(AutomaticRollbackArgs args)
{
    private Output<string> Of(string service, string resource) =>
        Output.Tuple(args.Partition.ToOutput(), args.AccountId.ToOutput()).Apply(t => $"arn:{t.Item1}:{service}:{args.Region}:{t.Item2}:{resource}");

    public Output<string> Record => Of("ssm", $"parameter{args.RecordName}");

    public Output<string> Runbook => Of("ssm", $"automation-definition/{args.RunbookName}:$DEFAULT");

    public Output<string> FailureRunbook => Of("ssm", $"automation-definition/{args.FailureRunbookName}:$DEFAULT");

    /// <summary>Every execution of a runbook in this account and region: what assumes the runbook's role.</summary>
    public Output<string> AutomationExecutions => Of("ssm", "automation-execution/*");

    public Output<string> Rule => Of("events", $"rule/{args.RuleName}");

    public Output<string> FailureRule => Of("events", $"rule/{args.FailureRuleName}");

    public string DeadLetterQueueName => $"{args.NamePrefix}-automatic-rollback-dlq";

    public Output<string> DeadLetterQueue => Of("sqs", DeadLetterQueueName);
}

/// <summary>The failure paths: the dead-letter queue and the alarms on what EventBridge could not deliver.</summary>
public sealed partial class AutomaticRollback
{
    /// <summary>
    /// The queue that keeps the events EventBridge could not deliver to either runbook (14 days, SQS-managed
    /// encryption), writable by EventBridge for these two rules only.
    /// </summary>
    private Sqs.Queue DeclareDeadLetterQueue(string name, AutomaticRollbackArgs args, RollbackArns arns, InputMap<string> tags) =>
        new($"{name}-dlq", new Sqs.QueueArgs
        {
            Name = arns.DeadLetterQueueName,
            MessageRetentionSeconds = 1209600,
            SqsManagedSseEnabled = true,
            Policy = Output.Tuple(arns.DeadLetterQueue, arns.Rule, arns.FailureRule).Apply(t => DeadLetterPolicy(t.Item1, [t.Item2, t.Item3]).ToJson()),
            Tags = tags,
        }, new CustomResourceOptions { Parent = this });

    /// <summary>
    /// One alarm per rule on EventBridge's <c>FailedInvocations</c> (namespace <c>AWS/Events</c>, dimension
    /// <c>RuleName</c>): an event the target could not take after every retry, which the dead-letter queue now holds.
    /// </summary>
    private void DeclareDeliveryAlarms(string name, AutomaticRollbackArgs args, AutomaticRollbackTargets targets, InputMap<string> tags)
    {
        foreach (var (suffix, rule) in new[] { ("rule", args.RuleName), ("failure-rule", args.FailureRuleName) })
        {
            _ = new CloudWatch.MetricAlarm($"{name}-{suffix}-failed-invocations", new CloudWatch.MetricAlarmArgs
            {
                Name = $"{rule}-failed-invocations",
                AlarmDescription = $"EventBridge could not start the runbook of rule {rule}; the event is in the queue {args.NamePrefix}-automatic-rollback-dlq. See docs/runbook.md.",
                Namespace = "AWS/Events",
                MetricName = "FailedInvocations",
                Dimensions = { { "RuleName", rule } },
                Statistic = "Sum",
                Period = 60,
                EvaluationPeriods = 1,
                DatapointsToAlarm = 1,
                Threshold = 0,
                ComparisonOperator = "GreaterThanThreshold",
                // No failed invocation is no datapoint at all: nothing to report.
                TreatMissingData = "notBreaching",
                AlarmActions = { targets.CriticalTopicArn },
                Tags = tags,
            }, new CustomResourceOptions { Parent = this });
        }
    }

    private static Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> Conditions(
        params (string Operator, string Key, IReadOnlyList<string> Values)[] conditions)
    {
        var result = new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>>();
        foreach (var group in conditions.GroupBy(c => c.Operator))
        {
            result[group.Key] = group.ToDictionary(c => c.Key, c => c.Values);
        }

        return result;
    }

    /// <summary>Who may assume the runbook's role: Systems Manager, for an automation execution of this account
    /// (aws:SourceAccount and aws:SourceArn against the confused deputy).</summary>
    public static PolicyDocument AutomationTrust(string accountId, string automationExecutionsArn) => new(
    [
        new PolicyStatement("AssumedBySsmAutomationOfThisAccount", "Allow", PolicyPrincipal.ForService("ssm.amazonaws.com"), ["sts:AssumeRole"], null,
            Conditions(("StringEquals", "aws:SourceAccount", [accountId]), ("ArnLike", "aws:SourceArn", [automationExecutionsArn]))),
    ]);

    /// <summary>Who may assume EventBridge's role: EventBridge, for these rules of this account.</summary>
    public static PolicyDocument EventsTrust(string accountId, IReadOnlyList<string> ruleArns) => new(
    [
        new PolicyStatement("AssumedByTheseRules", "Allow", PolicyPrincipal.ForService("events.amazonaws.com"), ["sts:AssumeRole"], null,
            Conditions(("StringEquals", "aws:SourceAccount", [accountId]), ("ArnEquals", "aws:SourceArn", ruleArns))),
    ]);

    /// <summary>What the runbooks may do: modify this listener, write this record, publish to this topic (and use its
    /// KMS key when it is encrypted with one).</summary>
    public static PolicyDocument RunbookPolicy(string listenerArn, string recordArn, string topicArn, string? topicKeyArn = null) => new(
    [
        PolicyStatement.Allow("MoveThisListener", null, ["elasticloadbalancing:ModifyListener"], [listenerArn]),
        PolicyStatement.Allow("RecordTheRollback", null, ["ssm:PutParameter"], [recordArn]),
        PolicyStatement.Allow("NotifyOnCall", null, ["sns:Publish"], [topicArn]),
        .. topicKeyArn is null ? Array.Empty<PolicyStatement>() : [PolicyStatement.Allow("PublishToTheEncryptedTopic", null, ["kms:GenerateDataKey*", "kms:Decrypt"], [topicKeyArn])],
    ]);

    /// <summary>What EventBridge may do: start these runbooks, passing them their role.</summary>
    public static PolicyDocument EventsPolicy(IReadOnlyList<string> runbookArns, string automationRoleArn) => new(
    [
        PolicyStatement.Allow("StartTheseRunbooks", null, ["ssm:StartAutomationExecution"], runbookArns),
        new PolicyStatement("PassTheRunbookItsRole", "Allow", null, ["iam:PassRole"], [automationRoleArn],
            Conditions(("StringEquals", "iam:PassedToService", ["ssm.amazonaws.com"]))),
    ]);

    /// <summary>Who may write to the dead-letter queue: EventBridge, for these rules only.</summary>
    public static PolicyDocument DeadLetterPolicy(string queueArn, IReadOnlyList<string> ruleArns) => new(
    [
        new PolicyStatement("DeadLettersOfTheseRules", "Allow", PolicyPrincipal.ForService("events.amazonaws.com"), ["sqs:SendMessage"], [queueArn],
            Conditions(("ArnEquals", "aws:SourceArn", ruleArns))),
    ]);
}
