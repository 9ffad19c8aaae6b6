using System.Text.Json.Nodes;
using BlueGreen.Conformance.Aws;
using BlueGreen.Conformance.Checks;
using BlueGreen.Conformance.Models;

namespace BlueGreen.Conformance.Tests;

/// <summary>
/// The second source of AWS's models: aws-sdk v2's min.json files, matched to botocore's services by metadata and
/// used only for an operation botocore's model lacks. First on models written here (botocore's layout,
/// data/CLIENT/VERSION/service-2.json, and aws-sdk's, apis/NAME-VERSION.min.json), then on the real package.
/// </summary>
public sealed class AwsSdkModelsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("aws-models-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private void Write(string relative, string text)
    {
        var file = Path.Combine(_dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, text);
    }

    /// <summary>A min.json-like model: each operation's input inline, one required string member Name.</summary>
    private static string Model(string metadata, params string[] operations) =>
        "{\"metadata\": {" + metadata + "}, \"operations\": {"
        + string.Join(", ", operations.Select(o => $"\"{o}\": " + """{"input": {"type": "structure", "required": ["Name"], "members": {"Name": {}}}}"""))
        + "}, \"shapes\": {}}";

    /// <summary>botocore's "things" client with CreateThing (its input by reference, with a length limit), and
    /// aws-sdk's two API versions of the same service under another file name, plus an unrelated one.</summary>
    private AwsModels Models(bool withFallback)
    {
        Write("botocore/things/2019-01-01/service-2.json", """
            {"metadata": {"serviceId": "Thing Store", "uid": "thingstore-2019-01-01", "endpointPrefix": "things", "apiVersion": "2019-01-01"},
             "operations": {"CreateThing": {"input": {"shape": "CreateThingInput"}}},
             "shapes": {"CreateThingInput": {"type": "structure", "required": ["Name"], "members": {"Name": {"shape": "Name"}}},
                        "Name": {"type": "string", "max": 3}}}
            """);
        Write("aws-sdk/package.json", """{"name": "aws-sdk", "version": "9.9.9"}""");
        Write("aws-sdk/apis/thingstore-2019-01-01.min.json", Model("\"serviceId\": \"Thing Store\", \"apiVersion\": \"2019-01-01\"", "CreateThing"));
        Write("aws-sdk/apis/thingstore-2024-06-01.min.json", Model("\"serviceId\": \"Thing Store\", \"apiVersion\": \"2024-06-01\"", "CreateThing", "CreateThingTest"));
        Write("aws-sdk/apis/other-2024-06-01.min.json", Model("\"serviceId\": \"Other\", \"endpointPrefix\": \"things-other\", \"apiVersion\": \"2024-06-01\"", "CreateThingTest", "OnlyOther"));
        return new AwsModels(Path.Combine(_dir, "botocore"), "1.0") { Fallback = withFallback ? new AwsSdkModels(Path.Combine(_dir, "aws-sdk"), "9.9.9") : null };
    }

    [Fact]
    public void Botocore_answers_for_every_operation_it_has_and_the_newest_aws_sdk_model_of_the_same_service_only_for_the_others()
    {
        var models = Models(withFallback: true);

        var botocore = models.ForOperation("things", "CreateThing")!;
        Assert.Equal("botocore 1.0", botocore.Source);
        Assert.False(botocore.Minified);

        var newer = models.ForOperation("things", "CreateThingTest")!;
        Assert.Equal(("aws-sdk 9.9.9 minified model", "apis/thingstore-2024-06-01.min.json", true), (newer.Source, newer.File, newer.Minified));

        Assert.Null(models.ForOperation("things", "OnlyOther"));
        Assert.Null(models.ForOperation("nothings", "CreateThing"));
        Assert.Null(Models(withFallback: false).ForOperation("things", "CreateThingTest"));
    }

    [Fact]
    public void A_request_is_validated_by_the_model_that_answers_and_says_when_that_is_the_minified_one()
    {
        var models = Models(withFallback: true);

        // botocore's constraint (max 3) holds for the operation it has, though aws-sdk's model of it has no limit.
        Assert.Equal(["things.CreateThing Name: 5 characters, more than the maximum 3"], AwsRequestCheck.Validate(models, new AwsRequest("things", "CreateThing", new JsonObject { ["Name"] = "abcde" })));
        Assert.Equal(
            ["things.CreateThingTest Name: required by CreateThingTestInput, missing (by aws-sdk 9.9.9 minified model)"],
            AwsRequestCheck.Validate(models, new AwsRequest("things", "CreateThingTest", new JsonObject())));
        Assert.Equal(
            ["things has no operation OnlyOther in botocore 1.0's model nor aws-sdk 9.9.9's"],
            AwsRequestCheck.Validate(models, new AwsRequest("things", "OnlyOther", new JsonObject())));
    }

    [Fact]
    public void Without_a_serviceId_the_uid_matches_and_an_endpoint_prefix_two_services_share_does_not()
    {
        Write("botocore/legacy/2015-01-01/service-2.json", """{"metadata": {"uid": "legacy-2015-01-01", "endpointPrefix": "shared"}, "operations": {}, "shapes": {}}""");
        Write("botocore/prefixed/2015-01-01/service-2.json", """{"metadata": {"endpointPrefix": "shared"}, "operations": {}, "shapes": {}}""");
        Write("aws-sdk/apis/legacyname-2020-01-01.min.json", Model("\"uid\": \"legacy-2020-01-01\", \"serviceId\": \"Legacy\", \"endpointPrefix\": \"shared\"", "NewLegacy"));
        Write("aws-sdk/apis/another-2020-01-01.min.json", Model("\"serviceId\": \"Another\", \"endpointPrefix\": \"shared\"", "NewLegacy"));
        var models = new AwsModels(Path.Combine(_dir, "botocore"), "1.0") { Fallback = new AwsSdkModels(Path.Combine(_dir, "aws-sdk"), "9.9.9") };

        Assert.Equal("apis/legacyname-2020-01-01.min.json", models.ForOperation("legacy", "NewLegacy")?.File);
        Assert.Null(models.ForOperation("prefixed", "NewLegacy"));
    }

    [Fact]
    public void The_package_is_found_under_the_checkout_or_its_absence_says_how_to_install_it()
    {
        Assert.Null(AwsSdkModels.FindInstalled(_dir, out var problem));
        Assert.Equal($"no aws-sdk models at {Path.Combine(_dir, ".ci", "node_modules", "aws-sdk")}: install them with 'npm ci --prefix .ci' (.ci/conformance does)", problem);

        Write(".ci/node_modules/aws-sdk/package.json", """{"version": "2.1693.0"}""");
        Write(".ci/node_modules/aws-sdk/apis/x-2020-01-01.min.json", "{}");
        Assert.Equal("2.1693.0", AwsSdkModels.FindInstalled(_dir, out _)?.Version);
    }

    [Fact]
    public void The_installed_package_is_the_version_package_json_pins_and_backup_maps_to_its_2018_11_15_model()
    {
        var awsSdk = Stacks.RequireAwsSdk();
        var pinned = JsonNode.Parse(File.ReadAllText(Path.Combine(Stacks.RepoRoot, ".ci", "package.json")))!["devDependencies"]!["aws-sdk"]!.GetValue<string>();
        Assert.Equal(pinned, awsSdk.Version);

        var models = Stacks.Models ?? throw new InvalidOperationException("botocore's models are not installed: apt-get install -y python3-botocore (.ci/run does)");

        // botocore 1.29.27 has AWS Backup's plans but predates restore testing (2023-11): those come from aws-sdk's
        // backup model (matched by serviceId "Backup"), until a newer botocore has them.
        var botocore = models.Service("backup")!;
        Assert.Same(botocore, models.ForOperation("backup", "CreateBackupPlan"));
        foreach (var operation in new[] { "CreateRestoreTestingPlan", "CreateRestoreTestingSelection", "UpdateRestoreTestingPlan", "UpdateRestoreTestingSelection" })
        {
            var answer = models.ForOperation("backup", operation);
            Assert.Equal(botocore.HasOperation(operation) ? null : "apis/backup-2018-11-15.min.json", answer?.File);
            Assert.NotNull(answer);
        }
    }
}
