using BlueGreen.Release;
using Pulumi;
using CloudWatch = Pulumi.Aws.CloudWatch;
using Iam = Pulumi.Aws.Iam;
using Ssm = Pulumi.Aws.Ssm;

namespace BlueGreen.Components;

/// <summary>
/// Rollback run by AWS with nothing of ours running: when the rollback alarm of the colour at risk goes to
/// ALARM, an EventBridge rule starts an SSM Automation runbook that sends all of the listener's traffic to
/// the rollback colour, records it in an SSM parameter (which the program reads back, so no apply silently
/// undoes it) and notifies the critical topic. Two roles, each allowed exactly its calls.
/// </summary>
public sealed class AutomaticRollback : ComponentResource
{
    /// <summary>The component's type token.</summary>
    public const string TypeToken = "bluegreen:aws:AutomaticRollback";

    /// <summary>The record's name.</summary>
    [Output("recordName")]
    public Output<string> RecordName { get; private set; }

    /// <summary>The runbook's name.</summary>
    [Output("runbookName")]
    public Output<string> RunbookName { get; private set; }

    /// <summary>Declares the rule, the runbook, the record and the two roles.</summary>
    public AutomaticRollback(string name, AutomaticRollbackArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        args.Validate();
        var tags = InputMaps.From(args.Tags);
        var parent = new CustomResourceOptions { Parent = this };

        // The record exists from the start ("none"), so the program can always read it; the runbook overwrites
        // its value, and an apply must never put it back: its value is ignored after creation.
        var record = new Ssm.Parameter($"{name}-record", new Ssm.ParameterArgs
        {
            Name = args.RecordName,
            Type = "String",
            Value = AutomaticRollbackRecord.None,
            Description = "The last automatic rollback of the stack (JSON: at, alarm, rolledBack, to), or none",
            Tags = tags,
        }, new CustomResourceOptions { Parent = this, IgnoreChanges = ["value"] });

        var automationRole = new Iam.Role($"{name}-runbook-role", new Iam.RoleArgs
        {
            Description = $"{args.NamePrefix}: the automatic rollback runbook moves the listener, records it and notifies",
            AssumeRolePolicy = AssumedBy("ssm.amazonaws.com").ToJson(),
            Tags = tags,
        }, parent);
        var recordArn = Output.Format($"arn:aws:ssm:{args.Region}:{args.AccountId}:parameter{args.RecordName}");
        _ = new Iam.RolePolicy($"{name}-runbook-policy", new Iam.RolePolicyArgs
        {
            Role = automationRole.Name,
            Policy = Output.Tuple(args.ListenerArn.ToOutput(), recordArn, args.CriticalTopicArn.ToOutput())
                .Apply(t => RunbookPolicy(t.Item1, t.Item2, t.Item3).ToJson()),
        }, parent);

        var runbookName = $"{args.NamePrefix}-automatic-rollback";
        var runbook = new Ssm.Document($"{name}-runbook", new Ssm.DocumentArgs
        {
            Name = runbookName,
            DocumentType = "Automation",
            DocumentFormat = "JSON",
            Content = Output.Tuple(args.ListenerArn.ToOutput(), args.RollbackTargetGroupArn.ToOutput(), args.AtRiskTargetGroupArn.ToOutput(), args.CriticalTopicArn.ToOutput())
                .Apply(t => RollbackRunbook.Content(t.Item1, t.Item2, t.Item3, args.RecordName, t.Item4, args.AtRisk, args.RollbackTarget)),
            Tags = tags,
        }, parent);
        var runbookArn = Output.Format($"arn:aws:ssm:{args.Region}:{args.AccountId}:automation-definition/{runbookName}:$DEFAULT");

        var eventsRole = new Iam.Role($"{name}-events-role", new Iam.RoleArgs
        {
            Description = $"{args.NamePrefix}: EventBridge starts the automatic rollback runbook",
            AssumeRolePolicy = AssumedBy("events.amazonaws.com").ToJson(),
            Tags = tags,
        }, parent);
        _ = new Iam.RolePolicy($"{name}-events-policy", new Iam.RolePolicyArgs
        {
            Role = eventsRole.Name,
            Policy = Output.Tuple(runbookArn, automationRole.Arn).Apply(t => EventsPolicy(t.Item1, t.Item2).ToJson()),
        }, parent);

        var rule = new CloudWatch.EventRule($"{name}-rule", new CloudWatch.EventRuleArgs
        {
            Name = $"{args.NamePrefix}-automatic-rollback",
            Description = $"The rollback alarm of {args.AtRisk.ConfigName()} goes to ALARM: roll back to {args.RollbackTarget.ConfigName()}",
            EventPattern = args.AlarmArn.ToOutput().Apply(RollbackRunbook.AlarmPattern),
            Tags = tags,
        }, parent);
        _ = new CloudWatch.EventTarget($"{name}-target", new CloudWatch.EventTargetArgs
        {
            Rule = rule.Name,
            TargetId = "automatic-rollback",
            Arn = runbookArn,
            RoleArn = eventsRole.Arn,
            InputTransformer = new CloudWatch.Inputs.EventTargetInputTransformerArgs
            {
                InputPaths = { { "alarm", "$.detail.alarmName" } },
                InputTemplate = automationRole.Arn.Apply(role => $"{{\"AlarmName\":[<alarm>],\"AutomationAssumeRole\":[\"{role}\"]}}"),
            },
        }, new CustomResourceOptions { Parent = this, DependsOn = { runbook } });

        RecordName = record.Name;
        RunbookName = runbook.Name;
        // Every [Output] property, under its attribute's name.
        RegisterOutputs();
    }

    private static PolicyDocument AssumedBy(string service) =>
        new([PolicyStatement.Allow("AssumedBy" + service.Split('.')[0], PolicyPrincipal.ForService(service), ["sts:AssumeRole"])]);

    /// <summary>What the runbook may do: modify this listener, write this record, publish to this topic.</summary>
    public static PolicyDocument RunbookPolicy(string listenerArn, string recordArn, string topicArn) => new(
    [
        PolicyStatement.Allow("MoveThisListener", null, ["elasticloadbalancing:ModifyListener"], [listenerArn]),
        PolicyStatement.Allow("RecordTheRollback", null, ["ssm:PutParameter"], [recordArn]),
        PolicyStatement.Allow("NotifyOnCall", null, ["sns:Publish"], [topicArn]),
    ]);

    /// <summary>What EventBridge may do: start this runbook, passing it its role.</summary>
    public static PolicyDocument EventsPolicy(string runbookArn, string automationRoleArn) => new(
    [
        PolicyStatement.Allow("StartThisRunbook", null, ["ssm:StartAutomationExecution"], [runbookArn]),
        new PolicyStatement("PassTheRunbookItsRole", "Allow", null, ["iam:PassRole"], [automationRoleArn],
            new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>>
            {
                ["StringEquals"] = new Dictionary<string, IReadOnlyList<string>> { ["iam:PassedToService"] = ["ssm.amazonaws.com"] },
            }),
    ]);
}
