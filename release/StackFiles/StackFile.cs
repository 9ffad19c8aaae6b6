using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace BlueGreen.Release.StackFiles;

/// <summary>A stack file (<c>Pulumi.&lt;stack&gt;.yaml</c>) that could not be read: names the file and line.</summary>
public sealed class StackFileException(string path, long line, string problem)
    : Exception(line > 0 ? $"{path}:{line}: {problem}" : $"{path}: {problem}")
{
    public string Path { get; } = path;

    public long Line { get; } = line;
}

/// <summary>
/// The <c>config:</c> of a Pulumi stack file, the way the Pulumi CLI hands it to a program:
/// "namespace:key" to text, structured values (lists, maps) as JSON text, secure values marked secret.
/// </summary>
public sealed class StackFile
{
    /// <summary>What a secure value reads as offline: the ciphertext is never decrypted here.</summary>
    public const string SecretPlaceholder = "[secret]";

    private StackFile(string path, string stackName, IReadOnlyDictionary<string, string> config, IReadOnlySet<string> secretKeys)
    {
        Path = path;
        StackName = stackName;
        Config = config;
        SecretKeys = secretKeys;
    }

    public string Path { get; }

    public string StackName { get; }

    /// <summary>Every config value by full key ("bluegreen:ramp.step").</summary>
    public IReadOnlyDictionary<string, string> Config { get; }

    /// <summary>The full keys whose values are secure (encrypted) in the file.</summary>
    public IReadOnlySet<string> SecretKeys { get; }

    /// <summary>The file of <paramref name="stackName"/> in <paramref name="directory"/>.</summary>
    public static string PathOf(string directory, string stackName) => System.IO.Path.Combine(directory, $"Pulumi.{stackName}.yaml");

    public static StackFile Load(string directory, string stackName) => Parse(PathOf(directory, stackName), stackName, StackFileText.Read(PathOf(directory, stackName)));

    /// <summary>Reads stack file text; <paramref name="path"/> only names it in errors.</summary>
    public static StackFile Parse(string path, string stackName, string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new StackFileException(path, e.Start.Line, $"not valid YAML: {e.InnerException?.Message ?? e.Message}");
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet reports some unterminated structures (an unclosed '[') this way, without a position.
            throw new StackFileException(path, LastGoodLine(text), $"not valid YAML: {e.Message} (an unclosed [ ], {{ }} or quote?)");
        }

        var config = new Dictionary<string, string>(StringComparer.Ordinal);
        var secrets = new HashSet<string>(StringComparer.Ordinal);
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            return new StackFile(path, stackName, config, secrets);
        }

        if (!root.Children.TryGetValue(new YamlScalarNode("config"), out var configNode) || configNode is YamlScalarNode { Value: null or "" })
        {
            return new StackFile(path, stackName, config, secrets);
        }

        if (configNode is not YamlMappingNode entries)
        {
            throw new StackFileException(path, configNode.Start.Line, "'config' must be a map of \"namespace:key\": value");
        }

        foreach (var (keyNode, valueNode) in entries.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            if (!key.Contains(':', StringComparison.Ordinal))
            {
                throw new StackFileException(path, keyNode.Start.Line, $"config key '{key}' has no namespace; write it as 'bluegreen:{key}'");
            }

            if (KnownKeys.ProblemOf(key) is { } unknown)
            {
                throw new StackFileException(path, keyNode.Start.Line, unknown);
            }

            if (valueNode is YamlMappingNode secure && secure.Children.Count == 1
                && secure.Children.ContainsKey(new YamlScalarNode("secure")))
            {
                secrets.Add(key);
                config[key] = SecretPlaceholder;
                continue;
            }

            config[key] = valueNode switch
            {
                YamlScalarNode scalar => scalar.Value ?? "",
                _ => ToJson(valueNode)?.ToJsonString() ?? "",
            };
        }

        return new StackFile(path, stackName, config, secrets);
    }

    /// <summary>The line of the last YAML event the parser read before it failed: where the broken value starts.</summary>
    private static long LastGoodLine(string text)
    {
        var parser = new YamlDotNet.Core.Parser(new StringReader(text));
        long line = 0;
        try
        {
            while (parser.MoveNext())
            {
                line = parser.Current?.Start.Line ?? line;
            }
        }
        catch (Exception e) when (e is InvalidOperationException or YamlException)
        {
            // stop at the failure
        }

        return line;
    }

    /// <summary>The value of a key in a namespace (default <c>bluegreen</c>), or null.</summary>
    public string? Get(string key, string ns = ConfigKeys.Namespace) => Config.GetValueOrDefault($"{ns}:{key}");

    /// <summary>The line of a key in the file, for error messages; 0 when unknown.</summary>
    public static long LineOf(string text, string fullKey)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (StackFileEditor.IsKeyLine(lines[i].TrimEnd('\r'), fullKey, out _))
            {
                return i + 1;
            }
        }

        return 0;
    }


    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(ToJson)]),
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(p =>
            KeyValuePair.Create(((YamlScalarNode)p.Key).Value ?? "", ToJson(p.Value)))),
        YamlScalarNode scalar => ScalarToJson(scalar),
        _ => null,
    };

    private static JsonNode? ScalarToJson(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is not ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }

        if (text is "null" or "~" or "")
        {
            return null;
        }

        if (text is "true" or "false")
        {
            return JsonValue.Create(text == "true");
        }

        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole))
        {
            return JsonValue.Create(whole);
        }

        // A number too large for a double (1e309) stays text: the key's own check then names it.
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
            ? JsonValue.Create(number)
            : JsonValue.Create(text);
    }
}
