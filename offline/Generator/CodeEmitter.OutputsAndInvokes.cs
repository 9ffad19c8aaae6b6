using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
namespace Pulumi.Offline.Generator
{
    /// <summary>The emitters of output types, [EnumType] structs and invokes.</summary>
    public static partial class CodeEmitter
    {
        private sealed partial class TypeContext
        {
            // ---- output types

            private void EmitOutputType()
            {
                var t = _type;
                if (t.BaseType != null || !t.Is("sealed"))
                    throw new FormatException("output types are expected to be sealed classes with no base type");
                if (t.Wires.Count > 0)
                    throw new FormatException("output types have no W lines");
                Header("[global::Pulumi.OutputType]");
                var fields = Members(ApiMemberKind.Field).ToList();
                foreach (var f in fields)
                {
                    CheckSupported(f);
                    if (f.IsStatic || !f.IsReadOnly)
                        throw new FormatException($"no rule to generate '{f.Line}'");
                    Line(2, $"public readonly {Render(f.Type)} {f.Name};");
                }
                var names = fields.Select(ParameterName).ToList();
                if (names.Distinct(StringComparer.Ordinal).Count() != names.Count)
                    throw new FormatException("two fields map to the same constructor parameter");
                Line(0, "");
                Line(2, "[global::Pulumi.OutputConstructor]");
                Line(2, $"private {t.Name}({string.Join(", ", fields.Select((f, i) => $"{Render(f.Type)} {Identifier(names[i])}"))})");
                Line(2, "{");
                for (var i = 0; i < fields.Count; i++)
                    Line(3, $"{fields[i].Name} = {Identifier(names[i])};");
                Line(2, "}");
                Unexpected(t.Members.Where(m => m.Kind != ApiMemberKind.Field));
                Line(1, "}");
            }

            // The runtime matches [OutputConstructor] parameters to wire names.
            private string ParameterName(ApiMember field)
            {
                if (_type.WireOverrides.TryGetValue(field.Name, out var wire))
                    return wire;
                // Pulumi's codegen renames a member named like its type (ContainerPort.ContainerPortValue).
                if (field.Name == _type.Name + "Value")
                    return CamelCase(_type.Name);
                return CamelCase(field.Name);
            }

            // ---- [EnumType] structs: a string value with named instances

            private void EmitEnumType()
            {
                var t = _type;
                var self = Full;
                if (t.Interfaces.Count != 1 || t.Interfaces[0] != $"System.IEquatable<{t.FullName}>" || t.Modifiers.Count > 0)
                    throw new FormatException("enum types are expected to be structs implementing only IEquatable<T>");
                Line(1, "[global::Pulumi.EnumType]");
                if (t.IsObsolete)
                    Line(1, "[global::System.Obsolete(\"Deprecated in the official Pulumi SDK.\")]");
                Line(1, $"public readonly struct {t.Name} : global::System.IEquatable<{self}>");
                Line(1, "{");
                Line(2, "private readonly string _value;");
                Line(0, "");
                Line(2, $"private {t.Name}(string value)");
                Line(2, "{");
                Line(3, "_value = value ?? throw new global::System.ArgumentNullException(nameof(value));");
                Line(2, "}");
                foreach (var p in Members(ApiMemberKind.Property))
                {
                    if (!p.IsStatic || p.Type != t.FullName || p.HasSetter)
                        throw new FormatException($"no rule to generate '{p.Line}'");
                    var value = t.EnumValues.TryGetValue(p.Name, out var v) ? v : p.Name;
                    Line(0, "");
                    Line(2, $"{Obsolete(p)}public static {self} {p.Name} {{ get; }} = new {self}(\"{value.Replace("\\", "\\\\").Replace("\"", "\\\"")}\");");
                }
                foreach (var m in Members(ApiMemberKind.Method))
                {
                    var signature = $"{(m.IsStatic ? "static " : "")}{m.Name}({string.Join(", ", m.Parameters.Select(p => p.Type))}) : {m.Type}";
                    Line(0, "");
                    if (signature == $"static op_Equality({t.FullName}, {t.FullName}) : bool")
                        Line(2, $"public static bool operator ==({self} left, {self} right) => left.Equals(right);");
                    else if (signature == $"static op_Inequality({t.FullName}, {t.FullName}) : bool")
                        Line(2, $"public static bool operator !=({self} left, {self} right) => !left.Equals(right);");
                    else if (signature == $"static op_Explicit({t.FullName}) : string")
                        Line(2, $"public static explicit operator string({self} value) => value._value;");
                    else if (signature == $"Equals({t.FullName}) : bool")
                        Line(2, $"public bool Equals({self} other) => string.Equals(_value, other._value, global::System.StringComparison.Ordinal);");
                    else if (signature == "Equals(object) : bool")
                        Line(2, $"public override bool Equals(object? obj) => obj is {self} other && Equals(other);");
                    else if (signature == "GetHashCode() : int")
                        Line(2, "public override int GetHashCode() => _value?.GetHashCode(global::System.StringComparison.Ordinal) ?? 0;");
                    else if (signature == "ToString() : string")
                        Line(2, "public override string ToString() => _value;");
                    else
                        throw new FormatException($"no rule to generate '{m.Line}'");
                }
                Unexpected(t.Members.Where(m => m.Kind != ApiMemberKind.Property && m.Kind != ApiMemberKind.Method));
                Line(1, "}");
            }

            // ---- invokes

            private void EmitInvoke()
            {
                var t = _type;
                Header();
                foreach (var m in Members(ApiMemberKind.Method))
                {
                    CheckSupported(m);
                    var ps = m.Parameters;
                    if (!m.IsStatic || ps.Count != 2 || (m.Name != "Invoke" && m.Name != "InvokeAsync"))
                        throw new FormatException($"no rule to generate '{m.Line}'");
                    var outer = m.Name == "Invoke" ? "Pulumi.Output<" : "System.Threading.Tasks.Task<";
                    if (!m.Type.StartsWith(outer, StringComparison.Ordinal))
                        throw new FormatException($"unexpected return type: {m.Line}");
                    var result = m.Type.Substring(outer.Length, m.Type.Length - outer.Length - 1);
                    var optionsType = ps[1].Type;
                    if (optionsType == "Pulumi.InvokeOutputOptions" && !_features.InvokeOutputOptions)
                    {
                        _result.Skipped.Add($"{t.FullName}.{m.Name}(..., InvokeOutputOptions): the runtime lacks DeploymentInstance.Invoke<T>(string, InvokeArgs, InvokeOutputOptions)");
                        continue;
                    }
                    if (optionsType != "Pulumi.InvokeOptions" && optionsType != "Pulumi.InvokeOutputOptions")
                        throw new FormatException($"unexpected options parameter: {m.Line}");
                    Line(2, $"{Obsolete(m)}public static {Render(m.Type)} {m.Name}({Parameters(ps)})");
                    Line(3, $"=> global::Pulumi.Deployment.Instance.{m.Name}<{Render(result)}>(\"{t.InvokeToken}\", {Identifier(ps[0].Name)} ?? new {Render(ps[0].Type)}(), {Identifier(ps[1].Name)});");
                    Line(0, "");
                }
                Unexpected(t.Members.Where(m => m.Kind != ApiMemberKind.Method));
                Line(1, "}");
            }
        }
    }
}
