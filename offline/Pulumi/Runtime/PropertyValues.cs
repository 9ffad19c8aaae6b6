using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using System.Threading.Tasks;

namespace Pulumi.Runtime
{
    /// <summary>A value the engine could not know yet (during a preview).</summary>
    internal sealed class UnknownValue
    {
        public static readonly UnknownValue Instance = new();

        /// <summary>The ID Pulumi uses for a provider whose ID is not known yet.</summary>
        public const string ProviderId = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

        private UnknownValue()
        {
        }
    }

    /// <summary>A secret value.</summary>
    internal sealed record SecretValue(object? Value);

    /// <summary>
    /// Turns program values (args classes, inputs, outputs, lists, maps, primitives, assets) into
    /// plain property values — null, bool, double, string, ImmutableArray&lt;object?&gt;,
    /// ImmutableDictionary&lt;string, object?&gt;, assets — with <see cref="SecretValue"/> and
    /// <see cref="UnknownValue"/> markers, the form Pulumi sends to the engine.
    /// </summary>
    internal static class PropertySerializer
    {
        public static async Task<object?> SerializeAsync(string context, object? value)
        {
            switch (value)
            {
                case null:
                    return null;
                case string or bool:
                    return value;
                case IInput input:
                    return await SerializeAsync(context, input.ToUntypedOutput()).ConfigureAwait(false);
                case IOutput output:
                    {
                        var data = await output.GetDataAsync().ConfigureAwait(false);
                        if (!data.IsKnown)
                        {
                            return UnknownValue.Instance;
                        }

                        var inner = await SerializeAsync(context, data.Value).ConfigureAwait(false);
                        return data.IsSecret ? new SecretValue(inner) : inner;
                    }

                case UnknownValue or SecretValue or AssetOrArchive:
                    return value;
                case CustomResource custom:
                    return await SerializeAsync(context, custom.Id).ConfigureAwait(false);
                case Resource resource:
                    return await SerializeAsync(context, resource.Urn).ConfigureAwait(false);
                case InputArgs args:
                    return await SerializeArgsAsync(context, args).ConfigureAwait(false);
                case JsonElement element:
                    return FromJson(element);
                case IUnion union:
                    return await SerializeAsync(context, union.Value).ConfigureAwait(false);
                case Enum e:
                    return Convert.ToDouble(e, CultureInfo.InvariantCulture);
                case sbyte or byte or short or ushort or int or uint or long or ulong or float or double or decimal:
                    return Convert.ToDouble(value, CultureInfo.InvariantCulture);
                case IDictionary dictionary:
                    {
                        var builder = ImmutableDictionary.CreateBuilder<string, object?>();
                        foreach (DictionaryEntry entry in dictionary)
                        {
                            var key = entry.Key as string
                                ?? throw new InvalidOperationException($"{context}: map keys must be strings, not {entry.Key.GetType().Name}");
                            var item = await SerializeAsync($"{context}.{key}", entry.Value).ConfigureAwait(false);
                            if (item is not null)
                            {
                                builder[key] = item;
                            }
                        }

                        return builder.ToImmutable();
                    }

                case IEnumerable enumerable:
                    {
                        var items = ImmutableArray.CreateBuilder<object?>();
                        var index = 0;
                        foreach (var item in enumerable)
                        {
                            items.Add(await SerializeAsync($"{context}[{index++}]", item).ConfigureAwait(false));
                        }

                        return items.ToImmutable();
                    }
            }

            var type = value.GetType();
            if (type.IsValueType && type.GetCustomAttribute<EnumTypeAttribute>() is not null)
            {
                var underlying = type.GetMethods(BindingFlags.Public | BindingFlags.Static)
                    .FirstOrDefault(m => m.Name == "op_Explicit" && m.GetParameters()[0].ParameterType == type);
                return underlying is null ? value.ToString() : await SerializeAsync(context, underlying.Invoke(null, new[] { value })).ConfigureAwait(false);
            }

            throw new InvalidOperationException($"{context}: {type.FullName} is not a supported argument type");
        }

        /// <summary>The inputs of an args object by wire name, leaving out nulls.</summary>
        public static async Task<ImmutableDictionary<string, object?>> SerializeArgsAsync(string context, InputArgs args)
        {
            var builder = ImmutableDictionary.CreateBuilder<string, object?>();
            foreach (var (attribute, memberName, value) in InputMembers(args))
            {
                if (attribute.IsRequired && value is null)
                {
                    // Like Pulumi: a required input left unset fails the registration, naming the member.
                    throw new ArgumentNullException(memberName, $"[Input] {args.GetType().FullName}.{memberName} is required but was not given a value");
                }

                var serialized = await SerializeAsync($"{context}.{attribute.Name}", value).ConfigureAwait(false);
                if (attribute.Json && serialized is not null && !ContainsUnknown(serialized))
                {
                    var isSecret = ContainsSecret(serialized);
                    var text = JsonSerializer.Serialize(ToJsonReady(Unwrap(serialized)));
                    serialized = isSecret ? new SecretValue(text) : text;
                }

                if (serialized is not null)
                {
                    builder[attribute.Name] = serialized;
                }
            }

            return builder.ToImmutable();
        }

        private static IEnumerable<(InputAttribute Attribute, string MemberName, object? Value)> InputMembers(InputArgs args)
        {
            const BindingFlags flags = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance;
            for (var type = args.GetType(); type is not null && type != typeof(InputArgs); type = type.BaseType)
            {
                foreach (var field in type.GetFields(flags | BindingFlags.DeclaredOnly))
                {
                    if (field.GetCustomAttribute<InputAttribute>() is { } attribute)
                    {
                        yield return (attribute, field.Name, field.GetValue(args));
                    }
                }

                foreach (var property in type.GetProperties(flags | BindingFlags.DeclaredOnly))
                {
                    if (property.GetCustomAttribute<InputAttribute>() is { } attribute)
                    {
                        yield return (attribute, property.Name, property.GetValue(args));
                    }
                }
            }
        }

        public static bool ContainsUnknown(object? value) => value switch
        {
            UnknownValue => true,
            SecretValue secret => ContainsUnknown(secret.Value),
            ImmutableArray<object?> list => list.Any(ContainsUnknown),
            ImmutableDictionary<string, object?> map => map.Values.Any(ContainsUnknown),
            _ => false,
        };

        public static bool ContainsSecret(object? value) => value switch
        {
            SecretValue => true,
            ImmutableArray<object?> list => list.Any(ContainsSecret),
            ImmutableDictionary<string, object?> map => map.Values.Any(ContainsSecret),
            _ => false,
        };

        /// <summary>The value without secret markers (unknowns become null).</summary>
        public static object? Unwrap(object? value) => value switch
        {
            UnknownValue => null,
            SecretValue secret => Unwrap(secret.Value),
            ImmutableArray<object?> list => list.Select(Unwrap).ToImmutableArray(),
            ImmutableDictionary<string, object?> map => map.ToImmutableDictionary(p => p.Key, p => Unwrap(p.Value)),
            _ => value,
        };

        /// <summary>The shape mocks see (like Pulumi's test monitor): lists and maps typed with object elements.</summary>
        public static object ToMockValue(object value) => value switch
        {
            ImmutableArray<object?> list => list.Select(v => v is null ? null! : ToMockValue(v)).ToImmutableArray(),
            ImmutableDictionary<string, object?> map => map.Where(p => p.Value is not null).ToImmutableDictionary(p => p.Key, p => ToMockValue(p.Value!)),
            _ => value,
        };

        /// <summary>Like Pulumi's test monitor: only known, non-null values, secrets unwrapped.</summary>
        public static ImmutableDictionary<string, object> ToMockDictionary(ImmutableDictionary<string, object?> properties)
        {
            var builder = ImmutableDictionary.CreateBuilder<string, object>();
            foreach (var (key, value) in properties)
            {
                if (value is not null && !ContainsUnknown(value) && Unwrap(value) is { } plain)
                {
                    builder[key] = ToMockValue(plain);
                }
            }

            return builder.ToImmutable();
        }

        private static object? ToJsonReady(object? value) => value switch
        {
            ImmutableArray<object?> list => list.Select(ToJsonReady).ToList(),
            ImmutableDictionary<string, object?> map => map.ToDictionary(p => p.Key, p => ToJsonReady(p.Value)),
            AssetOrArchive asset => asset.Value,
            _ => value,
        };

        public static object? FromJson(JsonElement element) => element.ValueKind switch
        {
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => element.GetDouble(),
            JsonValueKind.String => element.GetString(),
            JsonValueKind.Array => element.EnumerateArray().Select(FromJson).ToImmutableArray(),
            _ => element.EnumerateObject().ToImmutableDictionary(p => p.Name, p => FromJson(p.Value)),
        };
    }
}
