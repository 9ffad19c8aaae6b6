namespace BlueGreen.Preview.Tests;

public sealed class ReplacementRulesTests
{
    [Theory]
    [InlineData("aws:lb/targetGroup:TargetGroup", "name")]
    [InlineData("aws:lb/targetGroup:TargetGroup", "port")]
    [InlineData("aws:lb/targetGroup:TargetGroup", "protocol")]
    [InlineData("aws:lb/targetGroup:TargetGroup", "vpcId")]
    [InlineData("aws:lb/targetGroup:TargetGroup", "targetType")]
    [InlineData("aws:lb/loadBalancer:LoadBalancer", "name")]
    [InlineData("aws:lb/loadBalancer:LoadBalancer", "internal")]
    [InlineData("aws:lb/loadBalancer:LoadBalancer", "loadBalancerType")]
    [InlineData("aws:lb/listener:Listener", "loadBalancerArn")]
    [InlineData("kubernetes:apps/v1:Deployment", "spec.selector")]
    [InlineData("kubernetes:apps/v1:Deployment", "spec.selector.matchLabels.colour")]
    [InlineData("kubernetes:apps/v1:Deployment", "metadata.name")]
    [InlineData("kubernetes:core/v1:Service", "metadata.name")]
    [InlineData("kubernetes:core/v1:Namespace", "metadata.name")]
    [InlineData("kubernetes:policy/v1:PodDisruptionBudget", "metadata.namespace")]
    [InlineData("kubernetes:elbv2.k8s.aws/v1beta1:TargetGroupBinding", "metadata.name")]
    [InlineData("aws:rds/clusterSnapshot:ClusterSnapshot", "dbClusterIdentifier")]
    [InlineData("aws:rds/clusterSnapshot:ClusterSnapshot", "dbClusterSnapshotIdentifier")]
    [InlineData("aws:kms/key:Key", "keyUsage")]
    [InlineData("aws:kms/key:Key", "customerMasterKeySpec")]
    [InlineData("aws:cloudwatch/metricAlarm:MetricAlarm", "name")]
    [InlineData("random:index/randomId:RandomId", "keepers.port")]
    [InlineData("aws:backup/selection:Selection", "selectionTags[0].value")]
    public void A_change_that_the_provider_cannot_make_in_place_forces_replacement(string type, string path) =>
        Assert.True(ReplacementRules.ForcesReplacement(type, path));

    [Theory]
    [InlineData("aws:lb/targetGroup:TargetGroup", "healthCheck.path")]
    [InlineData("aws:lb/targetGroup:TargetGroup", "tags.colour")]
    [InlineData("aws:lb/targetGroup:TargetGroup", "namePrefixes")]
    [InlineData("aws:lb/listener:Listener", "defaultActions[0].forward.targetGroups[1].weight")]
    [InlineData("aws:lb/loadBalancer:LoadBalancer", "enableDeletionProtection")]
    [InlineData("kubernetes:apps/v1:Deployment", "spec.replicas")]
    [InlineData("kubernetes:apps/v1:Deployment", "spec.template.spec.containers[0].image")]
    [InlineData("kubernetes:apps/v1:Deployment", "metadata.labels.release")]
    [InlineData("kubernetes:apps/v1:Deployment", "spec.selectorX")]
    [InlineData("aws:kms/key:Key", "description")]
    [InlineData("aws:cloudwatch/dashboard:Dashboard", "dashboardBody")]
    [InlineData("aws:unknown/thing:Thing", "name")]
    public void A_change_the_provider_makes_in_place_does_not(string type, string path) =>
        Assert.False(ReplacementRules.ForcesReplacement(type, path));

    [Fact]
    public void Every_kubernetes_kind_has_the_common_rules_and_its_own()
    {
        Assert.Equal(["metadata.name", "metadata.namespace", "spec.selector"], ReplacementRules.For("kubernetes:apps/v1:Deployment"));
        Assert.Equal(["metadata.name", "metadata.namespace"], ReplacementRules.For("kubernetes:core/v1:ConfigMap"));
        Assert.Empty(ReplacementRules.For("pulumi:providers:kubernetes"));
    }

    [Fact]
    public void The_table_names_each_type_once_with_paths_of_wire_names()
    {
        foreach (var (type, paths) in ReplacementRules.Table)
        {
            Assert.Matches("^(aws|kubernetes|random):", type);
            Assert.NotEmpty(paths);
            Assert.Equal(paths.Count, paths.Distinct(StringComparer.Ordinal).Count());
            Assert.All(paths, p => Assert.Matches("^[a-z][A-Za-z0-9]*(\\.[a-z][A-Za-z0-9]*)*$", p));
        }
    }
}
