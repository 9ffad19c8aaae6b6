using System.IO.Compression;
using System.Text;
using BlueGreen.Conformance.Models;

namespace BlueGreen.Conformance.Tests;

/// <summary>The model reader on botocore's layout (data/CLIENT/API-VERSION/service-2.json, gzip'd in newer
/// botocore releases): written here, so it runs without the package.</summary>
public sealed class AwsModelsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("botocore-data-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private void Write(string client, string version, string text, bool gzip)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_dir, client, version)).FullName;
        var bytes = Encoding.UTF8.GetBytes(text);
        if (!gzip)
        {
            File.WriteAllBytes(Path.Combine(folder, "service-2.json"), bytes);
            return;
        }

        using var file = File.Create(Path.Combine(folder, "service-2.json.gz"));
        using var zip = new GZipStream(file, CompressionLevel.Fastest);
        zip.Write(bytes);
    }

    private static string Model(string signingName, string operation) =>
        """{"metadata": {"signingName": "SIGN", "endpointPrefix": "ep-SIGN"}, "operations": {"OP": {"input": {"shape": "OPInput"}}}, "shapes": {"OPInput": {"type": "structure", "members": {}}}}"""
            .Replace("SIGN", signingName, StringComparison.Ordinal).Replace("OP", operation, StringComparison.Ordinal);

    [Fact]
    public void Plain_and_gzipped_models_load_the_newest_api_version_wins_and_iam_prefixes_resolve()
    {
        Write("monitoring-client", "2010-08-01", Model("monitoring", "PutMetricAlarm"), gzip: true);
        Write("plain", "2014-01-01", Model("old", "OldOperation"), gzip: false);
        Write("plain", "2020-01-01", Model("plain", "NewOperation"), gzip: false);
        Directory.CreateDirectory(Path.Combine(_dir, "not-a-service"));

        var models = new AwsModels(_dir, "test");

        Assert.Equal(["monitoring-client", "plain"], models.ClientNames);
        Assert.True(models.Service("monitoring-client")!.HasOperation("PutMetricAlarm"));
        Assert.True(models.Service("plain")!.HasOperation("NewOperation"));
        Assert.False(models.Service("plain")!.HasOperation("OldOperation"));
        Assert.Null(models.Service("elasticloadbalancingv2"));
        Assert.Equal(["monitoring-client"], models.ByIamPrefix("monitoring").Select(s => s.ClientName));
        Assert.Equal(["monitoring-client"], models.ByIamPrefix("monitoring-client").Select(s => s.ClientName));
        Assert.Equal(["plain"], models.ByIamPrefix("ep-plain").Select(s => s.ClientName));
    }
}
