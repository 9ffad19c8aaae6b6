using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading.Tasks;
using Pulumi.Runtime;

namespace Pulumi
{
    /// <summary>A resource: anything Pulumi tracks by URN.</summary>
    public class Resource
    {
        private readonly string _type;
        private readonly string _name;

        internal Resource(string type, string name, bool custom, ResourceArgs args, ResourceOptions options, bool isStack = false)
        {
            if (string.IsNullOrEmpty(type))
            {
                throw new ArgumentException("A resource needs a type token, such as 'aws:lb/listener:Listener'.", nameof(type));
            }

            if (string.IsNullOrEmpty(name))
            {
                throw new ArgumentException($"A resource of type '{type}' needs a name.", nameof(name));
            }

            _type = type;
            _name = name;
            var engine = Engine.Current
                ?? throw new InvalidOperationException(
                    $"Resource '{name}' ({type}) was created outside a Pulumi program: create resources inside a Stack, Deployment.RunAsync or Deployment.TestAsync.");
            Registration = engine.Register(this, custom, args, options, isStack);
        }

        [Output("urn")]
        public Output<string> Urn { get; private set; } = null!;

        internal ResourceRegistration Registration { get; }

        public string GetResourceType() => _type;

        public string GetResourceName() => _name;
    }

    /// <summary>A resource managed by a provider (has an ID).</summary>
    public class CustomResource : Resource
    {
        public CustomResource(string type, string name, ResourceArgs? args, CustomResourceOptions? options = null)
            : base(type, name, custom: true, args ?? ResourceArgs.Empty, options ?? new CustomResourceOptions())
        {
        }

        [Output("id")]
        public Output<string> Id { get; private set; } = null!;
    }

    /// <summary>A provider: the configured plugin that manages custom resources of one package.</summary>
    public class ProviderResource : CustomResource
    {
        public ProviderResource(string package, string name, ResourceArgs? args, CustomResourceOptions? options = null)
            : base($"pulumi:providers:{package}", name, args, options)
        {
            Package = package;
        }

        internal string Package { get; }
    }

    /// <summary>A resource that groups other resources (its children).</summary>
    public class ComponentResource : Resource
    {
        public ComponentResource(string type, string name, ComponentResourceOptions? options = null)
            : this(type, name, ResourceArgs.Empty, options)
        {
        }

        public ComponentResource(string type, string name, ResourceArgs? args, ComponentResourceOptions? options = null, bool remote = false)
            : base(type, name, custom: false, args ?? ResourceArgs.Empty, options ?? new ComponentResourceOptions())
        {
            // A remote (multi-language) component is registered like a local one here: the mocks answer for it.
            _ = remote;
        }

        private protected ComponentResource(string type, string name, ComponentResourceOptions? options, bool isStack)
            : base(type, name, custom: false, ResourceArgs.Empty, options ?? new ComponentResourceOptions(), isStack: isStack)
        {
        }

        /// <summary>
        /// Registers the component's outputs from its own properties: every public instance property marked
        /// <see cref="OutputAttribute"/>, under the attribute's name or else the property's, as the official
        /// SDK does.
        /// </summary>
        protected void RegisterOutputs()
        {
            var outputs = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var property in GetType().GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance))
            {
                if (property.Name == nameof(Urn)
                    || System.Reflection.CustomAttributeExtensions.GetCustomAttribute<OutputAttribute>(property, inherit: true) is not { } output)
                {
                    continue;
                }

                outputs[string.IsNullOrWhiteSpace(output.Name) ? property.Name : output.Name!] = property.GetValue(this);
            }

            RegisterOutputs(outputs);
        }

        protected void RegisterOutputs(IDictionary<string, object?> outputs) => RegisterOutputs(Task.FromResult(outputs));

        protected void RegisterOutputs(Task<IDictionary<string, object?>> outputs)
            => Registration.Engine.RegisterOutputs(this, Output.Create(outputs));

        protected void RegisterOutputs(Output<IDictionary<string, object?>> outputs)
            => Registration.Engine.RegisterOutputs(this, outputs);
    }
}
