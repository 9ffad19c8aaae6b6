using System;
using System.Globalization;
using System.Text.Json;
using Pulumi.Runtime;

namespace Pulumi
{
    /// <summary>
    /// The stack's configuration in one namespace (the project's name by default): keys are
    /// looked up as "namespace:key", even a key that has a colon itself.
    /// </summary>
    public sealed class Config
    {
        private readonly string _name;

        public Config(string? name = null)
        {
            name ??= Deployment.Instance.ProjectName;
            _name = name.EndsWith(":config", StringComparison.Ordinal) ? name[..^":config".Length] : name;
        }

        private static Engine Engine => Engine.Current ?? throw new InvalidOperationException("Config is read inside a Pulumi program: use it within a Stack, Deployment.RunAsync or Deployment.TestAsync.");

        /// <summary>Like Pulumi: always "namespace:key", so Get("aws:region") of the project's bag reads
        /// "project:aws:region"; another namespace is read through new Config("aws").</summary>
        private string FullKey(string key) => $"{_name}:{key}";

        public string? Get(string key) => Engine.Config.Get(FullKey(key));

        public Output<string>? GetSecret(string key) => Get(key) is { } value ? Output.CreateSecret(value) : null;

        public bool? GetBoolean(string key) => Get(key) is { } value ? ParseBoolean(key, value) : null;

        public Output<bool>? GetSecretBoolean(string key) => GetBoolean(key) is { } value ? Output.CreateSecret(value) : null;

        public int? GetInt32(string key) => Get(key) is { } value ? ParseInt32(key, value) : null;

        public Output<int>? GetSecretInt32(string key) => GetInt32(key) is { } value ? Output.CreateSecret(value) : null;

        public double? GetDouble(string key) => Get(key) is { } value ? ParseDouble(key, value) : null;

        public Output<double>? GetSecretDouble(string key) => GetDouble(key) is { } value ? Output.CreateSecret(value) : null;

        public T? GetObject<T>(string key) => GetObject<T>(key, null);

        public T? GetObject<T>(string key, JsonSerializerOptions? options) => Get(key) is { } value ? ParseObject<T>(key, value, options) : default;

        public Output<T>? GetSecretObject<T>(string key) => GetSecretObject<T>(key, null);

        public Output<T>? GetSecretObject<T>(string key, JsonSerializerOptions? options)
            => Get(key) is { } value ? Output.CreateSecret(ParseObject<T>(key, value, options)) : null;

        public string Require(string key) => Get(key) ?? throw Missing(key);

        public Output<string> RequireSecret(string key) => Output.CreateSecret(Require(key));

        public bool RequireBoolean(string key) => GetBoolean(key) ?? throw Missing(key);

        public Output<bool> RequireSecretBoolean(string key) => Output.CreateSecret(RequireBoolean(key));

        public int RequireInt32(string key) => GetInt32(key) ?? throw Missing(key);

        public Output<int> RequireSecretInt32(string key) => Output.CreateSecret(RequireInt32(key));

        public double RequireDouble(string key) => GetDouble(key) ?? throw Missing(key);

        public Output<double> RequireSecretDouble(string key) => Output.CreateSecret(RequireDouble(key));

        public T RequireObject<T>(string key) => RequireObject<T>(key, null);

        public T RequireObject<T>(string key, JsonSerializerOptions? options) => ParseObject<T>(key, Require(key), options);

        public Output<T> RequireSecretObject<T>(string key) => RequireSecretObject<T>(key, null);

        public Output<T> RequireSecretObject<T>(string key, JsonSerializerOptions? options) => Output.CreateSecret(RequireObject<T>(key, options));

        private ConfigException Missing(string key)
        {
            var fullKey = FullKey(key);
            var stack = Deployment.Instance.StackName;
            return new ConfigException(
                $"Missing required configuration variable '{fullKey}'\n"
                + $"\tplease set a value using the command `pulumi config set {fullKey} <value> --stack {stack}`, "
                + $"or add it under 'config:' in Pulumi.{stack}.yaml");
        }

        private ConfigException WrongType(string key, string value, string expected)
            => new($"Configuration '{FullKey(key)}' value '{value}' is not a valid {expected}");

        private bool ParseBoolean(string key, string value)
            => value.ToUpperInvariant() switch
            {
                "TRUE" => true,
                "FALSE" => false,
                _ => throw WrongType(key, value, "bool (true or false)"),
            };

        private int ParseInt32(string key, string value)
            => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var result) ? result : throw WrongType(key, value, "int");

        private double ParseDouble(string key, string value)
            => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var result) ? result : throw WrongType(key, value, "double");

        private T ParseObject<T>(string key, string value, JsonSerializerOptions? options)
        {
            try
            {
                return JsonSerializer.Deserialize<T>(value, options)!;
            }
            catch (JsonException e)
            {
                throw new ConfigException($"Configuration '{FullKey(key)}' value '{value}' is not a valid {typeof(T).Name}: {e.Message}");
            }
        }
    }
}
