using System.Text.Json.Nodes;
using static BlueGreen.Conformance.Aws.Json;

namespace BlueGreen.Conformance.Aws;

/// <summary>AWS Backup: the plan, selection, vault, vault lock and restore testing. Restore testing's update operations
/// carry every setting but the names and the resource type inside RestoreTestingPlan / RestoreTestingSelection
/// (UpdateRestoreTestingPlanInput, UpdateRestoreTestingSelectionInput in aws-sdk 2.1693.0's backup-2018-11-15 model).</summary>
public static partial class AwsMappings
{
    private static readonly IReadOnlyDictionary<string, AwsMapping> BackupTable = new Dictionary<string, AwsMapping>(StringComparer.Ordinal)
    {
        ["aws:backup/plan:Plan"] = new("backup", (i, _) =>
            [new("backup", "CreateBackupPlan", Obj(("BackupPlan", Obj(("BackupPlanName", i["name"]), ("Rules", i["rules"] is JsonArray rules
                ? new JsonArray([.. rules.OfType<JsonObject>().Select(r => (JsonNode?)Obj(
                    ("RuleName", r["ruleName"]), ("TargetBackupVaultName", r["targetVaultName"]), ("ScheduleExpression", r["schedule"]),
                    ("StartWindowMinutes", r["startWindow"]), ("CompletionWindowMinutes", r["completionWindow"]), ("EnableContinuousBackup", r["enableContinuousBackup"]),
                    ("RecoveryPointTags", r["recoveryPointTags"]),
                    ("Lifecycle", r["lifecycle"] is JsonObject l ? Obj(("DeleteAfterDays", l["deleteAfter"]), ("MoveToColdStorageAfterDays", l["coldStorageAfter"])) : null)))])
                : null))), ("BackupPlanTags", i["tags"])))],
            ["UpdateBackupPlan"], new Dictionary<string, string?> { ["name"] = "BackupPlan", ["rules"] = "BackupPlan" }),
        ["aws:backup/selection:Selection"] = new("backup", (i, _) =>
            [new("backup", "CreateBackupSelection", Obj(("BackupPlanId", i["planId"]), ("BackupSelection", Obj(
                ("SelectionName", i["name"]), ("IamRoleArn", i["iamRoleArn"]), ("Resources", i["resources"]), ("NotResources", i["notResources"]),
                ("ListOfTags", i["selectionTags"] is JsonArray tags
                    ? new JsonArray([.. tags.OfType<JsonObject>().Select(t => (JsonNode?)Obj(("ConditionType", t["type"]), ("ConditionKey", t["key"]), ("ConditionValue", t["value"])))])
                    : null)))))],
            []),
        ["aws:backup/vault:Vault"] = new("backup", (i, _) =>
            [new("backup", "CreateBackupVault", Obj(("BackupVaultName", i["name"]), ("EncryptionKeyArn", i["kmsKeyArn"]), ("BackupVaultTags", i["tags"])))],
            [], new Dictionary<string, string?> { ["forceDestroy"] = ProviderOnly }),
        ["aws:backup/vaultLockConfiguration:VaultLockConfiguration"] = new("backup", (i, _) =>
            [new("backup", "PutBackupVaultLockConfiguration", Obj(("BackupVaultName", i["backupVaultName"]), ("MinRetentionDays", i["minRetentionDays"]),
                ("MaxRetentionDays", i["maxRetentionDays"]), ("ChangeableForDays", i["changeableForDays"])))],
            []),
        ["aws:backup/restoreTestingPlan:RestoreTestingPlan"] = new("backup", (i, _) =>
            [new("backup", "CreateRestoreTestingPlan", Obj(("RestoreTestingPlan", Obj(
                ("RestoreTestingPlanName", i["name"]), ("ScheduleExpression", i["scheduleExpression"]), ("ScheduleExpressionTimezone", i["scheduleExpressionTimezone"]),
                ("StartWindowHours", i["startWindowHours"]), ("RecoveryPointSelection", Deep(i["recoveryPointSelection"])))), ("Tags", i["tags"])))],
            ["UpdateRestoreTestingPlan"], new Dictionary<string, string?>
            {
                ["name"] = null,
                ["recoveryPointSelection"] = "RestoreTestingPlan",
                ["scheduleExpression"] = "RestoreTestingPlan",
                ["scheduleExpressionTimezone"] = "RestoreTestingPlan",
                ["startWindowHours"] = "RestoreTestingPlan",
            }),
        ["aws:backup/restoreTestingSelection:RestoreTestingSelection"] = new("backup", (i, _) =>
            [new("backup", "CreateRestoreTestingSelection", Obj(("RestoreTestingPlanName", i["restoreTestingPlanName"]), ("RestoreTestingSelection", Obj(
                ("RestoreTestingSelectionName", i["name"]), ("IamRoleArn", i["iamRoleArn"]), ("ProtectedResourceType", i["protectedResourceType"]),
                ("ProtectedResourceArns", i["protectedResourceArns"]), ("ProtectedResourceConditions", Deep(i["protectedResourceConditions"])),
                ("RestoreMetadataOverrides", i["restoreMetadataOverrides"]), ("ValidationWindowHours", i["validationWindowHours"])))))],
            ["UpdateRestoreTestingSelection"], new Dictionary<string, string?>
            {
                ["name"] = null,
                ["restoreTestingPlanName"] = null,
                ["protectedResourceType"] = null,
                ["iamRoleArn"] = "RestoreTestingSelection",
                ["protectedResourceArns"] = "RestoreTestingSelection",
                ["protectedResourceConditions"] = "RestoreTestingSelection",
                ["restoreMetadataOverrides"] = "RestoreTestingSelection",
                ["validationWindowHours"] = "RestoreTestingSelection",
            }),
    };
}
