using BlueGreen.Release;
using Pulumi;
using Ec2 = Pulumi.Aws.Ec2;
using LB = Pulumi.Aws.LB;
using S3 = Pulumi.Aws.S3;
using Vpc = Pulumi.Aws.Vpc;

namespace BlueGreen.Components;

/// <summary>
/// The app's Application Load Balancer: an HTTPS listener whose default action forwards to the colours'
/// target groups by weight (with stickiness always stated), an HTTP listener redirecting to HTTPS, header
/// test routes to a given colour, its security group and optional access logs.
/// </summary>
public sealed partial class WeightedListener : ComponentResource
{
    /// <summary>The component's type token.</summary>
    public const string TypeToken = StackContract.WeightedListenerType;

    /// <summary>The load balancer's ARN.</summary>
    [Output("loadBalancerArn")]
    public Output<string> LoadBalancerArn { get; private set; }

    /// <summary>The load balancer's ARN suffix, <c>app/{name}/{id}</c> (the CloudWatch <c>LoadBalancer</c> dimension).</summary>
    [Output("loadBalancerArnSuffix")]
    public Output<string> LoadBalancerArnSuffix { get; private set; }

    /// <summary>The load balancer's DNS name.</summary>
    [Output("dnsName")]
    public Output<string> DnsName { get; private set; }

    /// <summary>The load balancer's hosted zone (for a Route 53 alias).</summary>
    [Output("zoneId")]
    public Output<string> ZoneId { get; private set; }

    /// <summary>The HTTPS listener's ARN.</summary>
    [Output("httpsListenerArn")]
    public Output<string> HttpsListenerArn { get; private set; }

    /// <summary>The load balancer's security group.</summary>
    [Output("securityGroupId")]
    public Output<string> SecurityGroupId { get; private set; }

    /// <summary><c>https://</c> and the domain name, or the ALB's DNS name without one.</summary>
    [Output("url")]
    public Output<string> Url { get; private set; }

    /// <summary>The access-log bucket's name, or null without access logs.</summary>
    [Output("accessLogsBucket")]
    public Output<string>? AccessLogsBucket { get; private set; }

    /// <summary>The forward action as decided from the args: weights and stickiness.</summary>
    public ForwardAction ForwardAction { get; }

    /// <summary>Creates the load balancer and its listeners.</summary>
    /// <param name="name">The logical name, at most 20 characters (the ALB is auto-named <c>{name}-alb-xxxxxxx</c>, at most 32).</param>
    /// <param name="args">The listener's settings and the colours' weights; validated here.</param>
    /// <param name="options">Component options (e.g. the AWS provider).</param>
    /// <exception cref="ArgumentException">An argument breaks a rule; the message says which.</exception>
    public WeightedListener(string name, WeightedListenerArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        AwsNames.RequireAutoNameFits($"{name}-alb", AwsNames.ElbNameMaxLength, nameof(name));
        args.Validate();
        ForwardAction = args.Forward;

        var securityGroup = CreateSecurityGroup(name, args);
        var bucket = args.AccessLogs is { } logs ? CreateAccessLogBucket(name, logs, args) : null;

        var loadBalancer = CreateLoadBalancer(name, args, securityGroup, bucket);
        var https = CreateHttpsListener(name, args, loadBalancer);
        CreateHttpRedirect(name, args, loadBalancer);
        CreateTestRoutes(name, https, args);
        if (args.Maintenance is { } page)
        {
            CreateMaintenanceRule(name, https, page, args);
        }

        LoadBalancerArn = loadBalancer.Arn;
        LoadBalancerArnSuffix = loadBalancer.ArnSuffix;
        DnsName = loadBalancer.DnsName;
        ZoneId = loadBalancer.ZoneId;
        HttpsListenerArn = https.Arn;
        SecurityGroupId = securityGroup.Id;
        Url = args.DomainName is { } domain ? Output.Create($"https://{domain}") : loadBalancer.DnsName.Apply(dns => $"https://{dns}");
        AccessLogsBucket = bucket?.Bucket.BucketName;

        // Every [Output] property, under its attribute's name.
        RegisterOutputs();
    }

    private LB.LoadBalancer CreateLoadBalancer(
        string name, WeightedListenerArgs args, Ec2.SecurityGroup securityGroup, (S3.Bucket Bucket, S3.BucketPolicy Policy)? bucket) =>
        new LB.LoadBalancer($"{name}-alb", new LB.LoadBalancerArgs
        {
            LoadBalancerType = "application",
            Internal = args.Internal,
            SecurityGroups = { securityGroup.Id },
            Subnets = args.SubnetIds,
            EnableDeletionProtection = args.DeletionProtection,
            DropInvalidHeaderFields = true,
            EnableHttp2 = true,
            IdleTimeout = args.IdleTimeoutSeconds,
            AccessLogs = bucket is null
                ? null!
                : new LB.Inputs.LoadBalancerAccessLogsArgs
                {
                    Enabled = true,
                    Bucket = bucket.Value.Bucket.BucketName,
                    Prefix = args.AccessLogs!.Prefix,
                },
            Tags = Tags(args),
        }, new CustomResourceOptions
        {
            Parent = this,
            // The ALB checks that it may write to the bucket when access logs are turned on.
            DependsOn = bucket is null ? new InputList<Resource>() : new InputList<Resource> { bucket.Value.Policy },
        });

    private Ec2.SecurityGroup CreateSecurityGroup(string name, WeightedListenerArgs args)
    {
        var group = new Ec2.SecurityGroup($"{name}-alb-sg", new Ec2.SecurityGroupArgs
        {
            Description = AwsText.Ec2Description($"{name} load balancer: HTTP/HTTPS in, target port out", nameof(name)),
            VpcId = args.VpcId,
            RevokeRulesOnDelete = true,
            Tags = Tags(args),
        }, new CustomResourceOptions { Parent = this });

        foreach (var cidr in args.IngressCidrs.Distinct(StringComparer.Ordinal))
        {
            foreach (var port in new[] { 80, 443 })
            {
                _ = new Vpc.SecurityGroupIngressRule($"{name}-in-{port}-{RuleSuffix(cidr)}", new Vpc.SecurityGroupIngressRuleArgs
                {
                    SecurityGroupId = group.Id,
                    Description = AwsText.Ec2Description(port == 443 ? "HTTPS from clients" : "HTTP from clients (redirected to HTTPS)", nameof(name)),
                    IpProtocol = "tcp",
                    FromPort = port,
                    ToPort = port,
                    CidrIpv4 = Cidrs.IsIpv6(cidr) ? null! : cidr,
                    CidrIpv6 = Cidrs.IsIpv6(cidr) ? cidr : null!,
                    Tags = Tags(args),
                }, new CustomResourceOptions { Parent = this });
            }
        }

        if (args.TargetSecurityGroupId is { } targetGroupId)
        {
            var toGroup = TargetEgress(group, args);
            toGroup.ReferencedSecurityGroupId = targetGroupId;
            _ = new Vpc.SecurityGroupEgressRule($"{name}-out-targets", toGroup, new CustomResourceOptions { Parent = this });
        }

        foreach (var cidr in args.TargetCidrs.Distinct(StringComparer.Ordinal))
        {
            var toCidr = TargetEgress(group, args);
            toCidr.CidrIpv4 = Cidrs.IsIpv6(cidr) ? null! : cidr;
            toCidr.CidrIpv6 = Cidrs.IsIpv6(cidr) ? cidr : null!;
            _ = new Vpc.SecurityGroupEgressRule($"{name}-out-{RuleSuffix(cidr)}", toCidr, new CustomResourceOptions { Parent = this });
        }

        return group;
    }

    /// <summary>An egress rule to the targets' port; the caller says to where (a security group or a CIDR).</summary>
    private static Vpc.SecurityGroupEgressRuleArgs TargetEgress(Ec2.SecurityGroup group, WeightedListenerArgs args) => new()
    {
        SecurityGroupId = group.Id,
        Description = TargetsRuleDescription,
        IpProtocol = "tcp",
        FromPort = args.TargetPort,
        ToPort = args.TargetPort,
        Tags = Tags(args),
    };

    private (S3.Bucket Bucket, S3.BucketPolicy Policy)? CreateAccessLogBucket(string name, AccessLogSettings logs, WeightedListenerArgs args)
    {
        var bucket = new S3.Bucket($"{name}-alb-logs", new S3.BucketArgs
        {
            ForceDestroy = logs.ForceDestroy,
            Tags = Tags(args),
        }, new CustomResourceOptions { Parent = this });

        _ = new S3.BucketServerSideEncryptionConfiguration($"{name}-alb-logs-sse", new S3.BucketServerSideEncryptionConfigurationArgs
        {
            Bucket = bucket.BucketName,
            Rules =
            {
                new S3.Inputs.BucketServerSideEncryptionConfigurationRuleArgs
                {
                    // SSE-S3: the only encryption ALB log delivery supports.
                    ApplyServerSideEncryptionByDefault = new S3.Inputs.BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultArgs
                    {
                        SseAlgorithm = "AES256",
                    },
                },
            },
        }, new CustomResourceOptions { Parent = this });

        var publicAccess = new S3.BucketPublicAccessBlock($"{name}-alb-logs-pab", new S3.BucketPublicAccessBlockArgs
        {
            Bucket = bucket.BucketName,
            BlockPublicAcls = true,
            BlockPublicPolicy = true,
            IgnorePublicAcls = true,
            RestrictPublicBuckets = true,
        }, new CustomResourceOptions { Parent = this });

        var prefix = logs.Prefix;
        var region = logs.Region;
        var policy = new S3.BucketPolicy($"{name}-alb-logs-policy", new S3.BucketPolicyArgs
        {
            Bucket = bucket.BucketName,
            Policy = Output.Tuple(bucket.Arn, logs.AccountId.ToOutput())
                .Apply(t => ElbLogDelivery.BucketPolicy(t.Item1, prefix, t.Item2, region).ToJson()),
        }, new CustomResourceOptions { Parent = this, DependsOn = { publicAccess } });

        return (bucket, policy);
    }

    /// <summary>The egress rules' description (EC2 refuses an apostrophe in it).</summary>
    private static readonly string TargetsRuleDescription = AwsText.Ec2Description("To the targets on their port", "description");

    private static string RuleSuffix(string cidr) =>
        new(cidr.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray());

    private static InputMap<string> Tags(WeightedListenerArgs args) => InputMaps.From(args.Tags);
}
