using System.IO.Compression;
using System.Text.Json.Nodes;

namespace BlueGreen.Conformance.Models;

/// <summary>
/// AWS's published API models as botocore ships them (Debian's <c>python3-botocore</c>): one folder per client
/// name (<c>elbv2</c>, <c>cloudwatch</c>), one folder per API version, <c>service-2.json</c> (plain, or
/// <c>service-2.json.gz</c> in newer botocore). Loaded lazily, newest API version of each service.
/// </summary>
public sealed class AwsModels
{
    /// <summary>Where Debian installs the models.</summary>
    public const string DebianDataDir = "/usr/lib/python3/dist-packages/botocore/data";

    private readonly Dictionary<string, ServiceModel?> _loaded = new(StringComparer.Ordinal);

    public AwsModels(string dataDir, string version)
    {
        DataDir = dataDir;
        Version = version;
        ClientNames = Directory.Exists(dataDir)
            ? [.. Directory.GetDirectories(dataDir).Where(d => Directory.GetDirectories(d).Any(v => ServiceFile(v) is not null)).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)]
            : [];
    }

    public string DataDir { get; }

    /// <summary>The botocore version the models come from (for the report).</summary>
    public string Version { get; }

    /// <summary>Every client name (the data folder's names, as boto3 and SSM's aws:executeAwsApi know them).</summary>
    public IReadOnlyList<string> ClientNames { get; }

    /// <summary>The Debian models, or null with the reason when they are not installed.</summary>
    public static AwsModels? FindInstalled(out string? problem)
    {
        var dir = Environment.GetEnvironmentVariable("BOTOCORE_DATA") is { Length: > 0 } custom ? custom : DebianDataDir;
        if (!Directory.Exists(dir))
        {
            problem = $"no botocore models at {dir}: install them with 'apt-get install -y python3-botocore' (or set BOTOCORE_DATA)";
            return null;
        }

        var version = File.Exists(Path.Combine(dir, "..", "__init__.py"))
            ? File.ReadLines(Path.Combine(dir, "..", "__init__.py")).FirstOrDefault(l => l.StartsWith("__version__", StringComparison.Ordinal))?.Split('\'', '"')[1] ?? "unknown"
            : "unknown";
        problem = null;
        return new AwsModels(dir, version);
    }

    /// <summary>The model of a client name, or null when there is no such client.</summary>
    public ServiceModel? Service(string clientName)
    {
        if (_loaded.TryGetValue(clientName, out var cached))
        {
            return cached;
        }

        var dir = Path.Combine(DataDir, clientName);
        var file = Directory.Exists(dir)
            ? Directory.GetDirectories(dir).OrderDescending(StringComparer.Ordinal).Select(ServiceFile).FirstOrDefault(f => f is not null)
            : null;
        var model = file is null ? null : new ServiceModel(clientName, Read(file), $"botocore {Version}");
        _loaded[clientName] = model;
        return model;
    }

    /// <summary>The second source, for operations botocore's model lacks (null: none).</summary>
    public AwsSdkModels? Fallback { get; init; }

    /// <summary>
    /// The model that describes <paramref name="operation"/> of the client <paramref name="clientName"/>: botocore's
    /// whenever it has the operation (the primary source, with every constraint), else the fallback's model of the
    /// same service when that has it, else null.
    /// </summary>
    public ServiceModel? ForOperation(string clientName, string operation)
    {
        var service = Service(clientName);
        if (service is null || service.HasOperation(operation))
        {
            return service;
        }

        return Fallback?.For(service) is { } newer && newer.HasOperation(operation) ? newer : null;
    }

    /// <summary>Every operation name of a service: botocore's, and the fallback's for the same service (IAM actions
    /// and SSM's aws:executeAwsApi know the operations AWS has now, not the ones an older botocore knew).</summary>
    public IEnumerable<string> OperationNames(ServiceModel service)
    {
        ArgumentNullException.ThrowIfNull(service);
        var newer = Fallback?.For(service)?.Operations.Select(o => o.Key) ?? [];
        return service.Operations.Select(o => o.Key).Union(newer, StringComparer.Ordinal);
    }

    /// <summary>The services whose IAM action prefix is <paramref name="prefix"/>: the signing name, else the
    /// endpoint prefix, of the model; the client name too (CloudWatch signs as <c>monitoring</c>, its IAM
    /// prefix is <c>cloudwatch</c>, its client name).</summary>
    public IEnumerable<ServiceModel> ByIamPrefix(string prefix) =>
        ClientNames.Select(Service).OfType<ServiceModel>().Where(s => s.IamPrefixes.Contains(prefix, StringComparer.OrdinalIgnoreCase));

    private static string? ServiceFile(string versionDir) =>
        new[] { "service-2.json", "service-2.json.gz" }.Select(f => Path.Combine(versionDir, f)).FirstOrDefault(File.Exists);

    private static JsonObject Read(string file)
    {
        using var stream = File.OpenRead(file);
        using var text = file.EndsWith(".gz", StringComparison.Ordinal) ? (Stream)new GZipStream(stream, CompressionMode.Decompress) : stream;
        return JsonNode.Parse(text)?.AsObject() ?? throw new InvalidDataException($"{file} is not a JSON object");
    }
}

/// <summary>One service's model: its metadata, operations and shapes.</summary>
/// <param name="clientName">The botocore client name (for an aws-sdk model, that of the botocore service it matches).</param>
/// <param name="model">The parsed model file.</param>
/// <param name="source">Where it comes from, for the report (<c>botocore 1.29.27</c>).</param>
/// <param name="file">Its file, for the report, when it is not botocore's (<c>apis/backup-2018-11-15.min.json</c>).</param>
/// <param name="minified">An aws-sdk min.json: no constraints, shapes inline (see <see cref="AwsSdkModels"/>).</param>
public sealed class ServiceModel(string clientName, JsonObject model, string source = "botocore", bool minified = false, string? file = null)
{
    public string ClientName { get; } = clientName;

    public string Source { get; } = source;

    public bool Minified { get; } = minified;

    public string? File { get; } = file;

    public JsonObject Metadata { get; } = model["metadata"]?.AsObject() ?? [];

    public JsonObject Operations { get; } = model["operations"]?.AsObject() ?? [];

    public JsonObject Shapes { get; } = model["shapes"]?.AsObject() ?? [];

    public IReadOnlyList<string> IamPrefixes =>
        [.. new[] { Metadata["signingName"]?.GetValue<string>(), Metadata["endpointPrefix"]?.GetValue<string>(), ClientName }.OfType<string>().Distinct()];

    public bool HasOperation(string name) => Operations.ContainsKey(name);

    /// <summary>An operation's input: a reference (<c>{"shape": name}</c>) in botocore, often the shape itself inline in
    /// aws-sdk's minified models; null when the operation has no input.</summary>
    public JsonObject? Input(string operation) => Operations[operation]?["input"] as JsonObject;

    /// <summary>The members of an operation's input shape, referenced or inline; null when it has no input.</summary>
    public JsonObject? InputMembers(string operation) =>
        (Input(operation) is { } input && input["shape"]?.GetValue<string>() is { } name ? Shape(name) : Input(operation))?["members"] as JsonObject;

    public JsonObject? Shape(string name) => Shapes[name] as JsonObject;
}
