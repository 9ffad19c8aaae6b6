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

    /// <summary>The HTTPS listener the runbook modifies (and the only one it may).</summary>
    public required Input<string> ListenerArn { get; init; }

    /// <summary>The colour at risk (rolled back) and its target group.</summary>
    public required Colour AtRisk { get; init; }

    /// <summary>The at-risk colour's target group, kept in the action at weight 0.</summary>
    public required Input<string> AtRiskTargetGroupArn { get; init; }

    /// <summary>The colour all traffic goes to.</summary>
    public required Colour RollbackTarget { get; init; }

    /// <summary>The rollback target's target group.</summary>
    public required Input<string> RollbackTargetGroupArn { get; init; }

    /// <summary>The composite rollback alarm whose ALARM starts the runbook.</summary>
    public required Input<string> AlarmArn { get; init; }

    /// <summary>The critical topic the runbook notifies.</summary>
    public required Input<string> CriticalTopicArn { get; init; }

    /// <summary>AWS tags.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>The SSM parameter that records an automatic rollback: <c>/bluegreen/{prefix}/automatic-rollback</c>.</summary>
    public string RecordName => RecordNameOf(NamePrefix);

    /// <summary>The record's name for a stack's name prefix (the program reads it back by this name).</summary>
    public static string RecordNameOf(string namePrefix) => AutomaticRollbackRecord.NameOf(namePrefix);

    /// <summary>Checks every argument.</summary>
    /// <exception cref="ArgumentException">An argument breaks a rule; the message names it.</exception>
    public void Validate()
    {
        if (NamePrefix is null || !PrefixPattern().IsMatch(NamePrefix))
        {
            throw new ArgumentException($"NamePrefix must be 1–40 letters, digits, '-' or '_', not '{NamePrefix}'.", nameof(NamePrefix));
        }

        if (AtRisk == RollbackTarget)
        {
            throw new ArgumentException($"The rollback target must be the other colour than {AtRisk.ConfigName()}.", nameof(RollbackTarget));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(Region, nameof(Region));
        ArgumentNullException.ThrowIfNull(AccountId, nameof(AccountId));
        ArgumentNullException.ThrowIfNull(ListenerArn, nameof(ListenerArn));
        ArgumentNullException.ThrowIfNull(AtRiskTargetGroupArn, nameof(AtRiskTargetGroupArn));
        ArgumentNullException.ThrowIfNull(RollbackTargetGroupArn, nameof(RollbackTargetGroupArn));
        ArgumentNullException.ThrowIfNull(AlarmArn, nameof(AlarmArn));
        ArgumentNullException.ThrowIfNull(CriticalTopicArn, nameof(CriticalTopicArn));
        AwsText.RequireTags(Tags, nameof(Tags));
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9_-]{1,40}$")]
    private static partial System.Text.RegularExpressions.Regex PrefixPattern();
}
