namespace BlueGreen.Conformance.Kubernetes;

/// <summary>
/// The values the API server accepts for the string fields that take one of a fixed set, in the definitions
/// reachable from the kinds we declare (Kubernetes 1.35). The OpenAPI v2 spec states them only in each field's
/// description ("One of Always, Never, IfNotPresent"); the API server's validation refuses any other value
/// (k8s.io/kubernetes pkg/apis/core/validation: validatePullPolicy, validateRestartPolicy, validateDNSPolicy,
/// ValidateService, validateTopologySpreadConstraints, validateSeccompProfileField, validateHTTPGetAction's
/// supported schemes; pkg/apis/apps/validation ValidateDeploymentStrategy; pkg/apis/policy/validation;
/// pkg/apis/batch/validation). Keyed by the client's class name, then the field's JSON name; a test checks each
/// class and field exists, and the opt-in spec cross-check that each value is named in the field's description.
/// </summary>
public static class KubernetesEnums
{
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> Fields { get; } = new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>>(StringComparer.Ordinal)
    {
        ["V1Container"] = Of(("imagePullPolicy", ["Always", "IfNotPresent", "Never"]), ("terminationMessagePolicy", ["File", "FallbackToLogsOnError"])),
        ["V1PodSpec"] = Of(("restartPolicy", ["Always", "OnFailure", "Never"]), ("dnsPolicy", ["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"]), ("preemptionPolicy", ["PreemptLowerPriority", "Never"])),
        ["V1ContainerPort"] = Of(("protocol", ["TCP", "UDP", "SCTP"])),
        ["V1ServicePort"] = Of(("protocol", ["TCP", "UDP", "SCTP"])),
        ["V1ServiceSpec"] = Of(
            ("type", ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"]),
            ("sessionAffinity", ["ClientIP", "None"]),
            ("externalTrafficPolicy", ["Cluster", "Local"]),
            ("internalTrafficPolicy", ["Cluster", "Local"]),
            ("ipFamilyPolicy", ["SingleStack", "PreferDualStack", "RequireDualStack"])),
        ["V1TopologySpreadConstraint"] = Of(("whenUnsatisfiable", ["DoNotSchedule", "ScheduleAnyway"]), ("nodeAffinityPolicy", ["Honor", "Ignore"]), ("nodeTaintsPolicy", ["Honor", "Ignore"])),
        ["V1SeccompProfile"] = Of(("type", ["Localhost", "RuntimeDefault", "Unconfined"])),
        ["V1AppArmorProfile"] = Of(("type", ["Localhost", "RuntimeDefault", "Unconfined"])),
        ["V1DeploymentStrategy"] = Of(("type", ["Recreate", "RollingUpdate"])),
        ["V1PodDisruptionBudgetSpec"] = Of(("unhealthyPodEvictionPolicy", ["AlwaysAllow", "IfHealthyBudget"])),
        ["V1HTTPGetAction"] = Of(("scheme", ["HTTP", "HTTPS"])),
        ["V1JobSpec"] = Of(("completionMode", ["NonIndexed", "Indexed"]), ("podReplacementPolicy", ["TerminatingOrFailed", "Failed"])),
        ["V1Toleration"] = Of(("operator", ["Exists", "Equal", "Lt", "Gt"]), ("effect", ["NoSchedule", "PreferNoSchedule", "NoExecute"])),
        ["V1NodeSelectorRequirement"] = Of(("operator", ["In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt"])),
        ["V1LabelSelectorRequirement"] = Of(("operator", ["In", "NotIn", "Exists", "DoesNotExist"])),
        ["V1PodSecurityContext"] = Of(("fsGroupChangePolicy", ["OnRootMismatch", "Always"])),
    };

    /// <summary>The values <paramref name="field"/> of the client class <paramref name="className"/> takes, or null for any.</summary>
    public static IReadOnlyList<string>? Of(string className, string field) => Fields.GetValueOrDefault(className)?.GetValueOrDefault(field);

    private static Dictionary<string, IReadOnlyList<string>> Of(params (string Field, string[] Values)[] fields) =>
        fields.ToDictionary(f => f.Field, f => (IReadOnlyList<string>)f.Values, StringComparer.Ordinal);
}
