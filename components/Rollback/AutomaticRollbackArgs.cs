using BlueGreen.Release;
using Pulumi;

namespace BlueGreen.Components;

/// <summary>The arguments of an <see cref="AutomaticRollback"/>.</summary>
public sealed partial class AutomaticRollbackArgs
{
    /// <summary>Prefix of the names that must be unique in the account and region (<c>{app}-{stack}</c>).</summary>
    public required string NamePrefix { get; init; }

    /// <summary>The region and account of the stack, for the ARNs the policies name.</summary>
    public required string Region { get; init; }

    /// <summary>The account of the stack.</summary>
    public required Input<string> AccountId { get; init; }

    /// <summary>The partition of the stack's account (<c>aws</c>, <c>aws-us-gov</c>, <c>aws-cn</c>), as the provider
    /// reports it: every ARN the component builds starts <c>arn:{partition}:</c>.</summary>
    public required Input<string> Partition { get; init; }

    /// <summary>What AWS rolls back on its own, or null: then only the record is declared (it exists in every phase).</summary>
    public AutomaticRollbackTargets? Targets { get; init; }

    /// <summary>AWS tags.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>The SSM parameter that records an automatic rollback: <c>/bluegreen/{prefix}/automatic-rollback</c>.</summary>
    public string RecordName => RecordNameOf(NamePrefix);

    /// <summary>The record's name for a stack's name prefix (the program reads it back by this name).</summary>
    public static string RecordNameOf(string namePrefix) => AutomaticRollbackRecord.NameOf(namePrefix);

    /// <summary>The rollback runbook's name.</summary>
    public string RunbookName => $"{NamePrefix}-automatic-rollback";

    /// <summary>The runbook that tells the critical topic an execution of the rollback failed.</summary>
    public string FailureRunbookName => $"{NamePrefix}-automatic-rollback-failed";

    /// <summary>The rule on the rollback alarm.</summary>
    public string RuleName => $"{NamePrefix}-automatic-rollback";

    /// <summary>The rule on the rollback runbook's failed executions.</summary>
    public string FailureRuleName => $"{NamePrefix}-automatic-rollback-failed";

    /// <summary>Checks every argument.</summary>
    /// <exception cref="ArgumentException">An argument breaks a rule; the message names it.</exception>
    public void Validate()
    {
        if (NamePrefix is null || !PrefixPattern().IsMatch(NamePrefix))
        {
            throw new ArgumentException($"NamePrefix must be 1–40 letters, digits, '-' or '_', not '{NamePrefix}'.", nameof(NamePrefix));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(Region, nameof(Region));
        ArgumentNullException.ThrowIfNull(AccountId, nameof(AccountId));
        ArgumentNullException.ThrowIfNull(Partition, nameof(Partition));
        Targets?.Validate();
        AwsText.RequireTags(Tags, nameof(Tags));
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9_-]{1,40}$")]
    private static partial System.Text.RegularExpressions.Regex PrefixPattern();
}

/// <summary>What the automatic rollback moves, watches and tells.</summary>
public sealed class AutomaticRollbackTargets
{
    /// <summary>The HTTPS listener the runbook modifies (and the only one it may).</summary>
    public required Input<string> ListenerArn { get; init; }

    /// <summary>The colour at risk (rolled back).</summary>
    public required Colour AtRisk { get; init; }

    /// <summary>The at-risk colour's target group, kept in the action at weight 0.</summary>
    public required Input<string> AtRiskTargetGroupArn { get; init; }

    /// <summary>The colour all traffic goes to.</summary>
    public required Colour RollbackTarget { get; init; }

    /// <summary>The rollback target's target group.</summary>
    public required Input<string> RollbackTargetGroupArn { get; init; }

    /// <summary>The composite rollback alarm whose ALARM starts the runbook.</summary>
    public required Input<string> AlarmArn { get; init; }

    /// <summary>The critical topic the runbook notifies, and the alarms on failed deliveries.</summary>
    public required Input<string> CriticalTopicArn { get; init; }

    /// <summary>The KMS key that encrypts the critical topic, or null for an unencrypted topic (or one under the
    /// AWS-managed key): publishing to an encrypted topic needs <c>kms:GenerateDataKey*</c> and <c>kms:Decrypt</c> on it.</summary>
    public Input<string>? CriticalTopicKmsKeyArn { get; init; }

    /// <summary>Checks every argument.</summary>
    /// <exception cref="ArgumentException">An argument is missing or the colours are the same.</exception>
    public void Validate()
    {
        if (AtRisk == RollbackTarget)
        {
            throw new ArgumentException($"The rollback target must be the other colour than {AtRisk.ConfigName()}.", nameof(RollbackTarget));
        }

        ArgumentNullException.ThrowIfNull(ListenerArn, nameof(ListenerArn));
        ArgumentNullException.ThrowIfNull(AtRiskTargetGroupArn, nameof(AtRiskTargetGroupArn));
        ArgumentNullException.ThrowIfNull(RollbackTargetGroupArn, nameof(RollbackTargetGroupArn));
        ArgumentNullException.ThrowIfNull(AlarmArn, nameof(AlarmArn));
        ArgumentNullException.ThrowIfNull(CriticalTopicArn, nameof(CriticalTopicArn));
    }
}
