using System.Text.Json;
using BlueGreen.Release;
using BlueGreen.Release.StackFiles;

namespace BlueGreen.Preview;

/// <summary>
/// The config a preview runs the program with: every value by full key (<c>bluegreen:ramp.step</c>,
/// <c>aws:region</c>) and the keys whose values are secret, as Pulumi hands them to a program.
/// </summary>
public sealed class PreviewConfig
{
    public PreviewConfig(string stack, IReadOnlyDictionary<string, string> values, IReadOnlySet<string>? secretKeys = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stack);
        ArgumentNullException.ThrowIfNull(values);
        Stack = stack;
        Values = new SortedDictionary<string, string>(values.ToDictionary(), StringComparer.Ordinal);
        SecretKeys = new SortedSet<string>(secretKeys ?? new HashSet<string>(), StringComparer.Ordinal);
    }

    public string Stack { get; }

    /// <summary>Every config value by full key, sorted.</summary>
    public IReadOnlyDictionary<string, string> Values { get; }

    /// <summary>The full keys whose values are secret.</summary>
    public IReadOnlySet<string> SecretKeys { get; }

    /// <summary>The values of the secret keys, as given and trimmed (the program may trim what it reads):
    /// what a preview must never show in clear.</summary>
    public IEnumerable<string> SecretValues => SecretKeys
        .Select(k => Values.GetValueOrDefault(k))
        .SelectMany(v => new[] { v, v?.Trim() })
        .Where(v => !string.IsNullOrEmpty(v))
        .Select(v => v!)
        .Distinct(StringComparer.Ordinal);

    /// <summary>The config of <c>Pulumi.&lt;stack&gt;.yaml</c> in <paramref name="repoRoot"/>.</summary>
    public static PreviewConfig Load(string repoRoot, string stack) => FromStackFile(StackFile.Load(repoRoot, stack));

    public static PreviewConfig FromStackFile(StackFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return new PreviewConfig(file.StackName, file.Config, file.SecretKeys);
    }

    /// <summary>
    /// This config with some keys changed: a bare key (<c>ramp.step</c>) is in the <c>bluegreen</c>
    /// namespace, a key with a colon (<c>aws:region</c>) is taken as it is; a null value removes the key.
    /// </summary>
    public PreviewConfig With(IReadOnlyDictionary<string, string?> overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var values = Values.ToDictionary(StringComparer.Ordinal);
        foreach (var (key, value) in overrides)
        {
            var full = FullKey(key);
            if (value is null)
            {
                values.Remove(full);
            }
            else
            {
                values[full] = value;
            }
        }

        return new PreviewConfig(Stack, values, SecretKeys);
    }

    /// <summary>This config with some keys set to secret values (as <c>pulumi config set --secret</c> would).</summary>
    public PreviewConfig WithSecrets(IReadOnlyDictionary<string, string> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var values = Values.ToDictionary(StringComparer.Ordinal);
        var keys = new HashSet<string>(SecretKeys, StringComparer.Ordinal);
        foreach (var (key, value) in secrets)
        {
            values[FullKey(key)] = value;
            keys.Add(FullKey(key));
        }

        return new PreviewConfig(Stack, values, keys);
    }

    /// <summary>The full key of a bare or namespaced key.</summary>
    public static string FullKey(string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        return key.Contains(':', StringComparison.Ordinal) ? key : $"{ConfigKeys.Namespace}:{key}";
    }

    /// <summary>Parses <c>key=value</c> overrides (as given on a command line); <c>key=</c> removes the key.</summary>
    /// <exception cref="FormatException">An override has no <c>=</c> or no key.</exception>
    public static IReadOnlyDictionary<string, string?> ParseOverrides(IEnumerable<string> overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var text in overrides)
        {
            var at = text.IndexOf('=', StringComparison.Ordinal);
            if (at <= 0)
            {
                throw new FormatException($"'{text}' is not an override; write key=value, e.g. ramp.step=2");
            }

            var value = text[(at + 1)..];
            result[text[..at].Trim()] = value.Length == 0 ? null : value;
        }

        return result;
    }

    /// <summary>The settings the program will read, or null with the problems when the config is invalid.</summary>
    public StackSettingsResult ReadSettings() =>
        StackSettingsReader.Read(key => Values.GetValueOrDefault(ConfigKeys.Full(key)), Stack);

}
