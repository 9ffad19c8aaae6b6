using System.Text.Json.Nodes;
using BlueGreen.Conformance.Checks;
using BlueGreen.Conformance.Kubernetes;
using BlueGreen.Preview;
using k8s.Models;

namespace BlueGreen.Conformance.Tests;

/// <summary>
/// Check 3's schema half: the real stacks' Kubernetes objects validate against Kubernetes 1.35's schema and the
/// TargetGroupBinding CRD in every move, and each kind of mistake the API server would refuse or drop is caught.
/// </summary>
[Collection(nameof(Stacks))]
public class KubernetesSchemaTests(Stacks stacks)
{
    private static List<string> Findings(MoveRun run) => [.. new KubernetesSchemaCheck().Check(run).Select(f => $"{f.Subject}: {f.Message}")];

    [Fact]
    public async Task Every_object_of_every_move_of_prod_and_staging_validates()
    {
        var checkedKinds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var move in stacks.Moves.Concat(Scenarios.For(Stacks.RepoRoot, "staging")))
        {
            var run = await stacks.Stage.RunAsync(move);
            Assert.Empty(Findings(run));
            checkedKinds.UnionWith(run.Changes.Select(c => c.Resource.Type).Where(t => t.StartsWith("kubernetes:", StringComparison.Ordinal)));
        }

        // What the program declares (the check would say so if a kind had no schema).
        Assert.Superset(
            new HashSet<string>(["kubernetes:apps/v1:Deployment", "kubernetes:batch/v1:Job", "kubernetes:core/v1:Service", "kubernetes:core/v1:Namespace", "kubernetes:policy/v1:PodDisruptionBudget", TargetGroupBindingSchema.PulumiType]),
            checkedKinds);
    }

    [Fact]
    public void An_unknown_field_at_any_depth_is_caught()
    {
        var run = Stacks.Planted(stacks.Committed, "shop-green-deploy", i =>
        {
            i["spec"]!["template"]!["spec"]!["containers"]![0]!["imagePullPolcy"] = "Always";
            i["spec"]!["strategy"]!["rollingUpdate"]!["maxSurgePercent"] = 25;
            i["metadata"]!["label"] = new JsonObject();
        });
        var findings = Findings(run);

        Assert.Contains("shop-green-deploy: spec.template.spec.containers[0].imagePullPolcy: unknown field: V1Container has no 'imagePullPolcy' (the API server drops it, or refuses the object under strict field validation)", findings);
        Assert.Contains(findings, f => f.StartsWith("shop-green-deploy: spec.strategy.rollingUpdate.maxSurgePercent: unknown field: V1RollingUpdateDeployment has no", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.StartsWith("shop-green-deploy: metadata.label: unknown field: V1ObjectMeta has no", StringComparison.Ordinal));
        Assert.Equal(3, findings.Count);
    }

    [Fact]
    public void A_value_of_the_wrong_type_is_caught()
    {
        var run = Stacks.Planted(stacks.Committed, "shop-green-deploy", i =>
        {
            i["spec"]!["replicas"] = "3";
            i["spec"]!["minReadySeconds"] = 2.5;
            i["spec"]!["template"]!["spec"]!["automountServiceAccountToken"] = "false";
            i["spec"]!["template"]!["spec"]!["containers"]![0]!["ports"]![0]!["containerPort"] = 3_000_000_000L;
            i["spec"]!["template"]!["spec"]!["containers"]![0]!["resources"]!["limits"]!["memory"] = "512MB";
            i["spec"]!["strategy"]!["rollingUpdate"]!["maxUnavailable"] = true;
            i["spec"]!["selector"]!["matchLabels"] = new JsonArray("app");
        });
        var findings = Findings(run);

        Assert.Equal(
            [
                "shop-green-deploy: spec.minReadySeconds: 2.5 is not an integer (int32)",
                "shop-green-deploy: spec.replicas: \"3\" is not an integer (int32)",
                "shop-green-deploy: spec.selector.matchLabels: [\"app\"] is not an object (map[string]String)",
                "shop-green-deploy: spec.strategy.rollingUpdate.maxUnavailable: true is neither an integer nor a string (int-or-string)",
                "shop-green-deploy: spec.template.spec.automountServiceAccountToken: \"false\" is not a boolean",
                "shop-green-deploy: spec.template.spec.containers[0].ports[0].containerPort: 3000000000 is not an integer (int32)",
                "shop-green-deploy: spec.template.spec.containers[0].resources.limits.memory: \"512MB\" is not a Kubernetes quantity (e.g. 250m, 512Mi, 1)",
            ],
            findings.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_missing_required_field_is_caught()
    {
        var run = Stacks.Planted(Stacks.Planted(stacks.Committed, "shop-green-deploy", i =>
        {
            i["spec"]!.AsObject().Remove("template");
            i["spec"]!["selector"]!["matchExpressions"] = new JsonArray(new JsonObject { ["key"] = "app" });
        }), "shop-green-svc", i => i["spec"]!["ports"]![0]!.AsObject().Remove("port"));
        var findings = Findings(run);

        Assert.Contains("shop-green-deploy: spec.template: required by V1DeploymentSpec", findings);
        Assert.Contains("shop-green-deploy: spec.selector.matchExpressions[0].operator: required by V1LabelSelectorRequirement", findings);
        Assert.Contains("shop-green-svc: spec.ports[0].port: required by V1ServicePort", findings);
        Assert.Equal(3, findings.Count);
    }

    [Fact]
    public void A_value_outside_a_field_s_fixed_set_is_caught()
    {
        var run = Stacks.Planted(Stacks.Planted(stacks.Committed, "shop-green-deploy", i =>
        {
            i["spec"]!["template"]!["spec"]!["containers"]![0]!["imagePullPolicy"] = "Sometimes";
            i["spec"]!["template"]!["spec"]!["containers"]![0]!["ports"]![0]!["protocol"] = "tcp";
        }), "shop-green-svc", i => i["spec"]!["type"] = "Internal");

        Assert.Equal(
            [
                "shop-green-deploy: spec.template.spec.containers[0].imagePullPolicy: 'Sometimes' is not one of Always, IfNotPresent, Never",
                "shop-green-deploy: spec.template.spec.containers[0].ports[0].protocol: 'tcp' is not one of TCP, UDP, SCTP",
                "shop-green-svc: spec.type: 'Internal' is not one of ClusterIP, ExternalName, LoadBalancer, NodePort",
            ],
            Findings(run).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_target_group_binding_off_its_crd_is_caught()
    {
        var run = Stacks.Planted(stacks.Committed, "shop-green-tgb", i =>
        {
            i["spec"]!["targetType"] = "pod";
            i["spec"]!["targetGroupArn"] = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/x/1";
            i["spec"]!["networking"]!["ingress"]![0]!.AsObject().Remove("ports");
            i["spec"]!["networking"]!["ingress"]![0]!["from"]![0]!["securityGroup"] = new JsonObject { ["groupId"] = "sg-1" };
        });

        Assert.Equal(
            [
                "shop-green-tgb: spec.networking.ingress[0].from[0].securityGroup.groupID: required by TargetGroupBinding.spec.networking.ingress.from.securityGroup",
                "shop-green-tgb: spec.networking.ingress[0].from[0].securityGroup.groupId: unknown field: TargetGroupBinding.spec.networking.ingress.from.securityGroup has no 'groupId' (the API server drops it, or refuses the object under strict field validation)",
                "shop-green-tgb: spec.networking.ingress[0].ports: required by TargetGroupBinding.spec.networking.ingress",
                "shop-green-tgb: spec.targetGroupArn: unknown field: TargetGroupBinding.spec has no 'targetGroupArn' (the API server drops it, or refuses the object under strict field validation)",
                "shop-green-tgb: spec.targetType: 'pod' is not one of instance, ip",
            ],
            Findings(run).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_kind_with_no_schema_fails_the_check()
    {
        // extensions/v1beta1 Deployments were removed in Kubernetes 1.16: an EKS 1.35 cluster has no such kind.
        var deploy = stacks.Committed.After.First(r => r.Name == "shop-green-deploy") with { Type = "kubernetes:extensions/v1beta1:Deployment" };
        var run = stacks.Committed with { Changes = [new ResourceChange(PreviewOp.Create, null, deploy, [])] };

        Assert.Equal(["shop-green-deploy: kubernetes:extensions/v1beta1:Deployment: no schema for this kind in Kubernetes 1.35 or the CRDs the conformance stage knows (conformance/Kubernetes)"], Findings(run));
        Assert.NotNull(KubernetesSchema.ForType("kubernetes:apps/v1:Deployment"));
        Assert.NotNull(KubernetesSchema.ForType("kubernetes:core/v1:ServiceAccount"));
    }

    [Fact]
    public void An_api_version_or_kind_other_than_the_resource_s_is_caught()
    {
        var run = Stacks.Planted(Stacks.Planted(stacks.Committed, "shop-green-tgb", i => i["apiVersion"] = "elbv2.k8s.aws/v1alpha1"), "shop-green-svc", i => i["kind"] = "Endpoints");

        Assert.Equal(
            ["shop-green-svc: kind: \"Endpoints\" is not \"Service\" (the kind this resource creates)", "shop-green-tgb: apiVersion: \"elbv2.k8s.aws/v1alpha1\" is not \"elbv2.k8s.aws/v1beta1\" (the kind this resource creates)"],
            Findings(run).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Unset_and_secret_values_are_not_checked_and_int_or_string_takes_both()
    {
        var schema = KubernetesSchema.Of(typeof(V1RollingUpdateDeployment));
        Assert.Empty(SchemaValidator.Problems(new JsonObject { ["maxSurge"] = "25%", ["maxUnavailable"] = 0 }, schema));
        Assert.Empty(SchemaValidator.Problems(new JsonObject { ["maxSurge"] = null, ["maxUnavailable"] = PreviewValues.SecretMarker }, schema));
        Assert.Single(SchemaValidator.Problems(new JsonObject { ["maxSurge"] = 1.5 }, schema));
    }

    [Fact]
    public void Every_required_list_and_fixed_set_names_a_class_and_fields_of_the_client()
    {
        var models = typeof(V1PodSpec).Assembly.GetTypes().Where(t => t.Namespace == "k8s.Models" && !t.IsNested && !t.Name.StartsWith('<')).ToDictionary(t => t.Name, StringComparer.Ordinal);
        foreach (var (className, fields) in KubernetesRequired.Fields)
        {
            Assert.True(models.TryGetValue(className, out var type), $"{className} is not a class of KubernetesClient");
            var properties = KubernetesSchema.Of(type!).Properties;
            Assert.All(fields, f => Assert.True(properties.ContainsKey(f), $"{className} has no field {f}"));
        }

        foreach (var (className, fields) in KubernetesEnums.Fields)
        {
            Assert.True(models.TryGetValue(className, out var type), $"{className} is not a class of KubernetesClient");
            var properties = KubernetesSchema.Of(type!).Properties;
            Assert.All(fields, f => Assert.Equal(f.Value, properties[f.Key].Allowed));
        }
    }
}
