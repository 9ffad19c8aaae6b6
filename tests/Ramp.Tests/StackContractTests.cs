using System.Reflection;
using BlueGreen.Preview;
using BlueGreen.Release;

namespace BlueGreen.Ramp.Tests;

/// <summary>The stack contract the CLI reads is what the stack publishes, checked on the stack run in-process.</summary>
public class StackContractTests
{
    [Fact]
    public async Task Every_output_name_of_the_contract_is_one_the_stack_outputs_and_no_other()
    {
        var run = await PreviewRun.RunAsync(Path.Combine(AppContext.BaseDirectory, "stacks"), "prod");
        var contract = typeof(StackContract.Outputs).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).Order(StringComparer.Ordinal);

        // "urn" is every resource's own output (the stack's too), not one the program declares.
        Assert.Equal(contract, run.Outputs.Keys.Where(k => k != "urn").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_rollback_alarm_the_cli_reads_is_one_the_stack_declares()
    {
        var run = await PreviewRun.RunAsync(Path.Combine(AppContext.BaseDirectory, "stacks"), "prod");
        var settings = run.Config.ReadSettings().Settings!;
        var name = StackContract.RollbackAlarmName(StackContract.NamePrefix(settings.App.Name, "prod"), settings.Phase.AtRisk!.Value);

        Assert.Contains(run.Resources, r => r.Type == "aws:cloudwatch/compositeAlarm:CompositeAlarm" && r.Inputs["alarmName"]?.GetValue<string>() == name);
    }
}
