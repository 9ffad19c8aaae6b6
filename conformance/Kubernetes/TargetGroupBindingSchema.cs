using k8s.Models;

namespace BlueGreen.Conformance.Kubernetes;

/// <summary>
/// The AWS Load Balancer Controller's <c>TargetGroupBinding</c>, version <c>elbv2.k8s.aws/v1beta1</c> (the storage
/// version), as its CRD's <c>openAPIV3Schema</c> declares it (kubernetes-sigs/aws-load-balancer-controller,
/// <c>config/crd/bases/elbv2.k8s.aws_targetgroupbindings.yaml</c>, v3.5.0-8-g225f445): the fields, their types,
/// enums and required lists, written out here because no registry package carries the CRD. <c>metadata</c> is
/// the API server's ObjectMeta for every custom resource; <c>status</c> is the controller's.
/// </summary>
public static class TargetGroupBindingSchema
{
    public const string PulumiType = "kubernetes:elbv2.k8s.aws/v1beta1:TargetGroupBinding";

    private const string Spec = "TargetGroupBinding.spec";

    public static SchemaNode Root { get; } = SchemaNode.Object("TargetGroupBinding", new Dictionary<string, SchemaNode>
    {
        ["apiVersion"] = Str(),
        ["kind"] = Str(),
        ["metadata"] = KubernetesSchema.Of(typeof(V1ObjectMeta)),
        ["spec"] = SpecNode(),
        ["status"] = SchemaNode.Scalar(SchemaKind.Any),
    });

    private static SchemaNode SpecNode()
    {
        var selector = SchemaNode.Object($"{Spec}.nodeSelector", new Dictionary<string, SchemaNode>
        {
            ["matchExpressions"] = SchemaNode.ArrayOf(SchemaNode.Object($"{Spec}.nodeSelector.matchExpressions", new Dictionary<string, SchemaNode>
            {
                ["key"] = Str(),
                ["operator"] = Str(),
                ["values"] = SchemaNode.ArrayOf(Str()),
            }, "key", "operator")),
            ["matchLabels"] = SchemaNode.MapOf(Str()),
        });
        var peer = SchemaNode.Object($"{Spec}.networking.ingress.from", new Dictionary<string, SchemaNode>
        {
            ["ipBlock"] = SchemaNode.Object($"{Spec}.networking.ingress.from.ipBlock", new Dictionary<string, SchemaNode> { ["cidr"] = Str() }, "cidr"),
            ["securityGroup"] = SchemaNode.Object($"{Spec}.networking.ingress.from.securityGroup", new Dictionary<string, SchemaNode> { ["groupID"] = Str() }, "groupID"),
        });
        var port = SchemaNode.Object($"{Spec}.networking.ingress.ports", new Dictionary<string, SchemaNode>
        {
            ["port"] = SchemaNode.Scalar(SchemaKind.IntOrString),
            ["protocol"] = Str("TCP", "UDP"),
        });
        var ingress = SchemaNode.Object($"{Spec}.networking.ingress", new Dictionary<string, SchemaNode>
        {
            ["from"] = SchemaNode.ArrayOf(peer),
            ["ports"] = SchemaNode.ArrayOf(port),
        }, "from", "ports");
        return SchemaNode.Object(Spec, new Dictionary<string, SchemaNode>
        {
            ["assumeRoleExternalId"] = Str(),
            ["iamRoleArnToAssume"] = Str(),
            ["ipAddressType"] = Str("ipv4", "ipv6"),
            ["multiClusterTargetGroup"] = SchemaNode.Scalar(SchemaKind.Boolean),
            ["networking"] = SchemaNode.Object($"{Spec}.networking", new Dictionary<string, SchemaNode> { ["ingress"] = SchemaNode.ArrayOf(ingress) }),
            ["nodeSelector"] = selector,
            ["serviceRef"] = SchemaNode.Object($"{Spec}.serviceRef", new Dictionary<string, SchemaNode>
            {
                ["name"] = Str(),
                ["port"] = SchemaNode.Scalar(SchemaKind.IntOrString),
            }, "name", "port"),
            ["targetGroupARN"] = Str(),
            ["targetGroupName"] = Str(),
            ["targetGroupProtocol"] = Str("HTTP", "HTTPS", "TCP", "TLS", "UDP", "TCP_UDP", "QUIC", "TCP_QUIC"),
            ["targetType"] = Str("instance", "ip"),
            ["vpcID"] = Str(),
        }, "serviceRef");
    }

    private static SchemaNode Str(params string[] allowed) => SchemaNode.Scalar(SchemaKind.String, allowed.Length == 0 ? null : allowed);
}
