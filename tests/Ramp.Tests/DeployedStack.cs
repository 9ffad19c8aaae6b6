using System.Text.Json.Nodes;
using BlueGreen.Preview;
using BlueGreen.Ramp.Tools;
using BlueGreen.Release;
using BlueGreen.Release.StackFiles;

namespace BlueGreen.Ramp.Tests;

/// <summary>
/// What <c>pulumi stack output --json</c> prints after an update of a stack file, produced by running the stack
/// in-process on that file (the program's own outputs, not a list written by hand). What only the cloud knows is
/// filled in the way AWS and Kubernetes would: the mocks' resource ids, and the smoke Job's result, which the test
/// chooses (the Job completes or fails).
/// </summary>
public static class DeployedStack
{
    /// <summary>The outputs after <c>pulumi up</c> of <paramref name="path"/>'s text.</summary>
    public static async Task<StackOutputs> OutputsAfterUpAsync(string path, string stack, string text, bool smokeJobSucceeds = true)
    {
        var file = StackFile.Parse(path, stack, text);
        var run = await PreviewRun.RunAsync(PreviewConfig.FromStackFile(file)).ConfigureAwait(false);
        var json = new JsonObject();
        foreach (var (name, output) in run.Outputs)
        {
            if (output.IsKnown && output.Value is { } value)
            {
                json[name] = value.DeepClone();
            }
        }

        if (json[StackContract.Outputs.SmokeRelease] is not null && json[StackContract.Outputs.SmokePassed] is null)
        {
            json[StackContract.Outputs.SmokePassed] = smokeJobSucceeds; // the Job's Complete condition, read by the provider
        }

        return StackOutputs.Parse(json.ToJsonString());
    }
}
