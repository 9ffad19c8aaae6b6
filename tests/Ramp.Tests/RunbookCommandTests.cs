using System.Text.RegularExpressions;
using BlueGreen.Release;

namespace BlueGreen.Ramp.Tests;

/// <summary>The runbook's commands run as written: every <c>ramp</c> line of its shell blocks parses with the CLI,
/// and every <c>pulumi config set</c> of a <c>bluegreen:</c> key sets a value the stack accepts.</summary>
public partial class RunbookCommandTests
{
    private static string Runbook()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "docs", "runbook.md");
            if (File.Exists(Path.Combine(dir.FullName, "Pulumi.yaml")) && File.Exists(path))
            {
                return File.ReadAllText(path);
            }
        }

        throw new InvalidOperationException("docs/runbook.md not found above the test output folder");
    }

    [GeneratedRegex(@"```bash\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ShellBlock();

    [GeneratedRegex(@"'[^']*'|""[^""]*""|\S+")]
    private static partial Regex Word();

    private static IEnumerable<string[]> Commands(string program) =>
        ShellBlock().Matches(Runbook()).SelectMany(m => m.Groups[1].Value.Split('\n'))
            .Select(l => Regex.Replace(l, @"\s+#.*$", "").Trim())
            .Where(l => l.StartsWith(program + " ", StringComparison.Ordinal))
            .Select(l => Word().Matches(l).Select(w => w.Value.Trim('\'')).Skip(1).ToArray());

    [Fact]
    public void Every_ramp_command_of_the_runbook_parses()
    {
        using var h = new Harness("prod");
        var commands = Commands("ramp").ToList();
        Assert.Contains(commands, c => c[0] == "prune");

        foreach (var args in commands)
        {
            var parsed = RampCli.Build(h.Services).Parse(args);
            Assert.True(parsed.Errors.Count == 0, $"ramp {string.Join(' ', args)}: {string.Join("; ", parsed.Errors.Select(e => e.Message))}");
        }
    }

    [Fact]
    public void Every_pulumi_config_set_of_the_runbook_sets_a_value_the_stack_accepts()
    {
        var sets = Commands("pulumi").Where(c => c is ["config", "set", ..]).ToList();
        Assert.NotEmpty(sets);

        foreach (var args in sets)
        {
            var (key, value) = (args.First(a => a.StartsWith("bluegreen:", StringComparison.Ordinal)), args[^1]);
            using var h = new Harness("prod");
            h.Set(ConfigEdit.Quoted(key["bluegreen:".Length..], value));
            var state = StackState.Load(h.Directory, "prod", h.Clock.GetUtcNow());
            Assert.NotNull(state.Settings);
        }
    }
}
