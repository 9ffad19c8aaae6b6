using BlueGreen.Release;

namespace BlueGreen.Tests;

/// <summary>
/// A stack config as the Pulumi lookup would hand it over: bare keys, lists as JSON text. Starts from a
/// minimal valid staging or prod config; each test changes the keys it is about.
/// </summary>
internal sealed class TestConfig
{
    /// <summary>The time every reader test is judged at.</summary>
    public static readonly DateTimeOffset Now = new(2025, 6, 10, 12, 0, 0, TimeSpan.Zero);

    public const string CertificateArn = "arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9";

    private readonly Dictionary<string, string?> _values;

    private TestConfig(string stackName, Dictionary<string, string?> values)
    {
        StackName = stackName;
        _values = values;
    }

    public string StackName { get; }

    /// <summary>Only the required keys of a staging stack: blue live, green being released at step 0.</summary>
    public static TestConfig Staging() => new("staging", new Dictionary<string, string?>
    {
        ["environment"] = "staging",
        ["app.name"] = "shop",
        ["app.imageRepository"] = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop",
        ["blue.imageTag"] = "1.4.2",
        ["green.imageTag"] = "1.5.0",
        ["release.live"] = "blue",
        ["network.vpcId"] = "vpc-0a1b2c3d4e5f60718",
        ["network.subnetIds"] = """["subnet-0a1b2c3d4e5f60718","subnet-1a2b3c4d5e6f70819"]""",
        ["network.certificateArn"] = CertificateArn,
        ["aws:region"] = "eu-west-1",
    });

    /// <summary>The required keys of a prod stack: staging's plus the certificate and a critical endpoint.</summary>
    public static TestConfig Prod()
    {
        var config = Staging()
            .With("environment", "prod")
            .With("notifications.critical", """["oncall@example.com"]""");
        return new TestConfig("prod", config._values);
    }

    public TestConfig With(string key, string? value)
    {
        var values = new Dictionary<string, string?>(_values) { [key] = value };
        return new TestConfig(StackName, values);
    }

    public TestConfig Without(string key)
    {
        var values = new Dictionary<string, string?>(_values);
        values.Remove(key);
        return new TestConfig(StackName, values);
    }

    public TestConfig Named(string stackName) => new(stackName, _values);

    public string? Lookup(string key) => _values.GetValueOrDefault(key);

    public StackSettingsResult Read() => Read(Now);

    public StackSettingsResult Read(DateTimeOffset at) => StackSettingsReader.Read(Lookup, StackName, at);

    /// <summary>Reads and insists the config is valid, showing the problems if not.</summary>
    public StackSettings Valid() => Valid(Now);

    /// <summary>Reads at <paramref name="at"/> and insists the config is valid.</summary>
    public StackSettings Valid(DateTimeOffset at)
    {
        var result = Read(at);
        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Problems));
        return result.Settings;
    }

    /// <summary>Reads and returns the problems, insisting there is at least one.</summary>
    public IReadOnlyList<ConfigProblem> Problems()
    {
        var result = Read();
        Assert.False(result.IsValid, "expected the config to be rejected");
        Assert.Null(result.Settings);
        Assert.NotEmpty(result.Problems);
        return result.Problems;
    }

    /// <summary>The only problem, insisting there is exactly one (so a rejection has no side noise).</summary>
    public ConfigProblem OnlyProblem()
    {
        var problems = Problems();
        Assert.True(problems.Count == 1, "expected exactly one problem, got:" + Environment.NewLine + string.Join(Environment.NewLine, problems));
        return problems[0];
    }

    public static string Timestamp(DateTimeOffset time) => UtcTimestamp.Format(time);
}
