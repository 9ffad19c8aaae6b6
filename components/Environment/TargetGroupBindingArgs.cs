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
