using System.Text.Json.Nodes;
using static BlueGreen.Conformance.Aws.Json;

namespace BlueGreen.Conformance.Aws;

/// <summary>
/// The one table from the AWS type tokens the program declares to the API calls the Pulumi AWS provider (v7,
/// the Terraform AWS provider underneath) makes for them: what each resource's create function sends, which
/// operations its update function uses. A type with no row is a violation of its own (so a new resource type
/// cannot slip past). Member names are the botocore models'; input names the provider schema's.
/// </summary>
public static partial class AwsMappings
{
    /// <summary>Marks an input the provider keeps to itself (no API call): changing it is an update of state only.</summary>
    public const string ProviderOnly = "";

    public static IReadOnlyDictionary<string, AwsMapping> Table { get; } = new Dictionary<string, AwsMapping>(StringComparer.Ordinal)
    {
        ["aws:cloudwatch/eventRule:EventRule"] = new("events", (i, name) =>
            [new("events", "PutRule", With(PascalAll(i, null, "namePrefix", "isEnabled", "forceDestroy"), ("Name", i["name"] ?? name), ("Tags", TagList(i["tags"]))))],
            ["PutRule"], new Dictionary<string, string?> { ["name"] = null }),
        ["aws:cloudwatch/eventTarget:EventTarget"] = new("events", (i, _) =>
            [new("events", "PutTargets", Obj(("Rule", i["rule"]), ("EventBusName", i["eventBusName"]), ("Targets", new JsonArray(Obj(
                ("Id", i["targetId"]), ("Arn", i["arn"]), ("RoleArn", i["roleArn"]), ("Input", i["input"]), ("InputPath", i["inputPath"]),
                ("InputTransformer", i["inputTransformer"] is JsonObject t ? Obj(("InputPathsMap", t["inputPaths"]), ("InputTemplate", t["inputTemplate"])) : null))))))],
            ["PutTargets"], new Dictionary<string, string?> { ["rule"] = null, ["targetId"] = null, ["eventBusName"] = null, ["arn"] = "Targets", ["roleArn"] = "Targets", ["inputTransformer"] = "Targets", ["input"] = "Targets" }),
        ["aws:iam/role:Role"] = new("iam", (i, name) =>
            [new("iam", "CreateRole", Obj(("RoleName", i["name"] ?? name), ("AssumeRolePolicyDocument", i["assumeRolePolicy"]), ("Description", i["description"]),
                ("Path", i["path"]), ("MaxSessionDuration", i["maxSessionDuration"]), ("PermissionsBoundary", i["permissionsBoundary"]), ("Tags", TagList(i["tags"]))))],
            ["UpdateRole", "UpdateAssumeRolePolicy"], new Dictionary<string, string?> { ["name"] = null, ["path"] = null, ["assumeRolePolicy"] = "PolicyDocument", ["forceDetachPolicies"] = ProviderOnly }),
        ["aws:iam/rolePolicy:RolePolicy"] = new("iam", (i, name) =>
            [new("iam", "PutRolePolicy", Obj(("RoleName", i["role"]), ("PolicyName", i["name"] ?? name), ("PolicyDocument", i["policy"])))],
            ["PutRolePolicy"], new Dictionary<string, string?> { ["role"] = null, ["name"] = null, ["policy"] = "PolicyDocument" }),
        ["aws:iam/rolePolicyAttachment:RolePolicyAttachment"] = new("iam", (i, _) =>
            [new("iam", "AttachRolePolicy", Obj(("RoleName", i["role"]), ("PolicyArn", i["policyArn"])))], []),
        ["aws:ssm/document:Document"] = new("ssm", (i, name) =>
            [new("ssm", "CreateDocument", Obj(("Content", i["content"]), ("Name", i["name"] ?? name), ("DocumentType", i["documentType"]), ("DocumentFormat", i["documentFormat"]),
                ("TargetType", i["targetType"]), ("VersionName", i["versionName"]), ("Tags", TagList(i["tags"]))))],
            ["UpdateDocument"], new Dictionary<string, string?> { ["name"] = null, ["documentType"] = null }),
        ["aws:ssm/parameter:Parameter"] = new("ssm", (i, name) =>
            [new("ssm", "PutParameter", Obj(("Name", i["name"] ?? name), ("Value", i["value"] ?? i["insecureValue"]), ("Type", i["type"]), ("Description", i["description"]),
                ("Tier", i["tier"]), ("AllowedPattern", i["allowedPattern"]), ("DataType", i["dataType"]), ("KeyId", i["keyId"]), ("Tags", TagList(i["tags"]))))],
            ["PutParameter"], new Dictionary<string, string?> { ["name"] = null, ["insecureValue"] = "Value", ["overwrite"] = ProviderOnly }),
        ["aws:cloudwatch/compositeAlarm:CompositeAlarm"] = new("cloudwatch", (i, _) =>
            [new("cloudwatch", "PutCompositeAlarm", With(PascalAll(i, new Dictionary<string, string> { ["okActions"] = "OKActions" }), ("Tags", TagList(i["tags"]))))],
            ["PutCompositeAlarm"], new Dictionary<string, string?> { ["alarmName"] = null, ["okActions"] = "OKActions" }),
        ["aws:cloudwatch/dashboard:Dashboard"] = new("cloudwatch", (i, _) =>
            [new("cloudwatch", "PutDashboard", Obj(("DashboardName", i["dashboardName"]), ("DashboardBody", i["dashboardBody"])))],
            ["PutDashboard"], new Dictionary<string, string?> { ["dashboardName"] = null }),
        ["aws:cloudwatch/metricAlarm:MetricAlarm"] = new("cloudwatch", (i, name) => [new("cloudwatch", "PutMetricAlarm", MetricAlarm(i, name))],
            ["PutMetricAlarm"], new Dictionary<string, string?>
            {
                ["name"] = null,
                ["okActions"] = "OKActions",
                ["metricQueries"] = "Metrics",
                ["evaluateLowSampleCountPercentiles"] = "EvaluateLowSampleCountPercentile",
            }),
        ["aws:sns/topic:Topic"] = new("sns", (i, name) =>
            [new("sns", "CreateTopic", Obj(("Name", i["name"] ?? name), ("Attributes", TopicAttributes(i)), ("Tags", TagList(i["tags"]))))],
            ["SetTopicAttributes"], new Dictionary<string, string?> { ["name"] = null, ["namePrefix"] = null, ["fifoTopic"] = null, ["displayName"] = "AttributeValue", ["policy"] = "AttributeValue" }),
        ["aws:sns/topicSubscription:TopicSubscription"] = new("sns", (i, _) =>
            [new("sns", "Subscribe", Obj(("TopicArn", i["topic"]), ("Protocol", i["protocol"]), ("Endpoint", i["endpoint"])))],
            ["SetSubscriptionAttributes"], new Dictionary<string, string?> { ["topic"] = null, ["protocol"] = null, ["endpoint"] = null, ["rawMessageDelivery"] = "AttributeValue", ["filterPolicy"] = "AttributeValue" }),
        // The Terraform provider's aws_sqs_queue: CreateQueue with the attribute map (every value a string), then
        // SetQueueAttributes for any change of an attribute; the name (and FIFO) replace.
        ["aws:sqs/queue:Queue"] = new("sqs", (i, name) =>
            [new("sqs", "CreateQueue", Obj(("QueueName", i["name"] ?? name), ("Attributes", QueueAttributes(i)), ("tags", i["tags"]?.DeepClone())))],
            ["SetQueueAttributes"], new Dictionary<string, string?> { ["name"] = null, ["namePrefix"] = null, ["fifoQueue"] = null }),
        ["aws:kms/key:Key"] = new("kms", (i, _) =>
            [
                new("kms", "CreateKey", Obj(("Description", i["description"]), ("KeyUsage", i["keyUsage"]), ("KeySpec", i["customerMasterKeySpec"]), ("Policy", i["policy"]),
                    ("MultiRegion", i["multiRegion"]), ("Tags", i["tags"] is JsonObject tags ? new JsonArray([.. tags.Select(p => (JsonNode?)Obj(("TagKey", JsonValue.Create(p.Key)), ("TagValue", p.Value)))]) : null))),
                .. i["enableKeyRotation"]?.GetValue<bool>() == true ? new[] { new AwsRequest("kms", "EnableKeyRotation", Obj(("KeyId", JsonValue.Create("1234abcd-12ab-34cd-56ef-1234567890ab")))) } : [],
            ],
            ["UpdateKeyDescription", "PutKeyPolicy", "EnableKeyRotation"], new Dictionary<string, string?> { ["deletionWindowInDays"] = ProviderOnly, ["enableKeyRotation"] = "KeyId", ["customerMasterKeySpec"] = null }),
        ["aws:kms/alias:Alias"] = new("kms", (i, _) => [new("kms", "CreateAlias", Obj(("AliasName", i["name"]), ("TargetKeyId", i["targetKeyId"])))],
            ["UpdateAlias"], new Dictionary<string, string?> { ["name"] = null }),
        ["aws:rds/clusterSnapshot:ClusterSnapshot"] = new("rds", (i, _) =>
            [new("rds", "CreateDBClusterSnapshot", Obj(("DBClusterIdentifier", i["dbClusterIdentifier"]), ("DBClusterSnapshotIdentifier", i["dbClusterSnapshotIdentifier"]), ("Tags", TagList(i["tags"]))))], []),
    };

    /// <summary>The mapping of a type token (the backup and load-balancing rows are in the other parts of this class).</summary>
    public static AwsMapping? For(string type) => Table.GetValueOrDefault(type) ?? BackupTable.GetValueOrDefault(type) ?? EdgeTable.GetValueOrDefault(type);

    /// <summary>The auto-name the provider gives a resource whose name the program leaves out: the logical name, a
    /// dash and seven random characters (Pulumi's default auto-naming).</summary>
    public static string AutoName(string logicalName) => $"{logicalName}-a1b2c3d";

    private static JsonObject With(JsonObject obj, params (string Name, JsonNode? Value)[] members)
    {
        foreach (var (name, value) in members)
        {
            if (value is not null)
            {
                obj[name] = value.DeepClone();
            }
        }

        return obj;
    }

    private static JsonObject? TopicAttributes(JsonObject i)
    {
        var attributes = Obj(("DisplayName", i["displayName"]), ("Policy", i["policy"]), ("KmsMasterKeyId", i["kmsMasterKeyId"]),
            ("FifoTopic", i["fifoTopic"] is { } fifo ? JsonValue.Create(fifo.ToJsonString()) : null));
        return attributes.Count == 0 ? null : attributes;
    }

    private static JsonObject MetricAlarm(JsonObject i, string name)
    {
        var body = PascalAll(i, new Dictionary<string, string> { ["okActions"] = "OKActions", ["evaluateLowSampleCountPercentiles"] = "EvaluateLowSampleCountPercentile" },
            "name", "metricQueries", "dimensions");
        body["AlarmName"] = (i["name"] ?? name).DeepClone();
        if (i["dimensions"] is JsonObject dimensions)
        {
            body["Dimensions"] = Dimensions(dimensions);
        }

        if (i["metricQueries"] is JsonArray queries)
        {
            body["Metrics"] = new JsonArray([.. queries.OfType<JsonObject>().Select(q => (JsonNode?)Obj(
                ("Id", q["id"]), ("Expression", q["expression"]), ("Label", q["label"]), ("ReturnData", q["returnData"]), ("Period", q["period"]), ("AccountId", q["accountId"]),
                ("MetricStat", q["metric"] is JsonObject m ? Obj(
                    ("Metric", Obj(("Namespace", m["namespace"]), ("MetricName", m["metricName"]), ("Dimensions", m["dimensions"] is JsonObject d ? Dimensions(d) : null))),
                    ("Period", m["period"]), ("Stat", m["stat"]), ("Unit", m["unit"])) : null)))]);
        }

        body["Tags"] = TagList(i["tags"]);
        return body;
    }

    private static JsonArray Dimensions(JsonObject dimensions) =>
        new([.. dimensions.Select(p => (JsonNode?)Obj(("Name", JsonValue.Create(p.Key)), ("Value", p.Value)))]);

    /// <summary>The queue inputs the provider sends as CreateQueue's <c>Attributes</c> (names from the SQS model's
    /// QueueAttributeName enum; every value a string).</summary>
    private static JsonObject? QueueAttributes(JsonObject i)
    {
        (string Input, string Attribute)[] names =
        [
            ("delaySeconds", "DelaySeconds"), ("maxMessageSize", "MaximumMessageSize"), ("messageRetentionSeconds", "MessageRetentionPeriod"),
            ("policy", "Policy"), ("receiveWaitTimeSeconds", "ReceiveMessageWaitTimeSeconds"), ("redrivePolicy", "RedrivePolicy"),
            ("visibilityTimeoutSeconds", "VisibilityTimeout"), ("kmsMasterKeyId", "KmsMasterKeyId"), ("sqsManagedSseEnabled", "SqsManagedSseEnabled"),
        ];
        var attributes = new JsonObject();
        foreach (var (input, attribute) in names)
        {
            if (i[input] is { } value)
            {
                attributes[attribute] = JsonValue.Create(value.GetValueKind() == System.Text.Json.JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString().ToLowerInvariant());
            }
        }

        return attributes.Count == 0 ? null : attributes;
    }
}
