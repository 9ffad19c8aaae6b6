using BlueGreen.Components;
using BlueGreen.Release;
using Pulumi;

namespace BlueGreen.Stacks;

/// <summary>The automatic rollback of the release: its record, read at every run, and what AWS rolls back on its own.</summary>
public sealed partial class BlueGreenRelease
{
    /// <summary>
    /// The EventBridge rules and SSM runbooks that roll back the colour at risk when its rollback alarm fires, while
    /// the phase has one and the settings want AWS to roll it back (<see cref="RollbackSettings.AutomaticIn"/>);
    /// otherwise the component declares only the record.
    /// </summary>
    private AutomaticRollback DeclareAutomaticRollback(string region)
    {
        var phase = _settings.Phase;
        var identity = Pulumi.Aws.GetCallerIdentity.Invoke();
        var targets = _settings.Rollback.AutomaticIn(phase) && phase.AtRisk is { } atRisk && phase.RollbackTarget is { } target
                      && Alarms.RollbackAlarmArn is { } alarmArn
            ? new AutomaticRollbackTargets
            {
                ListenerArn = Listener.HttpsListenerArn,
                AtRisk = atRisk,
                AtRiskTargetGroupArn = _environments[atRisk].TargetGroupArn,
                RollbackTarget = target,
                RollbackTargetGroupArn = _environments[target].TargetGroupArn,
                AlarmArn = alarmArn,
                CriticalTopicArn = Alarms.CriticalTopicArn,
            }
            : null;
        return new AutomaticRollback($"{App}-auto-rollback", new AutomaticRollbackArgs
        {
            NamePrefix = NamePrefix,
            Region = region,
            AccountId = identity.Apply(i => i.AccountId),
            // The partition from the provider: the caller's ARN is arn:<partition>:... (aws, aws-us-gov, aws-cn).
            Partition = identity.Apply(i => Arn.TryParse(i.Arn, out var arn) ? arn.Partition
                : throw new InvalidOperationException($"The AWS provider's caller identity '{i.Arn}' is not an ARN, so the partition is unknown.")),
            Targets = targets,
            Tags = Tags,
        });
    }

    /// <summary>
    /// Reads the automatic rollback record through the provider at every preview and up. Only once the parameter
    /// exists: its name is an output of the parameter, unknown while a preview plans to create it (no read, no
    /// rollback); and SSM's ParameterNotFound (the parameter deleted outside Pulumi) reads as "none" too.
    /// </summary>
    private static Output<string> ReadRecord(Output<string> recordName) =>
        recordName.Apply(async name =>
        {
            try
            {
                var parameter = await Pulumi.Aws.Ssm.GetParameter.InvokeAsync(new Pulumi.Aws.Ssm.GetParameterArgs { Name = name }).ConfigureAwait(false);
                return parameter.Value;
            }
            catch (Exception e) when (Release.AutomaticRollbackRecord.IsNotFound(e.ToString()))
            {
                return Release.AutomaticRollbackRecord.None;
            }
        });

    /// <summary>The forward action the listener declares, from the release model; an unreadable record fails the
    /// listener before it is sent (never taken for "no rollback").</summary>
    private static ForwardAction DeclaredForward(StackSettings settings, string value)
    {
        var record = Release.AutomaticRollbackRecord.Parse(value);
        if (record?.Refusal(settings) is { } refusal)
        {
            Log.Warn($"{refusal}. The listener keeps the rolled-back weights until then.");
        }

        return Release.AutomaticRollbackRecord.ForwardActionFor(settings, record);
    }
}
