namespace BlueGreen.Release;

/// <summary>Where the load balancer lives.</summary>
/// <param name="VpcId">The VPC.</param>
/// <param name="SubnetIds">At least two subnets (the load balancer needs two availability zones).</param>
/// <param name="CertificateArn">The ACM certificate of the HTTPS listener, in the stack's region; required in every stack.</param>
public sealed record NetworkSettings(string VpcId, IReadOnlyList<string> SubnetIds, string CertificateArn);

/// <summary>Where the colours' workloads run.</summary>
/// <param name="Namespace">The Kubernetes namespace; defaults to the app name.</param>
/// <param name="Context">The kubeconfig context, or null for the kubeconfig's current context.</param>
/// <param name="Kubeconfig">A kubeconfig path or contents (may be a secret), or null for the default.</param>
public sealed record KubernetesSettings(string Namespace, string? Context, string? Kubeconfig)
{
    /// <summary>Never shows the kubeconfig, which may be a secret.</summary>
    public override string ToString() =>
        $"KubernetesSettings {{ Namespace = {Namespace}, Context = {Context}, Kubeconfig = {(Kubeconfig is null ? "" : "[secret]")} }}";
}
