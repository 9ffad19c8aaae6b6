using System.IO.Compression;
using System.Text.Json;

namespace BlueGreen.Tests.Components;

/// <summary>
/// AWS's published API models as botocore ships them (Debian/Ubuntu package <c>python3-botocore</c>):
/// <c>/usr/lib/python3/dist-packages/botocore/data/&lt;client name&gt;/&lt;api version&gt;/service-2.json[.gz]</c>. The client
/// name is what boto3 (and so <c>aws:executeAwsApi</c>'s <c>Service</c>) takes: <c>elbv2</c>, <c>ssm</c>, <c>sns</c>.
/// </summary>
public static class BotocoreModels
{
    /// <summary>Where the models are; <c>BOTOCORE_DATA</c> overrides it.</summary>
    public static string DataDirectory =>
        Environment.GetEnvironmentVariable("BOTOCORE_DATA") is { Length: > 0 } custom ? custom : "/usr/lib/python3/dist-packages/botocore/data";

    /// <summary>Fails with what to install when the models are not there: a contract test never passes without its contract.</summary>
    public static void RequireInstalled() => Assert.True(
        Directory.Exists(DataDirectory),
        $"AWS's API models are missing ({DataDirectory}): install them with 'apt-get update && apt-get install -y python3-botocore' " +
        "(the Debian package python3-botocore), or point BOTOCORE_DATA at botocore's data directory. .ci/run installs them.");

    /// <summary>Whether botocore has a client of this name.</summary>
    public static bool HasService(string client) => Directory.Exists(Path.Combine(DataDirectory, client));

    private static readonly Dictionary<string, JsonDocument> Cache = [];

    /// <summary>The newest API version's model of a client.</summary>
    public static JsonElement Service(string client)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(client, out var model))
            {
                var version = Directory.GetDirectories(Path.Combine(DataDirectory, client))
                    .Where(d => File.Exists(Path.Combine(d, "service-2.json")) || File.Exists(Path.Combine(d, "service-2.json.gz")))
                    .Order(StringComparer.Ordinal).Last();
                var plain = Path.Combine(version, "service-2.json");
                using var stream = File.Exists(plain) ? File.OpenRead(plain) : (Stream)new GZipStream(File.OpenRead(plain + ".gz"), CompressionMode.Decompress);
                model = JsonDocument.Parse(stream);
                Cache[client] = model;
            }

            return model.RootElement;
        }
    }

    /// <summary>Every client name botocore has.</summary>
    public static IEnumerable<string> Clients => Directory.GetDirectories(DataDirectory).Select(Path.GetFileName).OfType<string>()
        .Where(c => !c.StartsWith('_') && Directory.GetDirectories(Path.Combine(DataDirectory, c)).Length > 0);

    /// <summary>The IAM prefix of a service's actions: its SigV4 signing name, else its endpoint prefix.</summary>
    public static string IamPrefix(JsonElement model)
    {
        var metadata = model.GetProperty("metadata");
        return metadata.TryGetProperty("signingName", out var signing) ? signing.GetString()! : metadata.GetProperty("endpointPrefix").GetString()!;
    }

    /// <summary>Every problem of <paramref name="value"/> against the shape <paramref name="shapeName"/> (empty when it validates).</summary>
    public static List<string> Validate(JsonElement model, string shapeName, JsonElement value, string path)
    {
        var problems = new List<string>();
        var shape = model.GetProperty("shapes").GetProperty(shapeName);
        var type = shape.GetProperty("type").GetString();
        var templated = value.ValueKind == JsonValueKind.String && value.GetString()!.Contains("{{", StringComparison.Ordinal);
        switch (type)
        {
            case "structure" when value.ValueKind == JsonValueKind.Object:
                var members = shape.GetProperty("members");
                foreach (var property in value.EnumerateObject())
                {
                    if (!members.TryGetProperty(property.Name, out var member))
                    {
                        problems.Add($"{path}.{property.Name}: not a member of {shapeName} (members: {string.Join(", ", members.EnumerateObject().Select(m => m.Name))})");
                        continue;
                    }

                    problems.AddRange(Validate(model, member.GetProperty("shape").GetString()!, property.Value, $"{path}.{property.Name}"));
                }

                if (shape.TryGetProperty("required", out var required))
                {
                    problems.AddRange(required.EnumerateArray().Select(r => r.GetString()!)
                        .Where(r => !value.TryGetProperty(r, out _)).Select(r => $"{path}: required member {r} of {shapeName} is missing"));
                }

                break;
            case "list" when value.ValueKind == JsonValueKind.Array:
                var items = value.GetArrayLength();
                if ((shape.TryGetProperty("min", out var minItems) && items < minItems.GetInt32()) || (shape.TryGetProperty("max", out var maxItems) && items > maxItems.GetInt32()))
                {
                    problems.Add($"{path}: {items} items is outside {shapeName}'s bounds");
                }

                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    problems.AddRange(Validate(model, shape.GetProperty("member").GetProperty("shape").GetString()!, item, $"{path}[{index++}]"));
                }

                break;
            case "string" when value.ValueKind == JsonValueKind.String:
                var text = value.GetString()!;
                if (!templated && shape.TryGetProperty("enum", out var values) && !values.EnumerateArray().Any(v => v.GetString() == text))
                {
                    problems.Add($"{path}: '{text}' is not one of {shapeName}'s values");
                }

                if (!templated && ((shape.TryGetProperty("min", out var min) && text.Length < min.GetInt32()) || (shape.TryGetProperty("max", out var max) && text.Length > max.GetInt32())))
                {
                    problems.Add($"{path}: {text.Length} characters is outside {shapeName}'s length bounds");
                }

                break;
            case "integer" or "long" when value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number):
                if ((shape.TryGetProperty("min", out var low) && number < low.GetInt64()) || (shape.TryGetProperty("max", out var high) && number > high.GetInt64()))
                {
                    problems.Add($"{path}: {number} is outside {shapeName}'s bounds");
                }

                break;
            case "boolean" when value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                break;
            case "integer" or "long" or "boolean" or "string" when templated:
                break; // an Automation parameter, substituted at run time
            default:
                problems.Add($"{path}: a JSON {value.ValueKind} where {shapeName} is a {type}");
                break;
        }

        return problems;
    }
}
