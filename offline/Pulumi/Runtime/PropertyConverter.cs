using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text.Json;

namespace Pulumi.Runtime
{
    /// <summary>
    /// Turns plain property values (as produced by <see cref="PropertySerializer"/>, secrets and
    /// unknowns already removed) into the .NET types of output properties and [OutputType] classes.
    /// </summary>
    internal static class PropertyConverter
    {
        public static object? Convert(string context, object? value, Type targetType)
        {
            if (Nullable.GetUnderlyingType(targetType) is { } underlying)
            {
                return value is null ? null : Convert(context, value, underlying);
            }

            if (value is null)
            {
                return targetType.IsValueType ? DefaultOf(context, targetType) : null;
            }

            if (targetType == typeof(object))
            {
                return PropertySerializer.ToMockValue(value);
            }

            if (targetType == typeof(string))
            {
                return value as string ?? throw Mismatch(context, value, targetType);
            }

            if (targetType == typeof(bool))
            {
                return value as bool? ?? throw Mismatch(context, value, targetType);
            }

            if (targetType == typeof(double) || targetType == typeof(int) || targetType == typeof(long) || targetType == typeof(float))
            {
                if (value is not double number)
                {
                    throw Mismatch(context, value, targetType);
                }

                if (targetType != typeof(double) && targetType != typeof(float) && Math.Floor(number) != number)
                {
                    throw new InvalidOperationException($"{context}: expected a whole number for {targetType.Name}, got {number.ToString(CultureInfo.InvariantCulture)}");
                }

                return System.Convert.ChangeType(number, targetType, CultureInfo.InvariantCulture);
            }

            if (targetType == typeof(JsonElement))
            {
                return JsonSerializer.SerializeToElement(PropertySerializer.ToMockValue(value));
            }

            if (typeof(AssetOrArchive).IsAssignableFrom(targetType))
            {
                return targetType.IsInstanceOfType(value) ? value : throw Mismatch(context, value, targetType);
            }

            if (targetType.IsEnum)
            {
                return value is double d ? Enum.ToObject(targetType, (long)d) : throw Mismatch(context, value, targetType);
            }

            if (targetType.IsGenericType)
            {
                var definition = targetType.GetGenericTypeDefinition();
                var arguments = targetType.GetGenericArguments();
                if (definition == typeof(ImmutableArray<>))
                {
                    var list = value as ImmutableArray<object?>? ?? throw Mismatch(context, value, targetType);
                    return CreateImmutableArray(arguments[0], list.Select((item, i) => Convert($"{context}[{i}]", item, arguments[0])));
                }

                if (definition == typeof(ImmutableDictionary<,>) && arguments[0] == typeof(string))
                {
                    var map = value as ImmutableDictionary<string, object?> ?? throw Mismatch(context, value, targetType);
                    return CreateImmutableDictionary(arguments[1], map.Select(p => (p.Key, Convert($"{context}.{p.Key}", p.Value, arguments[1]))));
                }

                if (definition == typeof(Union<,>))
                {
                    return ConvertUnion(context, value, targetType, arguments);
                }
            }

            if (targetType.IsValueType && targetType.GetCustomAttribute<EnumTypeAttribute>() is not null)
            {
                var constructor = targetType.GetConstructors(BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.Instance)
                    .FirstOrDefault(c => c.GetParameters().Length == 1 && c.GetParameters()[0].ParameterType == value.GetType());
                return constructor?.Invoke(new[] { value }) ?? throw Mismatch(context, value, targetType);
            }

            if (targetType.GetCustomAttribute<OutputTypeAttribute>() is not null)
            {
                return ConvertOutputType(context, value, targetType);
            }

            throw new InvalidOperationException($"{context}: cannot convert a value to {targetType.FullName}");
        }

        private static object ConvertOutputType(string context, object value, Type targetType)
        {
            var map = value as ImmutableDictionary<string, object?> ?? throw Mismatch(context, value, targetType);
            var constructor = targetType.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
                .SingleOrDefault(c => c.GetCustomAttribute<OutputConstructorAttribute>() is not null)
                ?? throw new InvalidOperationException($"{targetType.FullName} has no [OutputConstructor] constructor");
            var arguments = constructor.GetParameters().Select(parameter =>
            {
                var wireName = parameter.GetCustomAttribute<OutputConstructorParameterAttribute>()?.Name ?? parameter.Name!;
                map.TryGetValue(wireName, out var item);
                return Convert($"{context}.{wireName}", item, parameter.ParameterType);
            }).ToArray();
            return constructor.Invoke(arguments);
        }

        private static object ConvertUnion(string context, object value, Type targetType, Type[] arguments)
        {
            for (var index = 0; index < 2; index++)
            {
                try
                {
                    var converted = Convert(context, value, arguments[index]);
                    return targetType.GetMethod(index == 0 ? "FromT0" : "FromT1")!.Invoke(null, new[] { converted })!;
                }
                catch (InvalidOperationException)
                {
                    // try the other case
                }
            }

            throw Mismatch(context, value, targetType);
        }

        private static object? DefaultOf(string context, Type type)
            => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ImmutableArray<>)
                ? CreateImmutableArray(type.GetGenericArguments()[0], Array.Empty<object?>())
                : type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ImmutableDictionary<,>)
                    ? CreateImmutableDictionary(type.GetGenericArguments()[1], Array.Empty<(string, object?)>())
                    : Activator.CreateInstance(type);

        private static object CreateImmutableArray(Type elementType, IEnumerable<object?> items)
        {
            var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(elementType))!;
            foreach (var item in items)
            {
                list.Add(item);
            }

            var create = typeof(ImmutableArray).GetMethods()
                .Single(m => m.Name == nameof(ImmutableArray.CreateRange) && m.GetParameters().Length == 1)
                .MakeGenericMethod(elementType);
            return create.Invoke(null, new object[] { list })!;
        }

        private static object CreateImmutableDictionary(Type valueType, IEnumerable<(string Key, object? Value)> items)
        {
            var builder = typeof(ImmutableDictionary).GetMethods()
                .Single(m => m.Name == nameof(ImmutableDictionary.CreateBuilder) && m.GetParameters().Length == 0)
                .MakeGenericMethod(typeof(string), valueType)
                .Invoke(null, null)!;
            var dictionary = (IDictionary)builder;
            foreach (var (key, item) in items)
            {
                dictionary[key] = item;
            }

            return builder.GetType().GetMethod("ToImmutable")!.Invoke(builder, null)!;
        }

        private static InvalidOperationException Mismatch(string context, object value, Type targetType)
            => new($"{context}: expected {Describe(targetType)}, got {Describe(value.GetType())}");

        private static string Describe(Type type)
            => type == typeof(ImmutableArray<object?>) ? "a list"
                : type == typeof(ImmutableDictionary<string, object?>) ? "a map"
                : type.IsGenericType ? $"{type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]}<{string.Join(", ", type.GetGenericArguments().Select(Describe))}>"
                : type.Name;
    }
}
