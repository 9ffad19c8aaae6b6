using System.Text.Json.Nodes;
using BlueGreen.Conformance.Checks;
using BlueGreen.Preview;

namespace BlueGreen.Conformance.Tests;

/// <summary>
/// Check 3's other half and check 4 for Kubernetes: what the API server enforces beyond the schema
/// (k8s.io/apimachinery pkg/util/validation: IsDNS1123Label, IsValidPortName, IsValidLabelValue) and the fields
/// it refuses to update, each caught on a planted mistake in the real prod stack.
/// </summary>
[Collection(nameof(Stacks))]
public class KubernetesRulesTests(Stacks stacks)
{
    private static List<string> Findings(MoveRun run) => [.. new KubernetesCheck().Check(run).Select(f => $"{f.Subject}: {f.Message}")];

    [Fact]
    public void Container_and_port_names_and_label_values_are_checked()
    {
        var run = Stacks.Planted(stacks.Committed, "shop-green-deploy", i =>
        {
            var container = i["spec"]!["template"]!["spec"]!["containers"]![0]!;
            container["name"] = "Shop";
            container["ports"]![0]!["name"] = "http-for-the-shop"; // 17 characters: an IANA service name has at most 15
            i["metadata"]!["labels"]!["release"] = new string('1', 64);
        });
        var findings = Findings(run);

        Assert.Contains("shop-green-deploy: spec.template.spec.containers: 'Shop' is not a DNS-1123 label (lower-case letters, digits and '-', at most 63 characters)", findings);
        Assert.Contains("shop-green-deploy: spec.template.spec.containers.ports: 'http-for-the-shop' is not a valid port name (IANA service name: at most 15 characters)", findings);
        Assert.Contains($"shop-green-deploy: metadata.labels.release: '{new string('1', 64)}' is not a valid label value (at most 63 characters, alphanumeric at both ends)", findings);
        Assert.Equal(3, findings.Count);
    }

    [Fact]
    public void Duplicate_names_and_a_mount_of_no_volume_are_caught()
    {
        var run = Stacks.Planted(Stacks.Planted(stacks.Committed, "shop-green-deploy", i =>
        {
            var pod = i["spec"]!["template"]!["spec"]!;
            pod["containers"]!.AsArray().Add(pod["containers"]![0]!.DeepClone());
            pod["volumes"]!.AsArray().Add(new JsonObject { ["name"] = "scratch", ["emptyDir"] = new JsonObject() });
            pod["containers"]![0]!["volumeMounts"]![0]!["name"] = "cache";
        }), "shop-green-svc", i => i["spec"]!["ports"]!.AsArray().Add(new JsonObject { ["port"] = 443, ["targetPort"] = 8443 }));
        var findings = Findings(run);

        // pkg/apis/core/validation: validateContainers (Duplicate value), ValidateVolumes (Duplicate value),
        // validateVolumeMounts (Not found), ValidateService (ports[1].name: Required value with more than one port).
        Assert.Equal(
            [
                "shop-green-deploy: spec.template.spec.containers.volumeMounts: 'cache' is not a volume of the pod",
                "shop-green-deploy: spec.template.spec.containers: two containers are named 'shop' (container names are unique in a pod)",
                "shop-green-deploy: spec.template.spec.volumes: two volumes are named 'scratch'",
                "shop-green-svc: spec.ports: a Service with more than one port names every port",
            ],
            findings.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_name_of_the_wrong_type_is_left_to_the_schema_check_instead_of_stopping_the_stage()
    {
        var run = Stacks.Planted(stacks.Committed, "shop-green-svc", i =>
        {
            i["metadata"]!["name"] = 5;
            i["spec"]!["ports"]![0]!["name"] = 80;
        });

        Assert.DoesNotContain(Findings(run), f => f.StartsWith("shop-green-svc", StringComparison.Ordinal));
        Assert.Contains(new KubernetesSchemaCheck().Check(run), f => f.Message == "metadata.name: 5 is not a string");
    }

    [Fact]
    public void A_restart_policy_the_kind_refuses_is_caught()
    {
        var job = stacks.Committed.After.First(r => r.Type == "kubernetes:batch/v1:Job").Name;
        var run = Stacks.Planted(Stacks.Planted(stacks.Committed, job, i => i["spec"]!["template"]!["spec"]!.AsObject().Remove("restartPolicy")),
            "shop-green-deploy", i => i["spec"]!["template"]!["spec"]!["restartPolicy"] = "Never");

        Assert.Equal(
            [
                "shop-green-deploy: spec.template.spec.restartPolicy: 'Never', but a Deployment's pods take only Always",
                $"{job}: spec.template.spec.restartPolicy: unset (defaults to Always), but a Job's pods take OnFailure or Never",
            ],
            Findings(run).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("http", true)]
    [InlineData("metrics-8080", true)]
    [InlineData("8080", false)] // no letter
    [InlineData("http--x", false)] // '--'
    [InlineData("HTTP", false)]
    [InlineData("a23456789012345", true)] // 15 characters
    [InlineData("a234567890123456", false)] // 16
    public void Port_names_follow_IANA_service_names(string name, bool valid) =>
        Assert.Equal(valid, KubernetesRules.PortNameProblem(name) is null);

    [Fact]
    public void A_deployment_selector_or_service_cluster_ip_updated_in_place_is_caught()
    {
        var deploy = stacks.Committed.After.First(r => r.Name == "shop-green-deploy");
        var service = stacks.Committed.After.First(r => r.Name == "shop-green-svc");
        ResourceChange Update(PreviewResource r, string path) => new(PreviewOp.Update, r, r, [new PropertyDiff(path, JsonValue.Create("a"), JsonValue.Create("b"), false)]);
        var run = stacks.Committed with
        {
            Changes = [Update(deploy, "spec.selector.matchLabels.colour"), Update(service, "spec.clusterIP"), Update(deploy, "spec.replicas")],
        };

        Assert.Equal(
            [
                "shop-green-deploy: updated in place at spec.selector.matchLabels.colour, but the API server refuses a change to spec.selector of a Deployment: the preview must show a replace",
                "shop-green-svc: updated in place at spec.clusterIP, but the API server refuses a change to spec.clusterIP of a Service: the preview must show a replace",
            ],
            new ImmutableFieldCheck(Stacks.Models ?? Stacks.NoModels).Check(run).Select(f => $"{f.Subject}: {f.Message}"));
    }
}
