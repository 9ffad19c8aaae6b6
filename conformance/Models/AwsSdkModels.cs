using System.Text.Json;
using System.Text.Json.Nodes;

namespace BlueGreen.Conformance.Models;

/// <summary>
/// AWS's API models as the AWS SDK for JavaScript v2 publishes them (npm <c>aws-sdk</c>, pinned in
/// .ci/package.json and installed into .ci/node_modules by <c>npm ci</c>): <c>apis/&lt;name&gt;-&lt;apiVersion&gt;.min.json</c>,
/// the same model format as botocore's service-2.json but minified — documentation and constraints (enum,
/// pattern, min, max) stripped, shapes renamed and often inlined into members. The conformance stage's second
/// source, for operations newer than Debian's botocore; <see cref="ShapeValidator"/> reads inline shapes.
/// </summary>
public sealed class AwsSdkModels
{
    /// <summary>What a minified model lets the validator check, for the report.</summary>
    public const string Coverage = "members, types, required; no enum, pattern or length";

    private readonly Lazy<IReadOnlyList<(string File, JsonObject Metadata)>> _index;
    private readonly Dictionary<string, ServiceModel?> _loaded = new(StringComparer.Ordinal);

    public AwsSdkModels(string packageDir, string version)
    {
        ApisDir = Path.Combine(packageDir, "apis");
        Version = version;
        _index = new(() => Directory.Exists(ApisDir)
            ? [.. Directory.GetFiles(ApisDir, "*.min.json").Order(StringComparer.Ordinal).Select(f => (f, ReadMetadata(f)))]
            : []);
    }

    /// <summary>The folder of the min.json files.</summary>
    public string ApisDir { get; }

    /// <summary>The aws-sdk package's version (for the report).</summary>
    public string Version { get; }

    /// <summary>Where .ci/package.json's <c>npm ci</c> installs the package in a checkout.</summary>
    public static string PackageDir(string repoRoot) => Path.Combine(repoRoot, ".ci", "node_modules", "aws-sdk");

    /// <summary>The package installed under <paramref name="repoRoot"/>'s .ci/node_modules, or null with the reason.</summary>
    public static AwsSdkModels? FindInstalled(string repoRoot, out string? problem)
    {
        var dir = PackageDir(repoRoot);
        var manifest = Path.Combine(dir, "package.json");
        if (!File.Exists(manifest) || !Directory.Exists(Path.Combine(dir, "apis")))
        {
            problem = $"no aws-sdk models at {dir}: install them with 'npm ci --prefix .ci' (.ci/conformance does)";
            return null;
        }

        problem = null;
        var version = JsonNode.Parse(File.ReadAllText(manifest))?["version"]?.GetValue<string>() ?? "unknown";
        return new AwsSdkModels(dir, version);
    }

    /// <summary>
    /// The aws-sdk model of the service <paramref name="botocore"/> describes, newest API version, or null. The
    /// two name their files differently (botocore by client name, aws-sdk by its own identifier), so they are
    /// matched by metadata: the same <c>serviceId</c>, else the same <c>uid</c> service part, else the same
    /// <c>endpointPrefix</c> when only one service has it.
    /// </summary>
    public ServiceModel? For(ServiceModel botocore)
    {
        ArgumentNullException.ThrowIfNull(botocore);
        if (_loaded.TryGetValue(botocore.ClientName, out var cached))
        {
            return cached;
        }

        var file = Match(botocore.Metadata);
        var model = file is null
            ? null
            : new ServiceModel(botocore.ClientName, JsonNode.Parse(File.ReadAllText(file))?.AsObject() ?? [], $"aws-sdk {Version} minified model", minified: true, file: $"apis/{Path.GetFileName(file)}");
        _loaded[botocore.ClientName] = model;
        return model;
    }

    private string? Match(JsonObject wanted)
    {
        var index = _index.Value;
        string? Text(JsonObject m, string key) => m[key] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;
        IEnumerable<(string File, JsonObject Metadata)> By(Func<JsonObject, string?> of) =>
            of(wanted) is { } value ? index.Where(e => of(e.Metadata) == value) : [];

        var candidates = By(m => Text(m, "serviceId")).ToList();
        if (candidates.Count == 0)
        {
            candidates = [.. By(m => UidService(Text(m, "uid")))];
        }

        if (candidates.Count == 0)
        {
            var byPrefix = By(m => Text(m, "endpointPrefix")).ToList();
            candidates = byPrefix.Select(e => Text(e.Metadata, "serviceId")).Distinct().Count() == 1 ? byPrefix : [];
        }

        return candidates.OrderByDescending(e => Text(e.Metadata, "apiVersion"), StringComparer.Ordinal).Select(e => e.File).FirstOrDefault();
    }

    /// <summary><c>backup-2018-11-15</c> → <c>backup</c>.</summary>
    private static string? UidService(string? uid) =>
        uid is { Length: > 11 } && uid[^11] == '-' && DateOnly.TryParseExact(uid[^10..], "yyyy-MM-dd", out _) ? uid[..^11] : null;

    /// <summary>Only the top-level <c>metadata</c> object of a model file, without building the rest.</summary>
    private static JsonObject ReadMetadata(string file)
    {
        var reader = new Utf8JsonReader(File.ReadAllBytes(file));
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return [];
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            if (name == "metadata")
            {
                return JsonSerializer.Deserialize<JsonObject>(ref reader) ?? [];
            }

            reader.Skip();
        }

        return [];
    }
}
