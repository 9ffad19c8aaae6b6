using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
namespace Pulumi.Offline.Generator
{
    /// <summary>A parameter of a C or M line.</summary>
    public sealed class ApiParameter
    {
        public ApiParameter(string type, string name, string? defaultValue)
        {
            Type = type;
            Name = name;
            DefaultValue = defaultValue;
        }

        public string Type { get; }
        public string Name { get; }
        /// <summary>The default as written in the listing (null, "x", 1, true, default), or null when required.</summary>
        public string? DefaultValue { get; }
    }

    public enum ApiMemberKind
    {
        Constructor,
        Method,
        Property,
        Field,
        EnumValue,
    }

    /// <summary>A C/M/P/F/E line.</summary>
    public sealed class ApiMember
    {
        public ApiMember(ApiMemberKind kind, string name, string line)
        {
            Kind = kind;
            Name = name;
            Line = line;
        }

        public ApiMemberKind Kind { get; }
        public string Name { get; }
        public string Line { get; }
        public bool IsStatic { get; set; }
        public bool IsProtected { get; set; }
        public bool IsReadOnly { get; set; }
        /// <summary>Property, field or return type.</summary>
        public string Type { get; set; } = "";
        public IReadOnlyList<ApiParameter> Parameters { get; set; } = Array.Empty<ApiParameter>();
        public bool HasGetter { get; set; }
        public bool HasSetter { get; set; }
        public bool IsObsolete { get; set; }
    }

    /// <summary>A W line: a wire name of the type (from [Input]/[Output] on any member).</summary>
    public sealed class ApiWire
    {
        public ApiWire(string name, bool isInput, bool required, bool json)
        {
            Name = name;
            IsInput = isInput;
            Required = required;
            Json = json;
        }

        public string Name { get; }
        public bool IsInput { get; }
        public bool Required { get; }
        public bool Json { get; }
    }

    /// <summary>A T line with the lines of its members.</summary>
    public sealed class ApiType
    {
        public ApiType(string fullName, string kind, IReadOnlyList<string> modifiers, string? baseType, IReadOnlyList<string> interfaces, string line)
        {
            FullName = fullName;
            Kind = kind;
            Modifiers = modifiers;
            BaseType = baseType;
            Interfaces = interfaces;
            Line = line;
        }

        public string FullName { get; }
        public string Namespace => FullName.Substring(0, Math.Max(0, FullName.LastIndexOf('.')));
        public string Name => FullName.Substring(FullName.LastIndexOf('.') + 1);
        /// <summary>class, struct, interface, enum or delegate.</summary>
        public string Kind { get; }
        /// <summary>static, abstract or sealed.</summary>
        public IReadOnlyList<string> Modifiers { get; }
        public string? BaseType { get; }
        public IReadOnlyList<string> Interfaces { get; }
        public string Line { get; }
        public string? ResourceToken { get; set; }
        public bool IsOutputType { get; set; }
        public bool IsEnumType { get; set; }
        public bool IsObsolete { get; set; }
        /// <summary>The provider token of an invoke class ('X token' line).</summary>
        public string? InvokeToken { get; set; }
        public List<ApiMember> Members { get; } = new List<ApiMember>();
        public List<ApiWire> Wires { get; } = new List<ApiWire>();
        /// <summary>Member name to wire name, from 'X wire' lines, where they differ by more than case.</summary>
        public Dictionary<string, string> WireOverrides { get; } = new Dictionary<string, string>(StringComparer.Ordinal);
        /// <summary>Member name to string value of an [EnumType] struct, from 'X value' lines (default: the member name).</summary>
        public Dictionary<string, string> EnumValues { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

        public bool Is(string modifier) => Modifiers.Contains(modifier);
    }
}
