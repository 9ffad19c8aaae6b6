using Pulumi;
using Pulumi.Testing;
using Pulumi.Utilities;

namespace Runtime.Tests;

/// <summary>Config comes from process-wide environment variables, so these tests never run in parallel with each other.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConfigCollection
{
    public const string Name = "stack config from the environment";
}

[Collection(ConfigCollection.Name)]
public sealed class ConfigTests : IDisposable
{
    public ConfigTests()
    {
        Environment.SetEnvironmentVariable("PULUMI_CONFIG", """
            {
              "project:name": "shop",
              "project:replicas": "3",
              "project:ratio": "1.5",
              "project:enabled": "true",
              "project:notANumber": "three",
              "project:schedule": "[0, 5, 25, 50, 100]",
              "project:dbPassword": "hunter2",
              "aws:region": "eu-west-1"
            }
            """);
        Environment.SetEnvironmentVariable("PULUMI_CONFIG_SECRET_KEYS", """["project:dbPassword"]""");
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("PULUMI_CONFIG", null);
        Environment.SetEnvironmentVariable("PULUMI_CONFIG_SECRET_KEYS", null);
    }

    private static async Task<T> InProgram<T>(Func<T> read)
    {
        T result = default!;
        await Deployment.TestAsync(new RecordingMocks().Object, new TestOptions(), () => result = read());
        return result;
    }

    [Fact]
    public async Task Typed_getters_read_their_bags_namespace_only()
    {
        var values = await InProgram(() =>
        {
            var config = new Config();
            return (config.Get("name"), config.GetInt32("replicas"), config.GetDouble("ratio"), config.GetBoolean("enabled"),
                config.GetObject<int[]>("schedule"), config.Get("missing"), new Config("aws").Get("region"), config.Get("aws:region"));
        });

        Assert.Equal("shop", values.Item1);
        Assert.Equal(3, values.Item2);
        Assert.Equal(1.5, values.Item3);
        Assert.True(values.Item4);
        Assert.Equal(new[] { 0, 5, 25, 50, 100 }, values.Item5);
        Assert.Null(values.Item6);
        Assert.Equal("eu-west-1", values.Item7);
        Assert.Null(values.Rest.Item1); // "project:aws:region", as the official SDK reads it
    }

    [Fact]
    public async Task Secret_getters_return_secret_outputs()
    {
        var secret = await InProgram(() => new Config().RequireSecret("dbPassword"));

        Assert.True(await Output.IsSecretAsync(secret));
        Assert.Equal("hunter2", await OutputUtilities.GetValueAsync(secret));
    }

    [Fact]
    public async Task A_missing_required_key_fails_the_run_naming_the_key()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => InProgram(() => new Config().Require("certificateArn")));

        Assert.Contains("project:certificateArn", error.Message, StringComparison.Ordinal);
#if PULUMI_OFFLINE
        Assert.Contains("Pulumi.stack.yaml", error.Message, StringComparison.Ordinal);
#endif
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_fails_the_run_naming_the_key()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => InProgram(() => new Config().GetInt32("notANumber")));

        Assert.Contains("project:notANumber", error.Message, StringComparison.Ordinal);
    }
}
