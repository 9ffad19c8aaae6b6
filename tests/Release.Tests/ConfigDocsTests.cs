using System.Text.RegularExpressions;
using BlueGreen.Release;
using BlueGreen.Release.StackFiles;

namespace BlueGreen.Tests;

/// <summary>docs/config.md stays true: it covers every key, and its example stack is valid.</summary>
public partial class ConfigDocsTests
{
    private static readonly string Docs = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "docs", "config.md"));

    [GeneratedRegex(@"^\| `([a-zA-Z0-9.]+)` \|", RegexOptions.Multiline)]
    private static partial Regex KeyRow();

    [GeneratedRegex(@"<!-- example: prod -->\s*```yaml\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ProdExample();

    [Fact]
    public void The_key_tables_list_exactly_the_known_keys_in_order()
    {
        var documented = KeyRow().Matches(Docs).Select(m => m.Groups[1].Value).ToList();

        Assert.Equal(ConfigKeys.All, documented);
    }

    [Fact]
    public void The_prod_example_is_a_valid_config_that_sets_every_documented_key_but_the_secret_one()
    {
        var values = ReadPulumiConfig(ProdExample().Match(Docs).Groups[1].Value);

        var result = StackSettingsReader.Read(values.GetValueOrDefault, "prod", TestConfig.Now);

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Problems));
        Assert.Equal(TrafficSplit.Of(75, 25), result.Settings.Split);
        Assert.Equal(ConfigKeys.All.Where(k => k != ConfigKeys.KubernetesKubeconfig).Append(AwsRegions.ConfigKey).Order(), values.Keys.Order());
    }

    [Fact]
    public void The_stack_files_of_the_repo_are_valid()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Pulumi.yaml")))
        {
            root = root.Parent;
        }

        Assert.NotNull(root);
        foreach (var file in root.GetFiles("Pulumi.*.yaml"))
        {
            var stackName = file.Name["Pulumi.".Length..^".yaml".Length];
            var values = ReadPulumiConfig(File.ReadAllText(file.FullName));

            var result = StackSettingsReader.Read(values.GetValueOrDefault, stackName, TestConfig.Now);

            Assert.True(result.IsValid, $"{file.Name}:{Environment.NewLine}{string.Join(Environment.NewLine, result.Problems)}");
        }
    }

    /// <summary>The keys of a stack file as the reader's lookup takes them: <c>bluegreen:</c> keys bare, others ("aws:region") whole.</summary>
    private static Dictionary<string, string> ReadPulumiConfig(string yaml)
    {
        const string prefix = ConfigKeys.Namespace + ":";
        return StackFile.Parse("example", "prod", yaml).Config
            .ToDictionary(p => p.Key.StartsWith(prefix, StringComparison.Ordinal) ? p.Key[prefix.Length..] : p.Key, p => p.Value);
    }
}
