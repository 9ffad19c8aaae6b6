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
        Assert.Equal("2", file.Config["bluegreen:ramp.step"]);
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
        Assert.Equal(["bluegreen:kubernetes.kubeconfig"], file.SecretKeys);
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

    [Theory]
    [InlineData("  bluegreen:ramp.stpe: 2\n", "Pulumi.prod.yaml:3: config key 'bluegreen:ramp.stpe' is not a key of this program; did you mean 'bluegreen:ramp.step'?")]
    [InlineData("  bluegren:ramp.step: 2\n", "Pulumi.prod.yaml:3: config key 'bluegren:ramp.step' is in the unknown namespace 'bluegren' (known: bluegreen, aws, kubernetes, random, pulumi); did you mean 'bluegreen:ramp.step'?")]
    [InlineData("  \"bluegreen:ramp.step \": 2\n", "Pulumi.prod.yaml:3: config key 'bluegreen:ramp.step ' is not a key of this program; remove the spaces around it: 'bluegreen:ramp.step'")]
    [InlineData("  bluegreen:notification.critical: []\n", "did you mean 'bluegreen:notifications.critical'?")]
    public void Unknown_keys_and_namespaces_are_errors_with_the_line_and_the_nearest_key(string line, string expected)
    {
        var text = "config:\n  bluegreen:environment: prod\n" + line;

        var error = Assert.Throws<StackFileException>(() => StackFile.Parse("Pulumi.prod.yaml", "prod", text));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[0, 1e309, 100]", "[0,\"1e309\",100]")]
    [InlineData("[-1e400]", "[\"-1e400\"]")]
    public void A_number_too_large_for_a_double_stays_text_for_the_keys_own_check(string list, string json)
    {
        var file = StackFile.Parse("Pulumi.prod.yaml", "prod", $"config:\n  bluegreen:ramp.schedule: {list}\n");

        Assert.Equal(json, file.Get("ramp.schedule"));
    }

    [Fact]
    public void A_directory_where_the_stack_file_should_be_is_named_as_such()
    {
        var dir = Directory.CreateTempSubdirectory();
        Directory.CreateDirectory(StackFile.PathOf(dir.FullName, "prod"));

        var error = Assert.Throws<StackFileException>(() => StackFile.Load(dir.FullName, "prod"));

        Assert.Contains("is a directory, not a stack file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bytes_that_are_not_utf8_survive_an_edit_of_another_line()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory().FullName, "Pulumi.prod.yaml");
        byte[] before = [.. "# caf"u8, 0xE9, .. "\nconfig:\n  bluegreen:ramp.step: 1\n"u8];
        File.WriteAllBytes(path, before);

        var text = StackFileText.Read(path);
        StackFileText.Write(path, text.Replace("ramp.step: 1", "ramp.step: 2", StringComparison.Ordinal));

        byte[] expected = [.. "# caf"u8, 0xE9, .. "\nconfig:\n  bluegreen:ramp.step: 2\n"u8];
        Assert.Equal(expected, File.ReadAllBytes(path));
    }

    [Fact]
    public void Utf8_text_and_its_byte_order_mark_are_kept()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory().FullName, "Pulumi.prod.yaml");
        byte[] before = [0xEF, 0xBB, 0xBF, .. "# café ✓\nconfig:\n  bluegreen:ramp.step: 1\n"u8];
        File.WriteAllBytes(path, before);

        StackFileText.Write(path, StackFileText.Read(path).Replace("step: 1", "step: 2", StringComparison.Ordinal));

        byte[] expected = [0xEF, 0xBB, 0xBF, .. "# café ✓\nconfig:\n  bluegreen:ramp.step: 2\n"u8];
        Assert.Equal(expected, File.ReadAllBytes(path));
    }

    [Fact]
    public void A_read_only_stack_file_is_refused_and_left_as_it_was()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory().FullName, "Pulumi.prod.yaml");
        File.WriteAllText(path, "config:\n  bluegreen:ramp.step: 1\n");
        new FileInfo(path).IsReadOnly = true;

        var error = Assert.Throws<StackFileException>(() => StackFileText.Write(path, "config:\n  bluegreen:ramp.step: 2\n"));

        Assert.Contains("cannot be written", error.Message, StringComparison.Ordinal);
        Assert.Contains("nothing was changed", error.Message, StringComparison.Ordinal);
        Assert.Equal("config:\n  bluegreen:ramp.step: 1\n", File.ReadAllText(path));
    }
}
