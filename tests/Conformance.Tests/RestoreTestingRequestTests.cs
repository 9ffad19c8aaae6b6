using System.Text.Json.Nodes;
using BlueGreen.Conformance.Checks;
using BlueGreen.Preview;

namespace BlueGreen.Conformance.Tests;

/// <summary>
/// AWS Backup's restore testing (CreateRestoreTestingPlan, CreateRestoreTestingSelection, 2023-11) is newer than
/// Debian's botocore 1.29.27, so its requests are checked against aws-sdk 2.1693.0's backup-2018-11-15.min.json:
/// the real stack's pass and say how far they are checked, and planted mistakes are caught from that model.
/// Needs both model packages (CI installs them): fails, never skips, when aws-sdk's are missing.
/// </summary>
[Collection(nameof(Stacks))]
public class RestoreTestingRequestTests(Stacks stacks)
{
    private const string Plan = "shop-backups-restore-test";
    private const string Selection = "shop-backups-restore-test-selection";

    private static IReadOnlyList<Finding> Aws(MoveRun run)
    {
        Stacks.RequireAwsSdk();
        return [.. new AwsRequestCheck(Stacks.Models!).Check(run)];
    }

    private static IReadOnlyList<string> Violations(MoveRun run, string subject) =>
        [.. Aws(run).Where(f => f.Note is null && f.Subject == subject).Select(f => f.Message)];

    [ModelsFact]
    public void The_real_requests_pass_and_are_reported_as_checked_by_the_minified_model_not_as_unchecked()
    {
        var findings = Aws(stacks.Committed);
        Assert.DoesNotContain(findings, f => f.Note is null);
        Assert.DoesNotContain(findings, f => f.Note == "unchecked");

        const string Checked = "checked (aws-sdk 2.1693.0 minified model: members, types, required; no enum, pattern or length)";
        var plan = Assert.Single(findings, f => f.Subject == Plan);
        Assert.Equal((Checked, "backup.CreateRestoreTestingPlan is not in botocore 1.29.27's model; aws-sdk's apis/backup-2018-11-15.min.json has it"), (plan.Note, plan.Message));
        var selection = Assert.Single(findings, f => f.Subject == Selection);
        Assert.Equal((Checked, "backup.CreateRestoreTestingSelection is not in botocore 1.29.27's model; aws-sdk's apis/backup-2018-11-15.min.json has it"), (selection.Note, selection.Message));
    }

    [ModelsFact]
    public void An_unknown_member_in_the_plan_is_caught_from_the_aws_sdk_model()
    {
        var run = Stacks.Planted(stacks.Committed, Plan, i => i["recoveryPointSelection"]!["colour"] = "blue");
        Assert.Equal(
            ["backup.CreateRestoreTestingPlan RestoreTestingPlan.RecoveryPointSelection.Colour: S2c has no member Colour (it has Algorithm, ExcludeVaults, IncludeVaults, RecoveryPointTypes, SelectionWindowDays) (by aws-sdk 2.1693.0 minified model)"],
            Violations(run, Plan));
    }

    [ModelsFact]
    public void A_missing_required_member_is_caught_in_the_plan_and_in_the_selection()
    {
        var plan = Stacks.Planted(stacks.Committed, Plan, i => i.Remove("scheduleExpression"));
        Assert.Equal(
            ["backup.CreateRestoreTestingPlan RestoreTestingPlan.ScheduleExpression: required by CreateRestoreTestingPlanInput.RestoreTestingPlan, missing (by aws-sdk 2.1693.0 minified model)"],
            Violations(plan, Plan));

        var selection = Stacks.Planted(stacks.Committed, Selection, i => i.Remove("iamRoleArn"));
        Assert.Equal(
            ["backup.CreateRestoreTestingSelection RestoreTestingSelection.IamRoleArn: required by CreateRestoreTestingSelectionInput.RestoreTestingSelection, missing (by aws-sdk 2.1693.0 minified model)"],
            Violations(selection, Selection));
    }

    [ModelsFact]
    public void Wrong_types_deep_in_the_requests_are_caught()
    {
        var plan = Stacks.Planted(stacks.Committed, Plan, i =>
        {
            i["recoveryPointSelection"]!["recoveryPointTypes"]!.AsArray().Add(5);
            i["recoveryPointSelection"]!["selectionWindowDays"] = "seven";
        });
        Assert.Equal(
            [
                "backup.CreateRestoreTestingPlan RestoreTestingPlan.RecoveryPointSelection.RecoveryPointTypes[1]: the number 5 where backup expects a string (S2c.RecoveryPointTypes member) (by aws-sdk 2.1693.0 minified model)",
                "backup.CreateRestoreTestingPlan RestoreTestingPlan.RecoveryPointSelection.SelectionWindowDays: the string 'seven' where backup expects a number (S2c.SelectionWindowDays) (by aws-sdk 2.1693.0 minified model)",
            ],
            Violations(plan, Plan));

        var selection = Stacks.Planted(stacks.Committed, Selection, i => i["protectedResourceArns"] = new JsonObject { ["arn"] = "*" });
        Assert.Equal(
            ["backup.CreateRestoreTestingSelection RestoreTestingSelection.ProtectedResourceArns: an object where backup expects a list (S26) (by aws-sdk 2.1693.0 minified model)"],
            Violations(selection, Selection));
    }

    [ModelsFact]
    public void An_update_in_place_is_judged_by_the_update_operations_botocore_predates()
    {
        // UpdateRestoreTestingPlan / UpdateRestoreTestingSelection (aws-sdk's model) take every setting but the names and
        // the resource type, so only those must show as a replace.
        Stacks.RequireAwsSdk();
        var plan = stacks.Committed.After.First(r => r.Name == Plan);
        var selection = stacks.Committed.After.First(r => r.Name == Selection);
        ResourceChange Update(PreviewResource r, string path) =>
            new(PreviewOp.Update, r, r, [new PropertyDiff(path, JsonValue.Create(1), JsonValue.Create(2), false)]);
        var run = stacks.Committed with
        {
            Changes =
            [
                Update(plan, "scheduleExpression"), Update(plan, "scheduleExpressionTimezone"), Update(plan, "startWindowHours"),
                Update(plan, "recoveryPointSelection.selectionWindowDays"), Update(plan, "name"),
                Update(selection, "iamRoleArn"), Update(selection, "protectedResourceArns[0]"), Update(selection, "protectedResourceConditions.stringEquals[0].value"),
                Update(selection, "restoreMetadataOverrides.x"), Update(selection, "validationWindowHours"), Update(selection, "protectedResourceType"),
            ],
        };
        Assert.Equal(
            [
                $"{Plan}: updated in place at name, but no update operation of backup (UpdateRestoreTestingPlan) takes name: the preview must show a replace",
                $"{Selection}: updated in place at protectedResourceType, but no update operation of backup (UpdateRestoreTestingSelection) takes protectedResourceType: the preview must show a replace",
            ],
            new ImmutableFieldCheck(Stacks.Models!).Check(run).Select(f => $"{f.Subject}: {f.Message}"));
    }

    [ModelsFact]
    public void Iam_actions_and_runbook_apis_newer_than_botocore_exist_and_their_misspellings_do_not()
    {
        Stacks.RequireAwsSdk();
        var check = new DocumentCheck(Stacks.Models!);
        var policy = Stacks.Planted(stacks.Committed, "shop-auto-rollback-runbook-policy", i =>
        {
            var document = JsonNode.Parse(i["policy"]!.GetValue<string>())!;
            document["Statement"]![0]!["Action"] = new JsonArray("backup:CreateRestoreTestingPlan", "backup:UpdateRestoreTestingSel*", "backup:CreateRestoreTestingPlann");
            i["policy"] = document.ToJsonString();
        });
        var messages = check.Check(policy).Where(f => f.Subject == "shop-auto-rollback-runbook-policy").Select(f => f.Message).ToList();
        Assert.Contains("policy: 'backup:CreateRestoreTestingPlann': backup has no operation CreateRestoreTestingPlann", messages);
        Assert.DoesNotContain(messages, m => m.Contains("'backup:CreateRestoreTestingPlan'", StringComparison.Ordinal) || m.Contains("UpdateRestoreTestingSel*", StringComparison.Ordinal));

        // A runbook step may call an operation botocore predates (SSM runs today's API): its inputs are checked against aws-sdk's model.
        var runbook = Stacks.Planted(stacks.Committed, "shop-auto-rollback-runbook", i =>
        {
            var content = JsonNode.Parse(i["content"]!.GetValue<string>())!;
            content["mainSteps"]![0]!["inputs"] = new JsonObject { ["Service"] = "backup", ["Api"] = "CreateRestoreTestingPlan", ["CreatorRequestId"] = 7 };
            i["content"] = content.ToJsonString();
        });
        var steps = check.Check(runbook).Where(f => f.Subject == "shop-auto-rollback-runbook").Select(f => f.Message).ToList();
        Assert.DoesNotContain(steps, m => m.Contains("has no operation", StringComparison.Ordinal));
        Assert.Contains(steps, m => m.EndsWith("CreatorRequestId: the number 7 where backup expects a string (CreateRestoreTestingPlanInput.CreatorRequestId) (by aws-sdk 2.1693.0 minified model)", StringComparison.Ordinal));
        Assert.Contains(steps, m => m.EndsWith("RestoreTestingPlan: required by CreateRestoreTestingPlanInput, missing (by aws-sdk 2.1693.0 minified model)", StringComparison.Ordinal));
    }
}
