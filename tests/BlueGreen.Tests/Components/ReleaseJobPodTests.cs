using System.Collections.Immutable;
using BlueGreen.Components;
using BlueGreen.Release;
using Moq;
using Pulumi;
using Pulumi.Testing;
using Pulumi.Utilities;

namespace BlueGreen.Tests.Components;

/// <summary>A release Job's pods as real as the colour's, selected by nothing of the colour, and its result read from the Job.</summary>
public class ReleaseJobPodTests
{
    private static ReleaseJobArgs Args(ReleaseJobPurpose purpose = ReleaseJobPurpose.Smoke, JobPodSettings? pods = null, bool replace = false, string tag = "1.5.0") => new()
    {
        AppName = "shop",
        Purpose = purpose,
        ReleaseTag = tag,
        Colour = Colour.Green,
        Namespace = "shop",
        Image = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop:1.5.0",
        Command = ["/app/run"],
        TimeoutSeconds = 300,
        Pods = pods ?? JobPodSettings.Default,
        ReplaceWhenNotReady = replace,
    };

    private static async Task<ImmutableDictionary<string, object>> JobInputsAsync(ReleaseJobArgs args)
    {
        var harness = new PulumiHarness();
        await harness.RunAsync(() => _ = new ReleaseJob("job", args, harness.RecordingOptions()));
        return harness.Named("job-job").Inputs;
    }

    [Fact]
    public async Task The_pods_carry_labels_of_their_own_and_never_the_colour_selector()
    {
        var job = await JobInputsAsync(Args());

        var podLabels = job.Map("spec", "template", "metadata", "labels");
        Assert.Equal(new Dictionary<string, object> { ["app"] = "shop", ["release-step"] = "smoke", ["release"] = "1.5.0", ["managed-by"] = "pulumi-bluegreen" }, podLabels);
        // The colour's Service, PodDisruptionBudget and binding select app + colour: a pod without colour matches none.
        Assert.DoesNotContain("colour", podLabels.Keys);
    }

    [Fact]
    public async Task A_tag_that_is_no_label_value_is_named_in_an_annotation_instead()
    {
        var job = await JobInputsAsync(Args(tag: "_build.7"));

        Assert.Null(job.At("metadata", "labels", "release"));
        Assert.Equal("_build.7", job.At("metadata", "annotations", ReleaseJob.ReleaseAnnotation));
    }

    [Fact]
    public async Task The_pods_get_a_writable_tmp_requests_and_limits_and_no_token_by_default()
    {
        var job = await JobInputsAsync(Args());

        var pod = job.Map("spec", "template", "spec");
        var container = job.Map("spec", "template", "spec", "containers", 0);
        Assert.Equal(true, container.At("securityContext", "readOnlyRootFilesystem"));
        Assert.Equal("/tmp", container.At("volumeMounts", 0, "mountPath"));
        Assert.Equal(container.At("volumeMounts", 0, "name"), pod.At("volumes", 0, "name"));
        Assert.NotNull(pod.At("volumes", 0, "emptyDir"));
        Assert.Equal(("250m", "256Mi", "1", "512Mi"), ((string)container.At("resources", "requests", "cpu")!, (string)container.At("resources", "requests", "memory")!, (string)container.At("resources", "limits", "cpu")!, (string)container.At("resources", "limits", "memory")!));
        Assert.Equal(false, pod.At("automountServiceAccountToken"));
        Assert.Null(pod.At("serviceAccountName"));
        Assert.Null(container.At("envFrom", 0));
    }

    [Fact]
    public async Task A_service_account_and_a_secret_reach_the_pod()
    {
        var job = await JobInputsAsync(Args(pods: JobPodSettings.Default with { ServiceAccount = "shop-jobs", Secret = "shop-db" }));

        var pod = job.Map("spec", "template", "spec");
        Assert.Equal("shop-jobs", pod.At("serviceAccountName"));
        Assert.Equal(true, pod.At("automountServiceAccountToken"));
        Assert.Equal("shop-db", pod.At("containers", 0, "envFrom", 0, "secretRef", "name"));
    }

    [Fact]
    public async Task Only_the_smoke_test_is_replaced_when_not_ready_and_a_migration_never()
    {
        var smoke = await JobInputsAsync(Args(replace: true));
        Assert.Equal("true", smoke.At("metadata", "annotations", ReleaseJob.ReplaceUnreadyAnnotation));

        var migration = await JobInputsAsync(Args(ReleaseJobPurpose.Migration));
        Assert.Null(migration.At("metadata", "annotations", ReleaseJob.ReplaceUnreadyAnnotation));

        var error = Assert.Throws<ArgumentException>(() => Args(ReleaseJobPurpose.Migration, replace: true).Validate());
        Assert.Equal(nameof(ReleaseJobArgs.ReplaceWhenNotReady), error.ParamName);
    }

    [Theory]
    [InlineData("Complete", true, false)]
    [InlineData("Failed", false, true)]
    [InlineData(null, false, false)]
    public async Task The_result_is_the_jobs_own_condition_and_label(string? condition, bool complete, bool failed)
    {
        // What the provider returns for a Job: the object as Kubernetes has it, with status.conditions.
        var mocks = new Mock<IMocks>();
        mocks.Setup(m => m.NewResourceAsync(It.IsAny<MockResourceArgs>())).ReturnsAsync((MockResourceArgs a) =>
        {
            var state = a.Inputs;
            if (a.Type == "kubernetes:batch/v1:Job" && condition is not null)
            {
                state = state.SetItem("status", ImmutableDictionary<string, object>.Empty.Add("conditions", ImmutableArray.Create<object>(
                    ImmutableDictionary<string, object>.Empty.Add("type", condition).Add("status", "True"))));
            }

            return (a.Name + "_id", (object)state);
        });
        ReleaseJob? job = null;
        await Deployment.TestAsync(mocks.Object, new TestOptions { IsPreview = false }, () => job = new ReleaseJob("job", Args()));

        Assert.Equal(complete, await OutputUtilities.GetValueAsync(job!.Complete));
        Assert.Equal(failed, await OutputUtilities.GetValueAsync(job.Failed));
        Assert.Equal("1.5.0", await OutputUtilities.GetValueAsync(job.RanRelease));
    }

    [Fact]
    public void Pods_settings_kubernetes_would_refuse_are_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => Args(pods: JobPodSettings.Default with { MemoryLimit = "lots" }).Validate());
        Assert.Equal(nameof(ReleaseJobArgs.Pods), error.ParamName);
    }
}
