using Pulumi;
using Pulumi.Kubernetes.ApiExtensions;

namespace BlueGreen.Components;

/// <summary>
/// The AWS Load Balancer Controller's <c>TargetGroupBinding</c> (<c>elbv2.k8s.aws/v1beta1</c>): it keeps
/// an existing ALB target group's targets in step with a Kubernetes service's endpoints.
/// </summary>
public sealed class TargetGroupBindingArgs : CustomResourceArgs
{
    /// <summary>The API version the binding is declared with.</summary>
    public const string BindingApiVersion = "elbv2.k8s.aws/v1beta1";

    /// <summary>The kind of the custom resource.</summary>
    public const string BindingKind = "TargetGroupBinding";

    /// <summary>A binding of <see cref="BindingApiVersion"/>.</summary>
    public TargetGroupBindingArgs()
        : base(BindingApiVersion, BindingKind)
    {
    }

    /// <summary>The binding's spec.</summary>
    [Input("spec", required: true)]
    public Input<TargetGroupBindingSpecArgs> Spec { get; set; } = null!;
}

/// <summary>The spec of a <c>TargetGroupBinding</c>.</summary>
public sealed class TargetGroupBindingSpecArgs : ResourceArgs
{
    /// <summary>The path of <see cref="TargetGroupArn"/> in the resource's inputs: immutable once created.</summary>
    public const string TargetGroupArnPath = "spec.targetGroupARN";

    /// <summary>Who may reach the targets: the controller opens the pods' security group accordingly.</summary>
    [Input("networking")]
    public Input<TargetGroupBindingNetworkingArgs>? Networking { get; set; }

    /// <summary>The service whose endpoints become targets.</summary>
    [Input("serviceRef", required: true)]
    public Input<TargetGroupBindingServiceRefArgs> ServiceRef { get; set; } = null!;

    /// <summary>The target group's ARN.</summary>
    [Input("targetGroupARN", required: true)]
    public Input<string> TargetGroupArn { get; set; } = null!;

    /// <summary><c>ip</c> (pod IPs) or <c>instance</c> (node ports); must match the target group.</summary>
    [Input("targetType")]
    public Input<string>? TargetType { get; set; }
}

/// <summary>The service a <c>TargetGroupBinding</c> takes its endpoints from.</summary>
public sealed class TargetGroupBindingServiceRefArgs : ResourceArgs
{
    /// <summary>The service's name, in the binding's namespace.</summary>
    [Input("name", required: true)]
    public Input<string> Name { get; set; } = null!;

    /// <summary>The service port (number or name).</summary>
    [Input("port", required: true)]
    public Input<int> Port { get; set; } = null!;
}

/// <summary><c>spec.networking</c>: the ingress rules the controller manages on the targets' security group.</summary>
public sealed class TargetGroupBindingNetworkingArgs : ResourceArgs
{
    [Input("ingress")]
    private InputList<TargetGroupBindingIngressArgs>? _ingress;

    /// <summary>The ingress rules.</summary>
    public InputList<TargetGroupBindingIngressArgs> Ingress
    {
        get => _ingress ??= new InputList<TargetGroupBindingIngressArgs>();
        set => _ingress = value;
    }
}

/// <summary>One ingress rule: from these peers, to these ports.</summary>
public sealed class TargetGroupBindingIngressArgs : ResourceArgs
{
    [Input("from", required: true)]
    private InputList<TargetGroupBindingPeerArgs>? _from;

    /// <summary>The peers allowed in.</summary>
    public InputList<TargetGroupBindingPeerArgs> From
    {
        get => _from ??= new InputList<TargetGroupBindingPeerArgs>();
        set => _from = value;
    }

    [Input("ports", required: true)]
    private InputList<TargetGroupBindingPortArgs>? _ports;

    /// <summary>The ports they may reach.</summary>
    public InputList<TargetGroupBindingPortArgs> Ports
    {
        get => _ports ??= new InputList<TargetGroupBindingPortArgs>();
        set => _ports = value;
    }
}

/// <summary>A peer of an ingress rule: a security group.</summary>
public sealed class TargetGroupBindingPeerArgs : ResourceArgs
{
    /// <summary>The peer's security group.</summary>
    [Input("securityGroup")]
    public Input<TargetGroupBindingSecurityGroupArgs>? SecurityGroup { get; set; }
}

/// <summary>A security group, by ID.</summary>
public sealed class TargetGroupBindingSecurityGroupArgs : ResourceArgs
{
    /// <summary>The security group ID, e.g. <c>sg-0123…</c>.</summary>
    [Input("groupID", required: true)]
    public Input<string> GroupId { get; set; } = null!;
}

/// <summary>A port of an ingress rule.</summary>
public sealed class TargetGroupBindingPortArgs : ResourceArgs
{
    /// <summary>TCP or UDP.</summary>
    [Input("protocol")]
    public Input<string>? Protocol { get; set; }

    /// <summary>The port on the targets (the container port for IP targets).</summary>
    [Input("port")]
    public Input<int>? Port { get; set; }
}
