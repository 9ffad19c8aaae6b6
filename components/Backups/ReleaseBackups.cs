using System.Collections.Immutable;
using Pulumi;
using Backup = Pulumi.Aws.Backup;
using Iam = Pulumi.Aws.Iam;
using Kms = Pulumi.Aws.Kms;

namespace BlueGreen.Components;

/// <summary>
/// Backups of the app's data: an AWS Backup vault encrypted with its own KMS key (optionally locked), a
/// plan with a daily and an optional weekly rule, the selection and its IAM role, weekly restore testing,
/// and a snapshot of the database cluster taken before the release.
/// </summary>
public sealed partial class ReleaseBackups : ComponentResource
{
    /// <summary>The component's type token.</summary>
    public const string TypeToken = "bluegreen:aws:ReleaseBackups";

    /// <summary>The AWS managed policy that lets AWS Backup take backups.</summary>
    public const string BackupPolicyArn = "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup";

    /// <summary>The AWS managed policy that lets AWS Backup restore (restore testing needs it).</summary>
    public const string RestorePolicyArn = "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores";

    /// <summary>The vault's name.</summary>
    [Output("vaultName")]
    public Output<string> VaultName { get; private set; }

    /// <summary>The vault's ARN.</summary>
    [Output("vaultArn")]
    public Output<string> VaultArn { get; private set; }

    /// <summary>The backup plan's id.</summary>
    [Output("planId")]
    public Output<string> PlanId { get; private set; }

    /// <summary>The pre-release snapshot's identifier, or null when none is taken.</summary>
    [Output("snapshotIdentifier")]
    public Output<string>? SnapshotIdentifier { get; private set; }

    /// <summary>The pre-release snapshot of the release under way, or null: the stack can make the new colour
    /// (and its migration) depend on it.</summary>
    public Resource? PreReleaseSnapshot { get; }

    /// <summary>Every snapshot declared (under way and archived): its identifier by the release it was taken before.</summary>
    public IReadOnlyDictionary<string, Output<string>> Snapshots { get; }

    /// <summary>The identifiers of every snapshot declared, the release under way's first.</summary>
    [Output("snapshotIdentifiers")]
    public Output<ImmutableArray<string>> SnapshotIdentifiers { get; private set; }

    /// <summary>Creates the vault, plan, selection, restore testing and pre-release snapshot.</summary>
    /// <param name="name">The logical name; prefixes the children's.</param>
    /// <param name="args">Retention, schedules and what to back up; validated here.</param>
    /// <param name="options">Component options (e.g. the AWS provider).</param>
    /// <exception cref="ArgumentException">An argument breaks a rule; the message says which.</exception>
    public ReleaseBackups(string name, ReleaseBackupsArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        args.Validate();

        var vault = CreateVault(name, args);
        var role = CreateRole(name, args);
        var plan = CreatePlan(name, args, vault);
        CreateSelection(name, args, plan, role);

        if (args.RestoreTesting is { } testing)
        {
            CreateRestoreTesting(name, args, testing, vault, role);
        }

        var (snapshots, underWay) = CreateSnapshots(name, args);
        PreReleaseSnapshot = underWay;
        // [Output] properties start as pending outputs; without a snapshot there is none
        SnapshotIdentifier = underWay?.DbClusterSnapshotIdentifier;
        Snapshots = snapshots;
        SnapshotIdentifiers = Output.All(snapshots.Values);

        VaultName = vault.Name;
        VaultArn = vault.Arn;
        PlanId = plan.Id;

        // Every [Output] property, under its attribute's name.
        RegisterOutputs();
    }

    /// <summary>The trust policy of the backup role: AWS Backup may assume it.</summary>
    public static PolicyDocument AssumeRolePolicy() => new(
    [
        PolicyStatement.Allow("AwsBackupAssumesRole", PolicyPrincipal.ForService("backup.amazonaws.com"), ["sts:AssumeRole"]),
    ]);

    private Backup.Vault CreateVault(string name, ReleaseBackupsArgs args)
    {
        var key = new Kms.Key($"{name}-vault-key", new Kms.KeyArgs
        {
            Description = $"{args.NamePrefix} AWS Backup vault",
            EnableKeyRotation = true,
            DeletionWindowInDays = 30,
            Tags = Tags(args),
        }, new CustomResourceOptions
        {
            Parent = this,
            // Losing the key loses every recovery point encrypted with it.
            Protect = true,
        });

        _ = new Kms.Alias($"{name}-vault-key-alias", new Kms.AliasArgs
        {
            Name = $"alias/{args.NamePrefix}-backup",
            TargetKeyId = key.KeyId,
        }, new CustomResourceOptions { Parent = this });

        var vault = new Backup.Vault($"{name}-vault", new Backup.VaultArgs
        {
            Name = AwsNames.BackupName($"{args.NamePrefix}-vault"),
            KmsKeyArn = key.Arn,
            ForceDestroy = false,
            Tags = Tags(args),
        }, new CustomResourceOptions { Parent = this, Protect = true });

        if (args.VaultLock is { } vaultLock)
        {
            var lockArgs = new Backup.VaultLockConfigurationArgs
            {
                BackupVaultName = vault.Name,
                MinRetentionDays = vaultLock.MinRetentionDays,
            };
            if (vaultLock.MaxRetentionDays is { } max)
            {
                lockArgs.MaxRetentionDays = max;
            }

            if (vaultLock.ChangeableForDays is { } changeable)
            {
                lockArgs.ChangeableForDays = changeable;
            }

            _ = new Backup.VaultLockConfiguration($"{name}-vault-lock", lockArgs, new CustomResourceOptions { Parent = this });
        }

        return vault;
    }

    private Iam.Role CreateRole(string name, ReleaseBackupsArgs args)
    {
        var role = new Iam.Role($"{name}-backup-role", new Iam.RoleArgs
        {
            Description = $"{args.NamePrefix}: AWS Backup takes, and restore testing restores, recovery points",
            AssumeRolePolicy = AssumeRolePolicy().ToJson(),
            Tags = Tags(args),
        }, new CustomResourceOptions { Parent = this });

        foreach (var (suffix, policyArn) in new[] { ("backup", BackupPolicyArn), ("restores", RestorePolicyArn) })
        {
            _ = new Iam.RolePolicyAttachment($"{name}-backup-role-{suffix}", new Iam.RolePolicyAttachmentArgs
            {
                Role = role.Name,
                PolicyArn = policyArn,
            }, new CustomResourceOptions { Parent = this });
        }

        return role;
    }

    private Backup.Plan CreatePlan(string name, ReleaseBackupsArgs args, Backup.Vault vault)
    {
        var plan = new Backup.PlanArgs
        {
            Name = AwsNames.BackupName($"{args.NamePrefix}-plan"),
            Rules =
            {
                new Backup.Inputs.PlanRuleArgs
                {
                    RuleName = "daily",
                    TargetVaultName = vault.Name,
                    Schedule = args.DailySchedule,
                    StartWindow = 60,
                    CompletionWindow = 360,
                    Lifecycle = new Backup.Inputs.PlanRuleLifecycleArgs { DeleteAfter = args.DailyRetentionDays },
                    RecoveryPointTags = Tags(args, ("rule", "daily")),
                },
            },
            Tags = Tags(args),
        };

        if (args.Weekly is { } weekly)
        {
            var lifecycle = new Backup.Inputs.PlanRuleLifecycleArgs { DeleteAfter = weekly.RetentionDays };
            if (weekly.ColdStorageAfterDays is { } cold)
            {
                lifecycle.ColdStorageAfter = cold;
            }

            plan.Rules.Add(new Backup.Inputs.PlanRuleArgs
            {
                RuleName = "weekly",
                TargetVaultName = vault.Name,
                Schedule = weekly.Schedule,
                StartWindow = 60,
                CompletionWindow = 720,
                Lifecycle = lifecycle,
                RecoveryPointTags = Tags(args, ("rule", "weekly")),
            });
        }

        return new Backup.Plan($"{name}-plan", plan, new CustomResourceOptions { Parent = this });
    }

    private void CreateSelection(string name, ReleaseBackupsArgs args, Backup.Plan plan, Iam.Role role) =>
        _ = new Backup.Selection($"{name}-selection", SelectionArgs(args, plan, role),
            new CustomResourceOptions { Parent = this });

    private static Backup.SelectionArgs SelectionArgs(ReleaseBackupsArgs args, Backup.Plan plan, Iam.Role role)
    {
        var selection = new Backup.SelectionArgs
        {
            Name = AwsNames.BackupName($"{args.NamePrefix}-selection"),
            PlanId = plan.Id,
            IamRoleArn = role.Arn,
        };
        if (args.Resources.ByTag)
        {
            selection.SelectionTags.Add(new Backup.Inputs.SelectionSelectionTagArgs
            {
                Type = "STRINGEQUALS",
                Key = args.Resources.TagKey!,
                Value = args.Resources.TagValue!,
            });
        }

        foreach (var arn in args.Resources.ResourceArns ?? [])
        {
            selection.Resources.Add(arn);
        }

        return selection;
    }

    private static InputMap<string> Tags(ReleaseBackupsArgs args, params (string Key, string Value)[] extra)
        => InputMaps.From(args.Tags, [("app", args.AppName), .. extra]);
}
