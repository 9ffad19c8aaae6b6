using System.Text.Json.Nodes;
using BlueGreen.Release;

namespace BlueGreen.Preview.Tests;

[Collection(PreviewRunCollection.Name)]
public sealed class PreviewRunTests
{
    private const string Kubeconfig = "apiVersion: v1\nusers:\n- name: ci\n  user:\n    token: s3cr3t-t0ken-value\n";

    [Fact]
    public async Task A_run_records_every_resource_with_its_urn_type_inputs_provider_and_parent()
    {
        var run = await PreviewRun.RunAsync(Repo.Root, "prod");

        var deployment = run.Resources.Single(r => r.Name == "shop-blue-deploy");
        Assert.Equal("kubernetes:apps/v1:Deployment", deployment.Type);
        Assert.Equal("urn:pulumi:prod::bluegreen::pulumi:pulumi:Stack$kubernetes:apps/v1:Deployment::shop-blue-deploy", deployment.Urn);
        Assert.Equal(run.Resources.Single(r => r.Name == "shop-blue").Urn, deployment.Parent);
        Assert.Equal(run.Resources.Single(r => r.Name == "shop-k8s").Urn, deployment.Provider);
        Assert.Equal("123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop:1.4.2",
            deployment.Inputs["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>());
        Assert.Null(run.Resources.Single(r => r.Name == "shop-ns").Parent);
        Assert.False(run.Resources.Single(r => r.Name == "shop-blue").IsCustom);
        Assert.Equal(run.Resources.Count, run.Resources.Select(r => r.Urn).Distinct().Count());
    }

    [Fact]
    public async Task Computed_outputs_are_deterministic_fakes_so_inputs_built_from_them_are_known()
    {
        var run = await PreviewRun.RunAsync(Repo.Root, "prod");
        var again = await PreviewRun.RunAsync(Repo.Root, "prod");

        var listener = run.Resources.Single(r => r.Name == "shop-edge-https");
        Assert.Equal("arn:aws:elasticloadbalancing:eu-west-1:123456789012:shop-edge-alb", listener.Inputs["loadBalancerArn"]!.GetValue<string>());
        Assert.Matches("^shop-blue-[0-9a-f]{8}$", run.Resources.Single(r => r.Name == "shop-blue-tg").Inputs["name"]!.GetValue<string>());
        Assert.True(PreviewDiff.Between(run, again).IsEmpty);
        Assert.StartsWith("https://shop-edge-alb-", run.Outputs["url"].Value!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_ramp_position_comes_from_the_stack_outputs_and_the_schedule()
    {
        var run = await PreviewRun.RunAsync(Repo.Root, "prod", Repo.AtStep(2, TimeSpan.FromHours(1)));

        Assert.Equal((2, 75, 25, Colour.Blue), (run.Ramp.Step, run.Ramp.BlueWeight, run.Ramp.GreenWeight, run.Ramp.Live));
        Assert.Equal([0, 5, 25, 50, 100], run.Ramp.Schedule);
        Assert.Equal((Colour.Green, 25), (run.Ramp.NewColour, run.Ramp.PercentToNew));
        Assert.Equal(2, run.Outputs["step"].Value!.GetValue<double>());
    }

    [Fact]
    public async Task A_secret_config_value_never_shows_in_clear_in_any_format()
    {
        var config = Repo.Config("prod");
        var secret = config.WithSecrets(new Dictionary<string, string> { [ConfigKeys.KubernetesKubeconfig] = Kubeconfig });
        var rotated = config.WithSecrets(new Dictionary<string, string> { [ConfigKeys.KubernetesKubeconfig] = Kubeconfig.Replace("s3cr3t", "n3w", StringComparison.Ordinal) });

        var diff = await PreviewDiff.RunAsync(secret, rotated);

        var provider = Assert.Single(diff.Changes);
        Assert.Equal("shop-k8s", provider.Resource.Name);
        Assert.Equal(PreviewValues.SecretMarker, provider.Resource.Inputs["kubeconfig"]!.GetValue<string>());
        Assert.Equal(("kubeconfig", "[secret]", "[secret]"), (provider.Diffs[0].Path, PreviewValues.Display(provider.Diffs[0].Old), PreviewValues.Display(provider.Diffs[0].New)));
        foreach (var format in Enum.GetValues<PreviewFormat>())
        {
            var text = PreviewReport.Render(diff, format);
            Assert.DoesNotContain("t0ken", text, StringComparison.Ordinal);
            Assert.DoesNotContain("users:", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_config_variables_are_restored_after_a_run()
    {
        Environment.SetEnvironmentVariable("PULUMI_CONFIG", "{\"x:y\":\"z\"}");
        try
        {
            await PreviewRun.RunAsync(Repo.Root, "staging");

            Assert.Equal("{\"x:y\":\"z\"}", Environment.GetEnvironmentVariable("PULUMI_CONFIG"));
            Assert.Null(Environment.GetEnvironmentVariable("PULUMI_CONFIG_SECRET_KEYS"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("PULUMI_CONFIG", null);
        }
    }

    [Fact]
    public async Task Runs_started_together_are_serialized_and_each_sees_its_own_config()
    {
        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(step =>
            Task.Run(() => PreviewRun.RunAsync(Repo.Root, "prod", Repo.AtStep(step, TimeSpan.FromHours(1))))));

        Assert.Equal([0, 1, 2, 3], runs.Select(r => r.Ramp.Step));
    }

    [Theory]
    [InlineData(ConfigKeys.AppName, "shopshopshop-15")]
    [InlineData(ConfigKeys.NotificationsCritical, """["oncall@example.com", "arn:aws:sns:eu-west-1:123456789012:pager"]""")]
    [InlineData(ConfigKeys.NotificationsWarning, """["arn:aws:sns:eu-west-1:123456789012:team"]""")]
    public async Task What_the_config_accepts_the_program_runs(string key, string value)
    {
        // The config's checks and the components' must agree: a value one accepts, the other must too.
        var run = await PreviewRun.RunAsync(Repo.Root, "prod", new Dictionary<string, string?> { [key] = value });

        Assert.NotEmpty(run.Resources);
    }

    [Fact]
    public async Task An_invalid_config_fails_with_every_problem_named()
    {
        var overrides = new Dictionary<string, string?> { [ConfigKeys.RampStep] = "9", [ConfigKeys.AppPort] = "70000" };

        var error = await Assert.ThrowsAsync<PreviewException>(() => PreviewRun.RunAsync(Repo.Root, "prod", overrides));

        Assert.Contains("bluegreen:ramp.step", error.Message, StringComparison.Ordinal);
        Assert.Contains("bluegreen:app.port", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Overrides_parse_from_key_value_text_and_bare_keys_are_bluegreen_keys()
    {
        var overrides = PreviewConfig.ParseOverrides(["ramp.step=2", "aws:region=us-east-1", "release.promotedAt="]);
        var config = Repo.Config("prod").With(overrides);

        Assert.Equal("2", config.Values["bluegreen:ramp.step"]);
        Assert.Equal("us-east-1", config.Values["aws:region"]);
        Assert.False(config.Values.ContainsKey("bluegreen:release.promotedAt"));
        Assert.Throws<FormatException>(() => PreviewConfig.ParseOverrides(["ramp.step"]));
    }

    [Fact]
    public async Task Secret_stack_outputs_show_masked()
    {
        // The image tags reach the blueRelease / greenRelease outputs: a secret tag must not show there.
        var config = Repo.Config("prod").WithSecrets(new Dictionary<string, string> { [ConfigKeys.GreenImageTag] = "9.9.9-rc1" });

        var run = await PreviewRun.RunAsync(config);

        Assert.True(run.Outputs["greenRelease"].IsSecret);
        Assert.Equal(JsonValue.Create(PreviewValues.SecretMarker).ToJsonString(), run.Outputs["greenRelease"].Value!.ToJsonString());
        Assert.False(run.Outputs["blueRelease"].IsSecret);
    }
}
