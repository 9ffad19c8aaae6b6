using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace BlueGreen.Conformance.Checks;

/// <summary>
/// What the Kubernetes API server and the AWS Load Balancer Controller enforce, written from their sources:
/// name formats (k8s.io/apimachinery pkg/util/validation/validation.go: IsDNS1123Label, IsDNS1123Subdomain,
/// IsQualifiedName, IsValidLabelValue, IsValidPortName), the fields an update may not change
/// (pkg/apis/batch/validation ValidateJobSpecUpdate: selector and template; pkg/apis/apps/validation
/// ValidateDeploymentUpdate: selector; pkg/apis/core/validation ValidateServiceUpdate: clusterIP) and the
/// TargetGroupBinding webhook's rules (kubernetes-sigs/aws-load-balancer-controller
/// webhooks/elbv2/targetgroupbinding_validator.go: checkImmutableFields, a target group by ARN or name); the
/// CRD's schema itself is <see cref="Kubernetes.TargetGroupBindingSchema"/>'s.
/// </summary>
public static partial class KubernetesRules
{
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ImmutablePaths { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        ["kubernetes:batch/v1:Job"] = ["spec.selector", "spec.template", "spec.completionMode"],
        ["kubernetes:apps/v1:Deployment"] = ["spec.selector"],
        ["kubernetes:apps/v1:StatefulSet"] = ["spec.selector", "spec.serviceName", "spec.volumeClaimTemplates", "spec.podManagementPolicy"],
        ["kubernetes:core/v1:Service"] = ["spec.clusterIP", "spec.clusterIPs"],
        ["kubernetes:elbv2.k8s.aws/v1beta1:TargetGroupBinding"] = ["spec.targetGroupARN", "spec.targetType", "spec.ipAddressType", "spec.vpcID"],
    };

    /// <summary>Why a change at <paramref name="path"/> cannot be applied in place, or null.</summary>
    public static string? ImmutableProblem(string type, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.StartsWith("metadata.name", StringComparison.Ordinal) || path.StartsWith("metadata.namespace", StringComparison.Ordinal))
        {
            return "a Kubernetes object's name and namespace never change";
        }

        var rule = ImmutablePaths.GetValueOrDefault(type)?.FirstOrDefault(r => path == r || path.StartsWith(r + ".", StringComparison.Ordinal) || path.StartsWith(r + "[", StringComparison.Ordinal));
        return rule is null ? null : $"the API server refuses a change to {rule} of a {type.Split(':')[^1]}";
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1123Label();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Dns1123Subdomain();

    [GeneratedRegex("^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$")]
    private static partial Regex QualifiedNamePart();

    [GeneratedRegex("^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$")]
    private static partial Regex LabelValue();

    [GeneratedRegex("^[-._a-zA-Z][-._a-zA-Z0-9]*$")]
    private static partial Regex EnvVarName();

    /// <summary>A DNS-1123 label (63 characters at most): Namespace and Service names, container and port names.</summary>
    public static string? LabelProblem(string value) =>
        value.Length <= 63 && Dns1123Label().IsMatch(value) ? null : $"'{value}' is not a DNS-1123 label (lower-case letters, digits and '-', at most 63 characters)";

    /// <summary>A DNS-1123 subdomain (253 characters at most): most object names.</summary>
    public static string? SubdomainProblem(string value) =>
        value.Length <= 253 && Dns1123Subdomain().IsMatch(value) ? null : $"'{value}' is not a DNS-1123 subdomain";

    /// <summary>A label key: an optional DNS subdomain prefix and '/', then a name of at most 63 characters.</summary>
    public static string? LabelKeyProblem(string key)
    {
        var parts = key.Split('/');
        var name = parts[^1];
        var prefixOk = parts.Length == 1 || (parts.Length == 2 && SubdomainProblem(parts[0]) is null);
        return prefixOk && name.Length <= 63 && QualifiedNamePart().IsMatch(name) ? null : $"'{key}' is not a valid label key";
    }

    public static string? LabelValueProblem(string value) =>
        value.Length <= 63 && LabelValue().IsMatch(value) ? null : $"'{value}' is not a valid label value (at most 63 characters, alphanumeric at both ends)";

    /// <summary>IANA_SVC_NAME: at most 15 characters, lower-case letters, digits and '-', a letter, no '--'.</summary>
    public static string? PortNameProblem(string value) =>
        value.Length <= 15 && Dns1123Label().IsMatch(value) && value.Any(char.IsLetter) && !value.Contains("--", StringComparison.Ordinal)
            ? null : $"'{value}' is not a valid port name (IANA service name: at most 15 characters)";

    public static string? EnvNameProblem(string value) => EnvVarName().IsMatch(value) ? null : $"'{value}' is not a valid environment variable name";

    /// <summary>
    /// What the controller's validating webhook adds to the TargetGroupBinding CRD's schema (which
    /// <see cref="Kubernetes.TargetGroupBindingSchema"/> checks): a target group named by ARN or by name.
    /// </summary>
    public static IEnumerable<string> TargetGroupBindingProblems(JsonObject? spec)
    {
        if (spec is not null && spec["targetGroupARN"] is null && spec["targetGroupName"] is null)
        {
            yield return "spec: one of targetGroupARN or targetGroupName is required (the controller's webhook)";
        }
    }
}
