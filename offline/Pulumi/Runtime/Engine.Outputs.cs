using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Reflection;
using System.Threading.Tasks;
using Pulumi.Testing;

namespace Pulumi.Runtime
{
    /// <summary>Output properties: the [Output] members a resource exposes, and the outputs components and the stack register.</summary>
    internal sealed partial class Engine
    {
        private static Dictionary<string, IOutputCompletionSource> CreateOutputs(Resource resource, bool isStack)
        {
            var sources = new Dictionary<string, IOutputCompletionSource>(StringComparer.Ordinal);
            var pending = new List<(string WireName, Type ValueType, MethodInfo Setter)>();
            const BindingFlags flags = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.DeclaredOnly;
            for (var type = resource.GetType(); type is not null && type != typeof(object); type = type.BaseType)
            {
                if (isStack && type != typeof(Resource))
                {
                    continue; // a stack's own [Output] properties are its outputs, assigned by the program
                }

                foreach (var property in type.GetProperties(flags))
                {
                    if (property.GetCustomAttribute<OutputAttribute>() is not { } attribute
                        || !property.PropertyType.IsGenericType
                        || property.PropertyType.GetGenericTypeDefinition() != typeof(Output<>))
                    {
                        continue;
                    }

                    var wireName = attribute.Name ?? property.Name;
                    if (sources.ContainsKey(wireName))
                    {
                        continue;
                    }

                    // Like Pulumi: every [Output] property needs a setter (a private one is fine).
                    var setter = property.GetSetMethod(nonPublic: true)
                        ?? throw new InvalidOperationException($"[Output] {type.FullName}.{property.Name} did not have a 'set' method; declare it {{ get; private set; }}");
                    pending.Add((wireName, property.PropertyType.GetGenericArguments()[0], setter));
                    sources[wireName] = null!;
                }
            }

            // Only once every property is known to be settable: no output is left pending forever.
            foreach (var (wireName, valueType, setter) in pending)
            {
                var source = OutputCompletionSource.Create(valueType, resource);
                setter.Invoke(resource, new[] { source.UntypedOutput });
                sources[wireName] = source;
            }

            return sources;
        }

        /// <summary>Registers a stack's [Output] properties as its outputs, as Pulumi does once the stack is built.</summary>
        public void RegisterStackOutputs(Stack stack)
        {
            const BindingFlags flags = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.DeclaredOnly;
            var outputs = new Dictionary<string, object?>(StringComparer.Ordinal);
            var wrongType = new List<string>();
            var unassigned = new List<string>();
            for (var type = stack.GetType(); type is not null && type != typeof(Stack); type = type.BaseType)
            {
                foreach (var property in type.GetProperties(flags))
                {
                    if (property.GetCustomAttribute<OutputAttribute>() is not { } attribute)
                    {
                        continue;
                    }

                    var name = attribute.Name ?? property.Name;
                    if (!property.PropertyType.IsGenericType || property.PropertyType.GetGenericTypeDefinition() != typeof(Output<>))
                    {
                        wrongType.Add(name);
                    }
                    else if (property.GetValue(stack) is { } value)
                    {
                        outputs[name] = value;
                    }
                    else
                    {
                        unassigned.Add(name);
                    }
                }
            }

            if (wrongType.Count > 0)
            {
                throw RunException.OutputsHaveIncorrectType(wrongType);
            }

            if (unassigned.Count > 0)
            {
                throw new RunException($"Output(s) '{string.Join(", ", unassigned)}' have no value assigned: assign every [Output] property of {stack.GetType().Name} in its constructor.");
            }

            RegisterOutputs(stack, Output.Create<IDictionary<string, object?>>(outputs));
        }

        public void RegisterOutputs(Resource resource, Output<IDictionary<string, object?>> outputs)
            => Track(RegisterOutputsAsync(resource, outputs));

        private async Task RegisterOutputsAsync(Resource resource, Output<IDictionary<string, object?>> outputs)
        {
            var description = $"{resource.GetResourceType()} resource '{resource.GetResourceName()}'";
            try
            {
                var urn = await UrnOfAsync(resource);
                var data = await outputs.DataTask;
                var builder = ImmutableDictionary.CreateBuilder<string, Output<object?>>();
                foreach (var (key, value) in data.Value ?? new Dictionary<string, object?>())
                {
                    var serialized = await PropertySerializer.SerializeAsync($"{description} output '{key}'", value);
                    var plain = PropertySerializer.Unwrap(serialized);
                    var output = new OutputData<object?>(
                        plain is null ? null : PropertySerializer.ToMockValue(plain),
                        data.IsKnown && !PropertySerializer.ContainsUnknown(serialized),
                        data.IsSecret || PropertySerializer.ContainsSecret(serialized),
                        ImmutableHashSet<Resource>.Empty);
                    builder[key] = new Output<object?>(Task.FromResult(output));
                }

                await _mocks.RegisterResourceOutputs(new MockRegisterResourceOutputsRequest(urn, builder.ToImmutable()));
            }
            catch (Exception e) when (e is not DependencyFailedException)
            {
                AddError($"registering the outputs of {description} failed: {e.Message}\n{e}");
            }
            catch (DependencyFailedException)
            {
                // reported where it happened
            }
        }
    }
}
