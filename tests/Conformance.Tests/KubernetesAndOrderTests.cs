using System.Text.Json.Nodes;
using BlueGreen.Conformance.Checks;
using BlueGreen.Preview;

namespace BlueGreen.Conformance.Tests;

/// <summary>Checks 3, 4 and 5 on the real prod stack, and each with a planted mistake.</summary>
[Collection(nameof(Stacks))]
public class KubernetesAndOrderTests(Stacks stacks)
{
    [Fact]
    public void The_kubernetes_objects_as_committed_pass_and_bad_names_and_a_binding_to_a_missing_service_are_caught()
    {
        var check = new KubernetesCheck();
        Assert.Empty(check.Check(stacks.Committed));

        var run = Stacks.Planted(Stacks.Planted(stacks.Committed, "shop-blue-svc", i => i["metadata"]!["name"] = "Shop_Blue"), "shop-green-tgb", i =>
        {
            i["spec"]!["targetType"] = "pod";
            i["spec"]!["serviceRef"]!["port"] = 81;
        });
        var messages = check.Check(run).Select(f => $"{f.Subject}: {f.Message}").ToList();
        Assert.Contains("shop-blue-svc: metadata.name: 'Shop_Blue' is not a DNS-1123 label (lower-case letters, digits and '-', at most 63 characters)", messages);
        Assert.DoesNotContain(messages, m => m.Contains("targetType", StringComparison.Ordinal)); // the CRD's enum: KubernetesSchemaTests
        Assert.Contains("shop-green-tgb: spec.serviceRef.port: Service 'shop-green' has no port 81", messages);
        Assert.Contains("shop-blue-tgb: spec.serviceRef: no Service 'shop-blue' in namespace 'shop' in this stack", messages);
    }

    [Fact]
    public void A_deployment_whose_selector_misses_its_pods_is_caught() =>
        Assert.Contains(
            new KubernetesCheck().Check(Stacks.Planted(stacks.Committed, "shop-green-deploy", i => i["spec"]!["selector"]!["matchLabels"]!["colour"] = "blue")),
            f => f.Message == "spec.selector: does not match the template's labels (the API server refuses it)");

    [Fact]
    public void An_immutable_field_updated_in_place_is_caught()
    {
        var deploy = stacks.Committed.After.First(r => r.Name == "shop-green-tgb");
        var job = stacks.Committed.After.First(r => r.Type == "kubernetes:batch/v1:Job");
        var group = stacks.Committed.After.First(r => r.Name == "shop-blue-tg");
        ResourceChange Update(PreviewResource r, string path) => new(PreviewOp.Update, r, r, [new PropertyDiff(path, JsonValue.Create(1), JsonValue.Create(2), false)]);
        var run = stacks.Committed with
        {
            Changes = [Update(job, "spec.template.spec.containers[0].image"), Update(deploy, "spec.targetGroupARN"), Update(group, "port"), Update(group, "healthCheck.path")],
        };
        var messages = new ImmutableFieldCheck(Stacks.Models ?? Stacks.NoModels).Check(run).Select(f => $"{f.Subject}: {f.Message}").ToList();

        Assert.Contains($"{job.Name}: updated in place at spec.template.spec.containers[0].image, but the API server refuses a change to spec.template of a Job: the preview must show a replace", messages);
        Assert.Contains("shop-green-tgb: updated in place at spec.targetGroupARN, but the API server refuses a change to spec.targetGroupARN of a TargetGroupBinding: the preview must show a replace", messages);
        if (Stacks.Models is not null)
        {
            // From the model: ModifyTargetGroup and ModifyTargetGroupAttributes take no Port; ModifyTargetGroup takes HealthCheckPath.
            Assert.Contains("shop-blue-tg: updated in place at port, but no update operation of elbv2 (ModifyTargetGroup, ModifyTargetGroupAttributes) takes Port: the preview must show a replace", messages);
            Assert.Equal(3, messages.Count);
        }
    }

    [Fact]
    public async Task Every_move_replaces_what_cannot_be_updated()
    {
        var check = new ImmutableFieldCheck(Stacks.Models ?? Stacks.NoModels);
        foreach (var move in stacks.Moves.Skip(1))
        {
            Assert.Empty(check.Check(await stacks.Stage.RunAsync(move)));
        }
    }

    [Fact]
    public async Task A_start_completes_and_the_listener_waiting_for_the_smoke_test_is_caught_as_a_wait_cycle()
    {
        var check = new ApplyOrderCheck();
        var start = await stacks.MoveAsync("start 9.1.0 on the retired colour");

        // As the stack is now (issue 19): the weight-0 entry attaches the new target group without waiting for the smoke Job.
        Assert.Empty(check.Check(start));

        // The dependency the stack had before (issue 19): the HTTPS listener on the smoke Job, the Job on the new
        // Deployment, whose pods' readiness gate needs a listener or rule forwarding to their new target group.
        var smoke = start.After.First(r => r.Type == "bluegreen:k8s:ReleaseJob" && r.Name.StartsWith("shop-smoke", StringComparison.Ordinal)).Urn;
        PreviewResource Tied(PreviewResource r) => r.Name == "shop-edge-https" ? r with { Dependencies = [.. r.Dependencies, smoke] } : r;
        var tied = start with
        {
            After = [.. start.After.Select(Tied)],
            Changes = [.. start.Changes.Select(c => c with { Proposed = c.Proposed is null ? null : Tied(c.Proposed) })],
        };
        var finding = Assert.Single(check.Check(tied));
        Assert.Equal("shop-edge-https: waits in a cycle and never completes: shop-edge-https → waits for shop-smoke-9.1.0-job → waits for shop-blue-deploy → waits for shop-edge-https", $"{finding.Subject}: {finding.Message}");
    }

    [Fact]
    public async Task A_planted_wait_cycle_between_plain_dependencies_is_caught()
    {
        var run = await stacks.MoveAsync("next (step 1)");
        var listener = run.After.First(r => r.Name == "shop-edge-https");
        var alarm = run.After.First(r => r.Name == "shop-alarms-blue-err-crit");
        PreviewResource Tied(PreviewResource r) =>
            r.Name == alarm.Name ? r with { Dependencies = [.. r.Dependencies, listener.Urn] }
            : r.Name == listener.Name ? r with { Dependencies = [.. r.Dependencies, alarm.Urn] }
            : r;
        var tied = run with
        {
            After = [.. run.After.Select(Tied)],
            Changes = [.. run.After.Where(r => r.Name == alarm.Name || r.Name == listener.Name).Select(r => new ResourceChange(PreviewOp.Update, r, Tied(r), []))],
        };
        var finding = Assert.Single(new ApplyOrderCheck().Check(tied));
        Assert.Equal("waits in a cycle and never completes: shop-alarms-blue-err-crit → waits for shop-edge-https → waits for shop-alarms-blue-err-crit", finding.Message);
    }
}
