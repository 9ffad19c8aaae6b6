using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Pulumi.Testing;

namespace BlueGreen.Preview;

/// <summary>
/// The engine of an offline preview: every resource's state is its inputs plus deterministic fake values
/// for what the cloud would compute (ID <c>&lt;name&gt;-id</c>, ARN, ARN suffix, DNS name, auto-name, random
/// bytes), and every registration is recorded in order. Same program and config, same state, every run.
/// </summary>
public sealed class PreviewMocks(string region) : IMocks
{
    /// <summary>The AWS account of every fake ARN.</summary>
    public const string AccountId = "123456789012";

    /// <summary>The hosted zone every fake load balancer reports.</summary>
    public const string ZoneId = "Z0FAKEPREVIEW0";

    private readonly ConcurrentQueue<MockResourceArgs> _registered = new();

    /// <summary>The region of the fake ARNs and DNS names.</summary>
    public string Region { get; } = region;

    /// <summary>Every resource the program registered (components and providers too), in order.</summary>
    public IReadOnlyList<MockResourceArgs> Registered => [.. _registered];

    private readonly List<string> _generatedSecrets = [];

    /// <summary>The fake secrets this run made up (passwords): masked in every report like config secrets.</summary>
    public IReadOnlyList<string> GeneratedSecrets
    {
        get
        {
            lock (_generatedSecrets)
            {
                return [.. _generatedSecrets];
            }
        }
    }

    public Task<(string? id, object state)> NewResourceAsync(MockResourceArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        _registered.Enqueue(args);
        return Task.FromResult<(string? id, object state)>(($"{args.Name}-id", StateOf(args)));
    }

    public Task<object> CallAsync(MockCallArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Token == "aws:ssm/getParameter:getParameter")
        {
            // The automatic rollback record, as AWS would return it: "none" unless a test says otherwise; null is
            // a parameter that does not exist, which the provider reports as SSM's ParameterNotFound error.
            var name = args.Args.TryGetValue("name", out var n) ? (string)n : "";
            if (AutomaticRollbackRecord is null)
            {
                throw new InvalidOperationException($"reading SSM Parameter ({name}): operation error SSM: GetParameter, ParameterNotFound: ");
            }

            return Task.FromResult<object>(ImmutableDictionary<string, object>.Empty
                .Add("arn", $"arn:aws:ssm:{Region}:{AccountId}:parameter{name}")
                .Add("id", name)
                .Add("name", name)
                .Add("insecureValue", AutomaticRollbackRecord)
                .Add("value", AutomaticRollbackRecord)
                .Add("type", "String")
                .Add("region", Region)
                .Add("version", 1.0)
                .Add("withDecryption", true));
        }

        return Task.FromResult<object>(ImmutableDictionary<string, object>.Empty
            .Add("accountId", AccountId)
            .Add("arn", $"arn:{Partition}:iam::{AccountId}:user/preview")
            .Add("partition", Partition)
            .Add("name", Region)
            .Add("region", Region)
            .Add("dnsSuffix", "amazonaws.com"));
    }

    /// <summary>What the fake SSM returns for the automatic rollback record: "none" unless set; null answers
    /// ParameterNotFound (the record not there yet).</summary>
    public string? AutomaticRollbackRecord { get; init; } = "none";

    /// <summary>The partition of the fake account (the caller identity's ARN).</summary>
    public string Partition { get; init; } = "aws";

    public Task RegisterResourceOutputs(MockRegisterResourceOutputsRequest args) => Task.CompletedTask;

    /// <summary>The state a resource reports: its inputs, plus the fake computed outputs it lacks.</summary>
    public ImmutableDictionary<string, object> StateOf(MockResourceArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var state = args.Inputs ?? ImmutableDictionary<string, object>.Empty;
        var type = args.Type ?? "";
        var name = args.Name ?? "";
        if (type == "random:index/randomId:RandomId")
        {
            return RandomIdState(state, type, name);
        }

        if (type == "random:index/randomPassword:RandomPassword")
        {
            return RandomPasswordState(state, type, name);
        }

        if (!type.StartsWith("aws:", StringComparison.Ordinal))
        {
            return state;
        }

        var hash = Hex($"{type}::{name}", 16);
        state = AddIfAbsent(state, "arn", $"arn:aws:{ServiceOf(type)}:{Region}:{AccountId}:{name}");
        state = AddIfAbsent(state, "name", name);
        state = AddIfAbsent(state, "arnSuffix", type switch
        {
            "aws:lb/targetGroup:TargetGroup" => $"targetgroup/{state["name"]}/{hash}",
            "aws:lb/loadBalancer:LoadBalancer" => $"app/{state["name"]}/{hash}",
            _ => name,
        });
        if (type == "aws:lb/targetGroup:TargetGroup")
        {
            // As in AWS, a target group's ARN carries its name: a replacement (a new name) has a new ARN,
            // so what refers to it (the listener, the binding) sees the change.
            state = state.SetItem("arn", $"arn:aws:elasticloadbalancing:{Region}:{AccountId}:{state["arnSuffix"]}");
        }

        if (type is "aws:cloudwatch/metricAlarm:MetricAlarm" or "aws:cloudwatch/compositeAlarm:CompositeAlarm")
        {
            // An alarm's ARN as CloudWatch forms it: arn:aws:cloudwatch:REGION:ACCOUNT:alarm:NAME (what EventBridge
            // events carry in resources, so a rule's pattern can be checked against a real event).
            var alarmName = state.TryGetValue("alarmName", out var n) ? n : state["name"];
            state = state.SetItem("arn", $"arn:aws:cloudwatch:{Region}:{AccountId}:alarm:{alarmName}");
        }

        state = AddIfAbsent(state, "dnsName", $"{name}-{hash[..8]}.{Region}.elb.amazonaws.com");
        state = AddIfAbsent(state, "zoneId", ZoneId);
        state = type switch
        {
            "aws:kms/key:Key" => AddIfAbsent(state, "keyId", $"{name}-key-id"),
            "aws:s3/bucket:Bucket" => AddIfAbsent(state, "bucket", name),
            _ => state,
        };
        return state;
    }

    /// <summary>
    /// A fake password (letters and digits, of the requested length) derived from the name and inputs, so a
    /// run is repeatable; it is remembered in <see cref="GeneratedSecrets"/> so reports mask it wherever it
    /// appears, as they would the real one.
    /// </summary>
    private ImmutableDictionary<string, object> RandomPasswordState(ImmutableDictionary<string, object> state, string type, string name)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        var length = state.TryGetValue("length", out var value) && value is double d ? Math.Clamp((int)d, 1, 256) : 16;
        var seed = SHA256.HashData(Encoding.UTF8.GetBytes($"{type}::{name}::{PreviewValues.ToObject(state).ToJsonString()}"));
        var result = new string([.. Enumerable.Range(0, length).Select(i => alphabet[(seed[i % seed.Length] + (i / seed.Length)) % alphabet.Length])]);
        lock (_generatedSecrets)
        {
            _generatedSecrets.Add(result);
        }

        return state.SetItem("result", result);
    }

    /// <summary>Random bytes derived from the name and every input (keepers included): a change that
    /// would replace the resource gives new bytes, as a real replacement would.</summary>
    private static ImmutableDictionary<string, object> RandomIdState(ImmutableDictionary<string, object> state, string type, string name)
    {
        var length = state.TryGetValue("byteLength", out var value) && value is double d ? (int)d : 8;
        var inputs = PreviewValues.ToObject(state).ToJsonString();
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"{type}::{name}::{inputs}"))[..Math.Clamp(length, 1, 32)];
        var hex = Convert.ToHexString(bytes).ToLowerInvariant();
        var b64 = Convert.ToBase64String(bytes);
        return state
            .SetItem("hex", hex)
            .SetItem("b64Std", b64)
            .SetItem("b64Url", b64.TrimEnd('=').Replace('+', '-').Replace('/', '_'))
            .SetItem("dec", new System.Numerics.BigInteger(bytes, isUnsigned: true, isBigEndian: true).ToString(CultureInfo.InvariantCulture));
    }

    private static ImmutableDictionary<string, object> AddIfAbsent(ImmutableDictionary<string, object> state, string key, object value) =>
        state.ContainsKey(key) ? state : state.Add(key, value);

    /// <summary>The ARN service of an AWS type token (<c>aws:lb/targetGroup:TargetGroup</c> → <c>elasticloadbalancing</c>).</summary>
    public static string ServiceOf(string type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var module = type.Split(':') is [_, var path, ..] ? path.Split('/')[0] : type;
        return module switch
        {
            "lb" or "alb" or "elb" => "elasticloadbalancing",
            "vpc" => "ec2",
            "cloudwatch" => "cloudwatch",
            "rds" => "rds",
            _ => module,
        };
    }

    private static string Hex(string text, int length) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text))).ToLowerInvariant()[..length];
}
