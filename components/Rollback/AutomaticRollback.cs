using BlueGreen.Release;
using Pulumi;
using CloudWatch = Pulumi.Aws.CloudWatch;
using Iam = Pulumi.Aws.Iam;
using Sqs = Pulumi.Aws.Sqs;
using Ssm = Pulumi.Aws.Ssm;

namespace BlueGreen.Components;

/// <summary>
/// Rollback run by AWS with nothing of ours running: when the rollback alarm of the colour at risk goes to
/// ALARM, an EventBridge rule starts an SSM Automation runbook that sends all of the listener's traffic to
/// the rollback colour, records it in an SSM parameter (which the program reads back, so no apply silently
/// undoes it) and notifies the critical topic. A failed step, a failed or timed-out execution and an event
/// EventBridge could not deliver (kept in a dead-letter queue) all reach the critical topic too. Two roles,
/// each allowed exactly its calls and assumable only for this account's runbook executions and rules.
/// The record is declared in every phase, even with nothing at risk: it is retained and never reset by an apply.
/// </summary>
public sealed partial class AutomaticRollback : ComponentResource
{
    /// <summary>The component's type token.</summary>
    public const string TypeToken = "bluegreen:aws:AutomaticRollback";

    /// <summary>The record's name (an output of the parameter: unknown while a preview plans to create it).</summary>
    [Output("recordName")]
    public Output<string> RecordName { get; private set; }

    /// <summary>The runbook's name, or null when nothing is at risk.</summary>
    [Output("runbookName")]
    public Output<string>? RunbookName { get; private set; }

    /// <summary>The dead-letter queue of the rules' targets, or null when nothing is at risk.</summary>
    [Output("deadLetterQueueUrl")]
    public Output<string>? DeadLetterQueueUrl { get; private set; }

    /// <summary>Declares the record and, with <see cref="AutomaticRollbackArgs.Targets"/>, the rules, runbooks, roles,
    /// dead-letter queue and alarms.</summary>
    public AutomaticRollback(string name, AutomaticRollbackArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        args.Validate();
        var tags = InputMaps.From(args.Tags);

        // The record exists from the first apply ("none"), in every phase; the runbook overwrites its value, and an
        // apply must never put it back (its value is ignored after creation) nor delete it (retained).
        var record = new Ssm.Parameter($"{name}-record", new Ssm.ParameterArgs
        {
            Name = args.RecordName,
            Type = "String",
            Value = AutomaticRollbackRecord.None,
            Description = "The last automatic rollback of the stack (JSON: executionId, at, alarm, rolledBack, to), or none",
            Tags = tags,
        }, new CustomResourceOptions { Parent = this, IgnoreChanges = ["value"], RetainOnDelete = true });
        RecordName = record.Name;

        if (args.Targets is { } targets)
        {
            DeclareRollback(name, args, targets, tags);
        }

        // Every [Output] property, under its attribute's name.
        RegisterOutputs();
    }

    private void DeclareRollback(string name, AutomaticRollbackArgs args, AutomaticRollbackTargets targets, InputMap<string> tags)
    {
        var parent = new CustomResourceOptions { Parent = this };
        var arns = new RollbackArns(args);

        var automationRole = new Iam.Role($"{name}-runbook-role", new Iam.RoleArgs
        {
            Description = $"{args.NamePrefix}: the automatic rollback runbook moves the listener, records it and notifies",
            AssumeRolePolicy = Output.Tuple(args.AccountId.ToOutput(), arns.AutomationExecutions).Apply(t => AutomationTrust(t.Item1, t.Item2).ToJson()),
            Tags = tags,
        }, parent);
        _ = new Iam.RolePolicy($"{name}-runbook-policy", new Iam.RolePolicyArgs
        {
            Role = automationRole.Name,
            Policy = Output.Tuple(targets.ListenerArn.ToOutput(), arns.Record, targets.CriticalTopicArn.ToOutput(), Optional(targets.CriticalTopicKmsKeyArn))
                .Apply(t => RunbookPolicy(t.Item1, t.Item2, t.Item3, t.Item4).ToJson()),
        }, parent);

        var runbook = new Ssm.Document($"{name}-runbook", new Ssm.DocumentArgs
        {
            Name = args.RunbookName,
            DocumentType = "Automation",
            DocumentFormat = "JSON",
            Content = Output.Tuple(targets.ListenerArn.ToOutput(), targets.RollbackTargetGroupArn.ToOutput(), targets.AtRiskTargetGroupArn.ToOutput(), targets.CriticalTopicArn.ToOutput())
                .Apply(t => RollbackRunbook.Content(
                    t.Item1, ForwardAction.RollbackTo(targets.RollbackTarget, targets.AtRisk, (int)StickinessSettings.Default.Duration.TotalSeconds),
                    new Dictionary<Colour, string> { [targets.RollbackTarget] = t.Item2, [targets.AtRisk] = t.Item3 },
                    args.RecordName, t.Item4, targets.AtRisk, targets.RollbackTarget)),
            Tags = tags,
        }, parent);
        var failureRunbook = new Ssm.Document($"{name}-failure-runbook", new Ssm.DocumentArgs
        {
            Name = args.FailureRunbookName,
            DocumentType = "Automation",
            DocumentFormat = "JSON",
            Content = targets.CriticalTopicArn.ToOutput().Apply(topic => RollbackRunbook.FailureContent(topic, args.RunbookName, targets.AtRisk)),
            Tags = tags,
        }, parent);

        var eventsRole = new Iam.Role($"{name}-events-role", new Iam.RoleArgs
        {
            Description = $"{args.NamePrefix}: EventBridge starts the automatic rollback runbook, and the one that reports its failures",
            AssumeRolePolicy = Output.Tuple(args.AccountId.ToOutput(), arns.Rule, arns.FailureRule).Apply(t => EventsTrust(t.Item1, [t.Item2, t.Item3]).ToJson()),
            Tags = tags,
        }, parent);
        _ = new Iam.RolePolicy($"{name}-events-policy", new Iam.RolePolicyArgs
        {
            Role = eventsRole.Name,
            Policy = Output.Tuple(arns.Runbook, arns.FailureRunbook, automationRole.Arn).Apply(t => EventsPolicy([t.Item1, t.Item2], t.Item3).ToJson()),
        }, parent);

        var deadLetters = DeclareDeadLetterQueue(name, args, arns, tags);
        var rule = new CloudWatch.EventRule($"{name}-rule", new CloudWatch.EventRuleArgs
        {
            Name = args.RuleName,
            Description = $"The rollback alarm of {targets.AtRisk.ConfigName()} goes to ALARM: roll back to {targets.RollbackTarget.ConfigName()}",
            EventPattern = targets.AlarmArn.ToOutput().Apply(RollbackRunbook.AlarmPattern),
            Tags = tags,
        }, parent);
        DeclareRunbookTarget($"{name}-target", rule, "automatic-rollback", arns.Runbook, runbook, eventsRole, deadLetters,
            new() { { "alarm", "$.detail.alarmName" }, { "time", "$.time" } },
            automationRole.Arn.Apply(role => $"{{\"AlarmName\":[<alarm>],\"AlarmTime\":[<time>],\"AutomationAssumeRole\":[\"{role}\"]}}"));

        var failureRule = new CloudWatch.EventRule($"{name}-failure-rule", new CloudWatch.EventRuleArgs
        {
            Name = args.FailureRuleName,
            Description = $"An execution of {args.RunbookName} failed, timed out or was cancelled: tell the critical topic",
            EventPattern = RollbackRunbook.FailurePattern(args.RunbookName),
            Tags = tags,
        }, parent);
        DeclareRunbookTarget($"{name}-failure-target", failureRule, "automatic-rollback-failed", arns.FailureRunbook, failureRunbook, eventsRole, deadLetters,
            new() { { "execution", "$.detail.ExecutionId" }, { "status", "$.detail.Status" } },
            automationRole.Arn.Apply(role => $"{{\"ExecutionId\":[<execution>],\"Status\":[<status>],\"AutomationAssumeRole\":[\"{role}\"]}}"));

        DeclareDeliveryAlarms(name, args, targets, tags);
        RunbookName = runbook.Name;
        DeadLetterQueueUrl = deadLetters.Url;
    }

    /// <summary>An event older than 10 minutes no longer starts a rollback (someone has been paged by then); until then
    /// EventBridge retries, and what it gives up on lands in the dead-letter queue.</summary>
    /// <summary>
    /// An EventBridge target that starts <paramref name="runbookArn"/> with the event's <paramref name="paths"/> in
    /// <paramref name="template"/>, retried, and sent to the dead-letter queue when every retry failed.
    /// </summary>
    private void DeclareRunbookTarget(
        string name, CloudWatch.EventRule rule, string targetId, Output<string> runbookArn, Resource runbook, Iam.Role eventsRole, Sqs.Queue deadLetters,
        InputMap<string> paths, Output<string> template) =>
        _ = new CloudWatch.EventTarget(name, new CloudWatch.EventTargetArgs
        {
            Rule = rule.Name,
            TargetId = targetId,
            Arn = runbookArn,
            RoleArn = eventsRole.Arn,
            InputTransformer = new CloudWatch.Inputs.EventTargetInputTransformerArgs { InputPaths = paths, InputTemplate = template },
            DeadLetterConfig = new CloudWatch.Inputs.EventTargetDeadLetterConfigArgs { Arn = deadLetters.Arn },
            RetryPolicy = Retries(),
        }, new CustomResourceOptions { Parent = this, DependsOn = { runbook } });

    private static CloudWatch.Inputs.EventTargetRetryPolicyArgs Retries() => new()
    {
        MaximumEventAgeInSeconds = 600,
        MaximumRetryAttempts = 10,
    };

    private static Output<string?> Optional(Input<string>? input) => input?.ToOutput().Apply(v => (string?)v) ?? Output.Create((string?)null);
}
