using System;

namespace Pulumi
{
    /// <summary>Marks a field or property of an args class as an input with its wire name.</summary>
    [AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
    public sealed class InputAttribute : Attribute
    {
        public InputAttribute(string name, bool required = false, bool json = false)
        {
            Name = name;
            IsRequired = required;
            Json = json;
        }

        internal string Name { get; }
        internal bool IsRequired { get; }
        internal bool Json { get; }
    }

    /// <summary>Marks an <see cref="Output{T}"/> property of a resource or stack with its wire name.</summary>
    [AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
    public sealed class OutputAttribute : Attribute
    {
        public OutputAttribute(string? name = null) => Name = name;

        public string? Name { get; }
    }

    /// <summary>Marks a class whose instances are built from provider results.</summary>
    [AttributeUsage(AttributeTargets.Class)]
    public sealed class OutputTypeAttribute : Attribute
    {
    }

    /// <summary>Marks the constructor of an <see cref="OutputTypeAttribute"/> class; its parameter names are wire names.</summary>
    [AttributeUsage(AttributeTargets.Constructor)]
    public sealed class OutputConstructorAttribute : Attribute
    {
    }

    /// <summary>Gives an <see cref="OutputConstructorAttribute"/> parameter a wire name other than its own.</summary>
    [AttributeUsage(AttributeTargets.Parameter)]
    public sealed class OutputConstructorParameterAttribute : Attribute
    {
        public OutputConstructorParameterAttribute(string name) => Name = name;

        public string Name { get; }
    }

    /// <summary>Marks a struct that stands for a provider enum (converted through its underlying value).</summary>
    [AttributeUsage(AttributeTargets.Struct | AttributeTargets.Enum)]
    public sealed class EnumTypeAttribute : Attribute
    {
    }

    /// <summary>The type token and package version of a resource class.</summary>
    [AttributeUsage(AttributeTargets.Class)]
    public class ResourceTypeAttribute : Attribute
    {
        public ResourceTypeAttribute(string type, string? version)
        {
            Type = type;
            Version = version;
        }

        public string Type { get; }

        public string? Version { get; }
    }
}
