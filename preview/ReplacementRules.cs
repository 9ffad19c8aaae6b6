namespace BlueGreen.Preview;

/// <summary>
/// The one table of which property changes force a resource's replacement (delete and re-create instead of an
/// update in place), by type token, from the providers' schemas (Terraform <c>ForceNew</c> for AWS, immutable
/// fields for Kubernetes). A rule path matches itself and everything under it: <c>spec.selector</c> matches
/// <c>spec.selector.matchLabels.app</c>. <see cref="AnyKubernetesKind"/> holds the rules of every Kubernetes kind.
/// </summary>
public static class ReplacementRules
{
    /// <summary>The key of the rules every <c>kubernetes:</c> type has.</summary>
    public const string AnyKubernetesKind = "kubernetes:*";

    /// <summary>Type token → the property paths whose change forces replacement.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Table { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        // Load balancing.
        ["aws:lb/loadBalancer:LoadBalancer"] = ["name", "namePrefix", "internal", "loadBalancerType", "customerOwnedIpv4Pool"],
        ["aws:lb/targetGroup:TargetGroup"] = ["name", "namePrefix", "port", "protocol", "protocolVersion", "vpcId", "targetType", "ipAddressType"],
        ["aws:lb/listener:Listener"] = ["loadBalancerArn"],
        ["aws:lb/listenerRule:ListenerRule"] = ["listenerArn"],

        // Network.
        ["aws:ec2/securityGroup:SecurityGroup"] = ["name", "namePrefix", "description", "vpcId"],
        ["aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"] = ["securityGroupId"],
        ["aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"] = ["securityGroupId"],

        // Storage of the access logs.
        ["aws:s3/bucket:Bucket"] = ["bucket", "bucketPrefix", "objectLockEnabled"],
        ["aws:s3/bucketPolicy:BucketPolicy"] = ["bucket"],
        ["aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"] = ["bucket"],
        ["aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration"] = ["bucket", "expectedBucketOwner"],

        // Alarms and notifications.
        ["aws:cloudwatch/metricAlarm:MetricAlarm"] = ["name"],
        ["aws:cloudwatch/compositeAlarm:CompositeAlarm"] = ["alarmName"],
        ["aws:cloudwatch/dashboard:Dashboard"] = ["dashboardName"],
        ["aws:sns/topic:Topic"] = ["name", "namePrefix", "fifoTopic"],
        ["aws:sns/topicSubscription:TopicSubscription"] = ["topic", "protocol", "endpoint"],

        // Backups and the pre-release snapshot.
        ["aws:kms/key:Key"] = ["customerMasterKeySpec", "keyUsage", "customKeyStoreId", "xksKeyId", "multiRegion"],
        ["aws:kms/alias:Alias"] = ["name", "namePrefix"],
        ["aws:backup/vault:Vault"] = ["name", "kmsKeyArn"],
        ["aws:backup/vaultLockConfiguration:VaultLockConfiguration"] = ["backupVaultName", "changeableForDays", "maxRetentionDays", "minRetentionDays"],
        ["aws:backup/plan:Plan"] = ["name"],
        ["aws:backup/selection:Selection"] = ["name", "planId", "iamRoleArn", "resources", "notResources", "selectionTags", "conditions"],
        ["aws:backup/restoreTestingPlan:RestoreTestingPlan"] = ["name"],
        ["aws:backup/restoreTestingSelection:RestoreTestingSelection"] = ["name", "restoreTestingPlanName", "protectedResourceType"],
        ["aws:iam/role:Role"] = ["name", "namePrefix", "path"],
        ["aws:iam/rolePolicyAttachment:RolePolicyAttachment"] = ["role", "policyArn"],
        ["aws:rds/clusterSnapshot:ClusterSnapshot"] = ["dbClusterIdentifier", "dbClusterSnapshotIdentifier"],

        // Random: every input of a random resource (its keepers included) replaces it.
        ["random:index/randomId:RandomId"] = ["byteLength", "keepers", "prefix"],

        // Kubernetes: a new name or namespace is a new object; some fields are immutable once created.
        [AnyKubernetesKind] = ["metadata.name", "metadata.namespace"],
        ["kubernetes:apps/v1:Deployment"] = ["spec.selector"],
        ["kubernetes:apps/v1:StatefulSet"] = ["spec.selector", "spec.serviceName", "spec.volumeClaimTemplates"],
        ["kubernetes:apps/v1:DaemonSet"] = ["spec.selector"],
        ["kubernetes:core/v1:Service"] = ["spec.clusterIP", "spec.clusterIPs"],

        // The AWS Load Balancer Controller's webhook refuses a changed target group; the program declares
        // replaceOnChanges for it (ColourEnvironment), which test mode does not show the preview.
        ["kubernetes:elbv2.k8s.aws/v1beta1:TargetGroupBinding"] = ["spec.targetGroupARN"],
        ["kubernetes:batch/v1:Job"] = ["spec.template", "spec.selector"],
        ["kubernetes:core/v1:PersistentVolumeClaim"] = ["spec.storageClassName", "spec.accessModes", "spec.volumeName"],
    };

    /// <summary>The rules of a type: its own plus those of every Kubernetes kind when it is one.</summary>
    public static IReadOnlyList<string> For(string type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var own = Table.GetValueOrDefault(type) ?? [];
        return type.StartsWith("kubernetes:", StringComparison.Ordinal) && !type.StartsWith("kubernetes:index", StringComparison.Ordinal)
            ? [.. Table[AnyKubernetesKind], .. own]
            : own;
    }

    /// <summary>Whether a change at <paramref name="path"/> forces replacement of a resource of <paramref name="type"/>.</summary>
    public static bool ForcesReplacement(string type, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return For(type).Any(rule => Covers(rule, path));
    }

    /// <summary>Whether a rule path covers a property path: equal, or the property is under it.</summary>
    private static bool Covers(string rule, string path) =>
        path == rule || (path.StartsWith(rule, StringComparison.Ordinal) && path[rule.Length] is '.' or '[');
}
