using System.Text.Json.Nodes;
using static BlueGreen.Conformance.Aws.Json;

namespace BlueGreen.Conformance.Aws;

/// <summary>The load balancer, its listeners, rules and target groups, and the security group with its rules.</summary>
public static partial class AwsMappings
{
    private static readonly IReadOnlyDictionary<string, AwsMapping> EdgeTable = new Dictionary<string, AwsMapping>(StringComparer.Ordinal)
    {
        ["aws:lb/loadBalancer:LoadBalancer"] = new("elbv2", (i, name) =>
            [
                new("elbv2", "CreateLoadBalancer", Obj(("Name", i["name"] ?? JsonValue.Create(ShortAutoName(name))), ("Subnets", i["subnets"]), ("SecurityGroups", i["securityGroups"]),
                    ("Scheme", i["internal"] is { } internalLb ? JsonValue.Create(internalLb.GetValue<bool>() ? "internal" : "internet-facing") : null),
                    ("Type", i["loadBalancerType"]), ("IpAddressType", i["ipAddressType"]), ("Tags", TagList(i["tags"])))),
                new("elbv2", "ModifyLoadBalancerAttributes", Obj(("LoadBalancerArn", JsonValue.Create("arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/x/1")),
                    ("Attributes", Attributes(i, ("enableDeletionProtection", "deletion_protection.enabled"), ("idleTimeout", "idle_timeout.timeout_seconds"),
                        ("dropInvalidHeaderFields", "routing.http.drop_invalid_header_fields.enabled"), ("enableHttp2", "routing.http2.enabled"))))),
            ],
            ["ModifyLoadBalancerAttributes", "SetSecurityGroups", "SetSubnets", "SetIpAddressType"], new Dictionary<string, string?>
            {
                ["name"] = null,
                ["internal"] = null,
                ["loadBalancerType"] = null,
                ["enableDeletionProtection"] = "Attributes",
                ["idleTimeout"] = "Attributes",
                ["dropInvalidHeaderFields"] = "Attributes",
                ["enableHttp2"] = "Attributes",
                ["accessLogs"] = "Attributes",
            }),
        ["aws:lb/listener:Listener"] = new("elbv2", (i, _) =>
            [new("elbv2", "CreateListener", Obj(("LoadBalancerArn", i["loadBalancerArn"]), ("Protocol", i["protocol"]), ("Port", i["port"]), ("SslPolicy", i["sslPolicy"]),
                ("Certificates", i["certificateArn"] is { } cert ? new JsonArray(Obj(("CertificateArn", cert))) : null),
                ("DefaultActions", Actions(i["defaultActions"])), ("AlpnPolicy", i["alpnPolicy"] is { } alpn ? new JsonArray(alpn.DeepClone()) : null), ("Tags", TagList(i["tags"]))))],
            ["ModifyListener"], new Dictionary<string, string?> { ["loadBalancerArn"] = null, ["certificateArn"] = "Certificates" }),
        ["aws:lb/listenerRule:ListenerRule"] = new("elbv2", (i, _) =>
            [new("elbv2", "CreateRule", Obj(("ListenerArn", i["listenerArn"]), ("Priority", i["priority"]), ("Actions", Actions(i["actions"])),
                ("Conditions", i["conditions"] is JsonArray conditions ? new JsonArray([.. conditions.OfType<JsonObject>().Select(c => (JsonNode?)Condition(c))]) : null),
                ("Tags", TagList(i["tags"]))))],
            ["ModifyRule", "SetRulePriorities"], new Dictionary<string, string?> { ["listenerArn"] = null, ["priority"] = "RulePriorities" }),
        ["aws:lb/targetGroup:TargetGroup"] = new("elbv2", (i, name) =>
        {
            var health = i["healthCheck"] as JsonObject ?? [];
            return
            [
                new("elbv2", "CreateTargetGroup", Obj(("Name", i["name"] ?? JsonValue.Create(ShortAutoName(name))), ("Protocol", i["protocol"]), ("ProtocolVersion", i["protocolVersion"]),
                    ("Port", i["port"]), ("VpcId", i["vpcId"]), ("TargetType", i["targetType"]), ("IpAddressType", i["ipAddressType"]),
                    ("HealthCheckEnabled", health["enabled"]), ("HealthCheckPath", health["path"]), ("HealthCheckPort", health["port"]), ("HealthCheckProtocol", health["protocol"]),
                    ("HealthCheckIntervalSeconds", health["interval"]), ("HealthCheckTimeoutSeconds", health["timeout"]), ("HealthyThresholdCount", health["healthyThreshold"]),
                    ("UnhealthyThresholdCount", health["unhealthyThreshold"]), ("Matcher", health["matcher"] is { } m ? Obj(("HttpCode", m)) : null), ("Tags", TagList(i["tags"])))),
                new("elbv2", "ModifyTargetGroupAttributes", Obj(("TargetGroupArn", JsonValue.Create("arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/x/1")),
                    ("Attributes", Attributes(i, ("deregistrationDelay", "deregistration_delay.timeout_seconds"), ("slowStart", "slow_start.duration_seconds"))))),
            ];
        },
            ["ModifyTargetGroup", "ModifyTargetGroupAttributes"], new Dictionary<string, string?>
            {
                ["name"] = null,
                ["namePrefix"] = null,
                ["healthCheck"] = "HealthCheckPath",
                ["deregistrationDelay"] = "Attributes",
                ["slowStart"] = "Attributes",
                ["stickiness"] = "Attributes",
            }),
        ["aws:ec2/securityGroup:SecurityGroup"] = new("ec2", (i, name) =>
            [new("ec2", "CreateSecurityGroup", Obj(("GroupName", i["name"] ?? JsonValue.Create(AutoName(name))), ("Description", i["description"] ?? JsonValue.Create("Managed by Pulumi")),
                ("VpcId", i["vpcId"]), ("TagSpecifications", TagSpecifications("security-group", i["tags"]))))],
            [], new Dictionary<string, string?> { ["revokeRulesOnDelete"] = ProviderOnly }),
        ["aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"] = new("ec2", (i, _) =>
            [new("ec2", "AuthorizeSecurityGroupIngress", SecurityGroupRule(i))], ["ModifySecurityGroupRules"], RuleMembers),
        ["aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"] = new("ec2", (i, _) =>
            [new("ec2", "AuthorizeSecurityGroupEgress", SecurityGroupRule(i))], ["ModifySecurityGroupRules"], RuleMembers),
    };

    /// <summary>Load balancer and target group names are at most 32 characters: the provider's auto-name is shorter.</summary>
    private static string ShortAutoName(string name) => AutoName(name.Length > 24 ? name[..24] : name);

    /// <summary>A property, not a field: the table above is initialized first and needs it.</summary>
    private static IReadOnlyDictionary<string, string?> RuleMembers => new Dictionary<string, string?>
    {
        ["securityGroupId"] = null,
        ["cidrIpv4"] = "SecurityGroupRules",
        ["cidrIpv6"] = "SecurityGroupRules",
        ["description"] = "SecurityGroupRules",
        ["fromPort"] = "SecurityGroupRules",
        ["toPort"] = "SecurityGroupRules",
        ["ipProtocol"] = "SecurityGroupRules",
        ["referencedSecurityGroupId"] = "SecurityGroupRules",
        ["prefixListId"] = "SecurityGroupRules",
    };

    private static JsonObject SecurityGroupRule(JsonObject i) => Obj(
        ("GroupId", i["securityGroupId"]),
        ("IpPermissions", new JsonArray(Obj(
            ("IpProtocol", i["ipProtocol"]), ("FromPort", i["fromPort"]), ("ToPort", i["toPort"]),
            ("IpRanges", i["cidrIpv4"] is { } v4 ? new JsonArray(Obj(("CidrIp", v4), ("Description", i["description"]))) : null),
            ("Ipv6Ranges", i["cidrIpv6"] is { } v6 ? new JsonArray(Obj(("CidrIpv6", v6), ("Description", i["description"]))) : null),
            ("PrefixListIds", i["prefixListId"] is { } pl ? new JsonArray(Obj(("PrefixListId", pl), ("Description", i["description"]))) : null),
            ("UserIdGroupPairs", i["referencedSecurityGroupId"] is { } sg ? new JsonArray(Obj(("GroupId", sg), ("Description", i["description"]))) : null)))),
        ("TagSpecifications", TagSpecifications("security-group-rule", i["tags"])));

    private static JsonArray? TagSpecifications(string resourceType, JsonNode? tags) =>
        TagList(tags) is { } list ? new JsonArray(Obj(("ResourceType", JsonValue.Create(resourceType)), ("Tags", list))) : null;

    private static JsonArray Attributes(JsonObject i, params (string Input, string Key)[] keys) =>
        new([.. keys.Where(k => i[k.Input] is not null).Select(k => (JsonNode?)Obj(("Key", JsonValue.Create(k.Key)),
            ("Value", JsonValue.Create(i[k.Input]!.ToJsonString().Trim('"').ToLowerInvariant()))))]);

    /// <summary>Listener and rule actions as the provider expands them (forward with weights, redirect, fixed response).</summary>
    private static JsonArray? Actions(JsonNode? actions) => actions is JsonArray list
        ? new JsonArray([.. list.OfType<JsonObject>().Select(a => (JsonNode?)Obj(
            ("Type", a["type"]), ("Order", a["order"]), ("TargetGroupArn", a["targetGroupArn"]),
            ("ForwardConfig", a["forward"] is JsonObject f ? Obj(
                ("TargetGroups", f["targetGroups"] is JsonArray groups ? new JsonArray([.. groups.OfType<JsonObject>().Select(g => (JsonNode?)Obj(("TargetGroupArn", g["arn"]), ("Weight", g["weight"])))]) : null),
                ("TargetGroupStickinessConfig", f["stickiness"] is JsonObject s ? Obj(("Enabled", s["enabled"]), ("DurationSeconds", s["duration"])) : null)) : null),
            ("RedirectConfig", a["redirect"] is JsonObject r ? Obj(("Protocol", r["protocol"]), ("Port", r["port"]), ("Host", r["host"]), ("Path", r["path"]), ("Query", r["query"]), ("StatusCode", r["statusCode"])) : null),
            ("FixedResponseConfig", a["fixedResponse"] is JsonObject x ? Obj(("MessageBody", x["messageBody"]), ("StatusCode", x["statusCode"]), ("ContentType", x["contentType"])) : null)))])
        : null;

    /// <summary>A rule condition: the provider sets <c>Field</c> and the matching config.</summary>
    private static JsonObject Condition(JsonObject c)
    {
        if (c["httpHeader"] is JsonObject h)
        {
            return Obj(("Field", JsonValue.Create("http-header")), ("HttpHeaderConfig", Obj(("HttpHeaderName", h["httpHeaderName"]), ("Values", h["values"]))));
        }

        foreach (var (input, field, config) in new[] { ("pathPattern", "path-pattern", "PathPatternConfig"), ("hostHeader", "host-header", "HostHeaderConfig"), ("sourceIp", "source-ip", "SourceIpConfig"), ("httpRequestMethod", "http-request-method", "HttpRequestMethodConfig") })
        {
            if (c[input] is JsonObject v)
            {
                return Obj(("Field", JsonValue.Create(field)), (config, Obj(("Values", v["values"]))));
            }
        }

        return c["queryStrings"] is JsonArray q
            ? Obj(("Field", JsonValue.Create("query-string")), ("QueryStringConfig", Obj(("Values", Deep(q)))))
            : (JsonObject)Deep(c)!;
    }
}
