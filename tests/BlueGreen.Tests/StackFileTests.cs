using BlueGreen.Release.StackFiles;

namespace BlueGreen.Tests;

/// <summary>Stack files reach the program the way the Pulumi CLI hands them over.</summary>
public class StackFileTests
{
    [Fact]
    public void Scalars_stay_text_and_lists_become_json_with_typed_scalars()
    {
        var file = StackFile.Parse("Pulumi.prod.yaml", "prod", """
            config:
              bluegreen:ramp.step: 2
              bluegreen:blue.imageTag: "1.4.2"
              bluegreen:ramp.schedule: [0, 5, 25, 50, 100]
              bluegreen:ramp.bake: ["30m", "1h"]
              aws:region: eu-west-1
            """);

        Assert.Equal("2", file.Get("ramp.step"));
        Assert.Equal("1.4.2", file.Get("blue.imageTag"));
        Assert.Equal("[0,5,25,50,100]", file.Get("ramp.schedule"));
        Assert.Equal("[\"30m\",\"1h\"]", file.Get("ramp.bake"));
        Assert.Equal("eu-west-1", file.Get("region", "aws"));
        Assert.Contains("\"bluegreen:ramp.step\":\"2\"", file.ToPulumiConfigJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void Secure_values_are_marked_secret_and_never_decrypted()
    {
        var file = StackFile.Parse("Pulumi.prod.yaml", "prod", """
            config:
              bluegreen:kubernetes.kubeconfig:
                secure: AAABAGc2ZXhhbXBsZQ==
            """);

        Assert.Equal(StackFile.SecretPlaceholder, file.Get("kubernetes.kubeconfig"));
        Assert.Equal("[\"bluegreen:kubernetes.kubeconfig\"]", file.ToSecretKeysJson());
    }

    [Theory]
    [InlineData("config:\n  bluegreen:ramp.step: 0\n  bluegreen:ramp.schedule: [0, 5\n  bluegreen:app.name: shop\n", "Pulumi.prod.yaml:3: not valid YAML")]
    [InlineData("config:\n  ramp.step: 2\n", "has no namespace")]
    [InlineData("config: [1, 2]\n", "must be a map")]
    public void Malformed_files_are_reported_with_the_file_name(string text, string problem)
    {
        var error = Assert.Throws<StackFileException>(() => StackFile.Parse("Pulumi.prod.yaml", "prod", text));

        Assert.StartsWith("Pulumi.prod.yaml:", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_stack_file_is_named()
    {
        var error = Assert.Throws<StackFileException>(() => StackFile.Load(Path.GetTempPath(), "no-such-stack"));

        Assert.Contains("Pulumi.no-such-stack.yaml", error.Message, StringComparison.Ordinal);
    }
}
