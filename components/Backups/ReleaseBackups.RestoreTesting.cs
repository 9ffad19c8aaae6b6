using Pulumi;
using Backup = Pulumi.Aws.Backup;
using Iam = Pulumi.Aws.Iam;

namespace BlueGreen.Components;

/// <summary>Weekly restore testing of the vault's recovery points.</summary>
public sealed partial class ReleaseBackups
{
    private void CreateRestoreTesting(string name, ReleaseBackupsArgs args, RestoreTestSettings testing, Backup.Vault vault, Iam.Role role)
    {
        var plan = new Backup.RestoreTestingPlan($"{name}-restore-test", new Backup.RestoreTestingPlanArgs
        {
            Name = AwsNames.RestoreTestingName($"{args.NamePrefix}_restore_test"),
            ScheduleExpression = testing.Schedule,
            StartWindowHours = 24,
            RecoveryPointSelection = new Backup.Inputs.RestoreTestingPlanRecoveryPointSelectionArgs
            {
                Algorithm = "LATEST_WITHIN_WINDOW",
                IncludeVaults = { vault.Arn },
                RecoveryPointTypes = { "SNAPSHOT" },
                SelectionWindowDays = testing.SelectionWindowDays,
            },
            Tags = Tags(args),
        }, new CustomResourceOptions { Parent = this });

        var selection = new Backup.RestoreTestingSelectionArgs
        {
            Name = AwsNames.RestoreTestingName($"{args.NamePrefix}_{testing.ProtectedResourceType}"),
            RestoreTestingPlanName = plan.Name,
            IamRoleArn = role.Arn,
            ProtectedResourceType = testing.ProtectedResourceType,
        };
        if (args.Resources.ByTag)
        {
            selection.ProtectedResourceConditions = new Backup.Inputs.RestoreTestingSelectionProtectedResourceConditionsArgs
            {
                StringEquals =
                {
                    new Backup.Inputs.RestoreTestingSelectionProtectedResourceConditionsStringEqualArgs
                    {
                        Key = $"aws:ResourceTag/{args.Resources.TagKey}",
                        Value = args.Resources.TagValue!,
                    },
                },
            };
            selection.ProtectedResourceArns.Add("*");
        }
        else
        {
            foreach (var arn in args.Resources.ResourceArns!)
            {
                selection.ProtectedResourceArns.Add(arn);
            }
        }

        foreach (var (key, value) in testing.MetadataOverrides ?? new Dictionary<string, string>())
        {
            selection.RestoreMetadataOverrides.Add(key, value);
        }

        _ = new Backup.RestoreTestingSelection($"{name}-restore-test-selection", selection, new CustomResourceOptions { Parent = this });
    }
}
