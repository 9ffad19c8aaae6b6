using System.Text.Json.Nodes;

namespace BlueGreen.Ramp.Tests;

/// <summary>
/// A <c>pulumi stack export</c> as the CLI prints it (pulumi/pulumi sdk/go/common/apitype/core.go: UntypedDeployment
/// with a DeploymentV3; each ResourceV3 has urn, custom, id, type, outputs, and initErrors when its last update failed),
/// holding smoke Jobs whose outputs are the Kubernetes object as the provider read it.
/// </summary>
internal static class LiveStateExport
{
    /// <summary>A smoke Job of <paramref name="release"/>: its labels, and Complete / Failed conditions as Kubernetes sets them.</summary>
    public static JsonObject SmokeJob(string release, bool complete, bool failed = false, string? name = null)
    {
        var job = name ?? $"shop-smoke-{release.Replace('.', '-')}";
        var conditions = new JsonArray();
        if (complete)
        {
            conditions.Add(new JsonObject { ["type"] = "Complete", ["status"] = "True", ["lastTransitionTime"] = "2026-11-20T10:00:00Z" });
        }

        if (failed)
        {
            conditions.Add(new JsonObject { ["type"] = "Failed", ["status"] = "True", ["reason"] = "BackoffLimitExceeded", ["message"] = "Job has reached the specified backoff limit" });
        }

        var resource = new JsonObject
        {
            ["urn"] = $"urn:pulumi:prod::bluegreen::bluegreen:k8s:ReleaseJob$kubernetes:batch/v1:Job::shop-smoke-{release}-job",
            ["custom"] = true,
            ["id"] = $"shop/{job}",
            ["type"] = "kubernetes:batch/v1:Job",
            ["outputs"] = new JsonObject
            {
                ["apiVersion"] = "batch/v1",
                ["kind"] = "Job",
                ["metadata"] = new JsonObject
                {
                    ["name"] = job,
                    ["namespace"] = "shop",
                    ["labels"] = new JsonObject { ["app"] = "shop", ["release-step"] = "smoke", ["release"] = release, ["managed-by"] = "pulumi-bluegreen" },
                },
                ["status"] = new JsonObject { ["conditions"] = conditions, ["startTime"] = "2026-11-20T09:58:00Z" },
            },
        };
        if (failed)
        {
            resource["initErrors"] = new JsonArray($"Job '{job}' failed: [BackoffLimitExceeded] Job has reached the specified backoff limit");
        }

        return resource;
    }

    /// <summary>The export holding <paramref name="resources"/>.</summary>
    public static string Of(params JsonObject[] resources) => new JsonObject
    {
        ["version"] = 3,
        ["deployment"] = new JsonObject
        {
            ["manifest"] = new JsonObject { ["time"] = "2026-11-20T10:00:00Z", ["magic"] = "", ["version"] = "v3.200.0" },
            ["resources"] = new JsonArray([.. resources]),
        },
    }.ToJsonString();
}
