using System.Collections.Immutable;
using BlueGreen.Components;
using BlueGreen.Release;
using Pulumi;
using Pulumi.Utilities;

namespace BlueGreen.Tests.Components;

/// <summary>A release's smoke-test or migration Job: what Kubernetes gets, and what it waits for.</summary>
public class ReleaseJobTests
{
    private static ReleaseJobArgs Args(
        ReleaseJobPurpose purpose = ReleaseJobPurpose.Smoke,
        string tag = "1.5.0",
        string image = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop:1.5.0",
        IReadOnlyList<string>? command = null,
        int timeout = 300,
        IReadOnlyList<Resource>? runAfter = null) => new()
        {
            AppName = "shop",
            Purpose = purpose,
            ReleaseTag = tag,
            Colour = Colour.Green,
            Namespace = "shop",
            Image = image,
            Command = command ?? ["/app/smoke-test", "--url", "$(TARGET_URL)"],
            TimeoutSeconds = timeout,
            Environment = new Dictionary<string, Input<string>> { ["TARGET_URL"] = "http://shop-green.shop.svc.cluster.local:80" },
            RunAfter = runAfter ?? [],
        };

    [Fact]
    public async Task The_job_runs_once_with_a_deadline_as_a_restricted_pod_and_gets_the_target_and_release()
    {
        var harness = new PulumiHarness();
        await harness.RunAsync(() => _ = new ReleaseJob("shop-smoke-1.5.0", Args(), harness.RecordingOptions()));

        var job = harness.Named("shop-smoke-1.5.0-job").Inputs;
        Assert.Equal("shop-smoke-1-5-0", job.At("metadata", "name"));
        Assert.Equal("shop", job.At("metadata", "namespace"));
        Assert.Equal(0.0, job.At("spec", "backoffLimit"));
        Assert.Equal(300.0, job.At("spec", "activeDeadlineSeconds"));
        Assert.Equal("Never", job.At("spec", "template", "spec", "restartPolicy"));
        Assert.Equal(false, job.At("spec", "template", "spec", "automountServiceAccountToken"));
        var container = job.Map("spec", "template", "spec", "containers", 0);
        Assert.Equal("123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop:1.5.0", container.At("image"));
        Assert.Equal(["/app/smoke-test", "--url", "$(TARGET_URL)"], container.List("command").Cast<string>());
        Assert.Equal(true, container.At("securityContext", "runAsNonRoot"));
        Assert.Equal(true, container.At("securityContext", "readOnlyRootFilesystem"));
        var env = container.List("env").Cast<ImmutableDictionary<string, object>>().ToDictionary(e => (string)e["name"], e => (string)e["value"]);
        Assert.Equal(new Dictionary<string, string> { ["RELEASE"] = "1.5.0", ["TARGET_URL"] = "http://shop-green.shop.svc.cluster.local:80" }, env);
        Assert.Equal("smoke", job.At("metadata", "labels", "release-step"));
    }

    [Fact]
    public async Task The_provider_waits_past_the_jobs_deadline_and_a_changed_job_is_replaced_not_patched()
    {
        var harness = new PulumiHarness();
        await harness.RunAsync(() => _ = new ReleaseJob("shop-migrate-1.5.0", Args(ReleaseJobPurpose.Migration, timeout: 1800), harness.RecordingOptions()));

        var options = (CustomResourceOptions)harness.OptionsOf("shop-migrate-1.5.0-job");
        Assert.Equal(TimeSpan.FromMinutes(35), options.CustomTimeouts!.Create);
        Assert.Equal(["spec"], options.ReplaceOnChanges);
        Assert.True(options.DeleteBeforeReplace);
        Assert.Equal("shop-migrate-1-5-0", harness.Named("shop-migrate-1.5.0-job").Inputs.At("metadata", "name"));
    }

    [Fact]
    public async Task The_job_waits_for_what_it_must_run_after()
    {
        var harness = new PulumiHarness();
        await harness.RunAsync(() =>
        {
            var snapshot = PulumiHarness.Dependency("snapshot");
            _ = new ReleaseJob("shop-migrate-1.5.0", Args(ReleaseJobPurpose.Migration, runAfter: [snapshot]), harness.RecordingOptions());
        });

        var dependsOn = await OutputUtilities.GetValueAsync(harness.OptionsOf("shop-migrate-1.5.0-job").DependsOn.ToOutput());
        Assert.Equal(["snapshot"], dependsOn.Select(r => r.GetResourceName()));
    }

    [Theory]
    [InlineData("1.5.0", "shop-smoke-1-5-0")]
    [InlineData("v2_RC.1", "shop-smoke-v2-rc-1")]
    [InlineData("_build", "shop-smoke-build")]
    public void Job_names_are_dns_labels_named_after_the_release(string tag, string name) =>
        Assert.Equal(name, KubernetesNames.ReleaseJobName("shop", "smoke", tag));

    [Fact]
    public void A_long_tag_is_cut_to_63_characters_with_a_hash_so_two_releases_never_share_a_job()
    {
        var first = KubernetesNames.ReleaseJobName("shop", "migrate", "2025.06.10-" + new string('a', 100));
        var second = KubernetesNames.ReleaseJobName("shop", "migrate", "2025.06.10-" + new string('a', 99) + "b");

        Assert.Equal(63, first.Length);
        Assert.NotEqual(first, second);
        Assert.Matches("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", first);
    }

    [Theory]
    [InlineData("sHop")]
    [InlineData("shop_1")]
    [InlineData("1shop")]
    public void An_app_name_that_is_not_a_dns_label_cannot_name_a_job(string app) =>
        Assert.Throws<ArgumentException>(() => KubernetesNames.ReleaseJobName(app, "smoke", "1.5.0"));

    public static TheoryData<string, ReleaseJobArgs> BadArgs => new()
    {
        { "Image", Args(image: "shop") },
        { "Image", Args(image: "shop:latest tag") },
        { "Command", Args(command: []) },
        { "TimeoutSeconds", Args(timeout: 10) },
        { "releaseTag", Args(tag: "...") },
    };

    [Theory]
    [MemberData(nameof(BadArgs))]
    public void Arguments_kubernetes_would_refuse_are_rejected_naming_the_argument(string argument, ReleaseJobArgs args)
    {
        var error = Assert.Throws<ArgumentException>(() => args.Validate());

        Assert.Equal(argument, error.ParamName);
    }
}
