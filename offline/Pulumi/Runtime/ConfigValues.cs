using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text.Json;

namespace Pulumi.Runtime
{
    /// <summary>
    /// The stack's configuration as Pulumi's test mode reads it when a run starts: PULUMI_CONFIG
    /// (a JSON object of "namespace:key" to value, structured values as JSON text) and
    /// PULUMI_CONFIG_SECRET_KEYS (a JSON array of the secret keys).
    /// </summary>
    internal sealed class ConfigValues
    {
        public const string ConfigVariable = "PULUMI_CONFIG";
        public const string SecretKeysVariable = "PULUMI_CONFIG_SECRET_KEYS";

        private readonly ImmutableDictionary<string, string> _values;
        private readonly ImmutableHashSet<string> _secretKeys;

        private ConfigValues(ImmutableDictionary<string, string> values, ImmutableHashSet<string> secretKeys)
        {
            _values = values;
            _secretKeys = secretKeys;
        }

        public static ConfigValues FromEnvironment()
            => new(ParseValues(Environment.GetEnvironmentVariable(ConfigVariable)), ParseSecretKeys(Environment.GetEnvironmentVariable(SecretKeysVariable)));

        public string? Get(string fullKey) => _values.GetValueOrDefault(fullKey);

        public bool IsSecret(string fullKey) => _secretKeys.Contains(fullKey);

        private static ImmutableDictionary<string, string> ParseValues(string? json)
        {
            var builder = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
            if (string.IsNullOrWhiteSpace(json))
            {
                return builder.ToImmutable();
            }

            using var document = Parse(json, ConfigVariable);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new RunException($"{ConfigVariable} must be a JSON object of \"namespace:key\": value pairs");
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                builder[CleanKey(property.Name)] = property.Value.ValueKind == JsonValueKind.String
                    ? property.Value.GetString()!
                    : property.Value.GetRawText();
            }

            return builder.ToImmutable();
        }

        private static ImmutableHashSet<string> ParseSecretKeys(string? json)
        {
            if (string.IsNullOrWhiteSpace(json))
            {
                return ImmutableHashSet<string>.Empty;
            }

            using var document = Parse(json, SecretKeysVariable);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new RunException($"{SecretKeysVariable} must be a JSON array of keys");
            }

            var keys = new List<string>();
            foreach (var item in document.RootElement.EnumerateArray())
            {
                keys.Add(CleanKey(item.GetString() ?? ""));
            }

            return keys.ToImmutableHashSet(StringComparer.Ordinal);
        }

        private static JsonDocument Parse(string json, string variable)
        {
            try
            {
                return JsonDocument.Parse(json);
            }
            catch (JsonException e)
            {
                throw new RunException($"{variable} is not valid JSON: {e.Message}");
            }
        }

        /// <summary>"ns:config:key" (the engine's older form) becomes "ns:key".</summary>
        private static string CleanKey(string key)
        {
            var parts = key.Split(':');
            return parts.Length == 3 && parts[1] == "config" ? $"{parts[0]}:{parts[2]}" : key;
        }
    }
}
