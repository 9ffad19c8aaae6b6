using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
namespace Pulumi.Offline.Generator
{
    /// <summary>The emitters of resources (with their options helper and Kubernetes base) and of args types.</summary>
    public static partial class CodeEmitter
    {
        private sealed partial class TypeContext
        {
            private void EmitResourceOptionsHelper()
            {
                Line(2, "private static global::Pulumi.CustomResourceOptions MakeResourceOptions(global::Pulumi.CustomResourceOptions? options)");
                Line(2, "{");
                if (_features.OptionsMergeAndVersion)
                {
                    Line(3, $"var defaults = new global::Pulumi.CustomResourceOptions {{ Version = \"{_version}\" }};");
                    Line(3, "return global::Pulumi.CustomResourceOptions.Merge(defaults, options);");
                }
                else
                {
                    _result.Skipped.Add($"{_type.FullName}: resource options carry no package version (the runtime lacks CustomResourceOptions.Merge or ResourceOptions.Version)");
                    Line(3, "return options ?? new global::Pulumi.CustomResourceOptions();");
                }
                Line(2, "}");
            }

            private void EmitKubernetesResourceBase()
            {
                Header();
                Unexpected(_type.Members);
                Line(2, "internal KubernetesResource(string type, string name, global::Pulumi.ResourceArgs? args, global::Pulumi.CustomResourceOptions? options = null)");
                Line(3, ": base(type, name, args ?? global::Pulumi.ResourceArgs.Empty, MakeResourceOptions(options))");
                Line(2, "{");
                Line(2, "}");
                Line(0, "");
                EmitResourceOptionsHelper();
                Line(1, "}");
            }

            private void EmitResource()
            {
                var t = _type;
                var kind = t.BaseType == "Pulumi.ProviderResource" ? "provider"
                    : t.BaseType == "Pulumi.CustomResource" ? "custom"
                    : t.BaseType == KubernetesResource ? "kubernetes"
                    : throw new FormatException($"resources deriving from {t.BaseType} are not generated");
                if (t.Modifiers.Count > 0)
                    throw new FormatException("resource classes are expected to be plain 'class'");
                Header($"[global::Pulumi.ResourceType(\"{t.ResourceToken}\", \"{_version}\")]");

                var used = new List<string>();
                foreach (var p in Members(ApiMemberKind.Property))
                {
                    CheckSupported(p);
                    if (p.IsStatic || !p.Type.StartsWith("Pulumi.Output<", StringComparison.Ordinal) || p.HasSetter)
                        throw new FormatException($"no rule to generate resource property '{p.Line}'");
                    var wire = WireOf(p, input: false, out _);
                    used.Add(wire);
                    Line(2, $"[global::Pulumi.Output(\"{wire}\")]");
                    Line(2, $"{Obsolete(p)}public {Render(p.Type)} {p.Name} {{ get; private set; }} = null!;");
                    Line(0, "");
                }
                CheckAllWiresUsed(used);

                var ctors = Members(ApiMemberKind.Constructor).ToList();
                if (ctors.Count != 1)
                    throw new FormatException("a resource needs exactly one C line (name, args, options)");
                var ctor = ctors[0];
                var ps = ctor.Parameters;
                if (ps.Count != 3 || ps[0].Type != "string" || ps[2].Type != "Pulumi.CustomResourceOptions" || ctor.IsProtected)
                    throw new FormatException($"unexpected resource constructor '{ctor.Line}'");
                var argsType = ps[1].Type;
                var args = Identifier(ps[1].Name);
                Line(2, $"public {t.Name}({Parameters(ps)})");
                switch (kind)
                {
                    case "provider":
                        const string prefix = "pulumi:providers:";
                        if (!t.ResourceToken!.StartsWith(prefix, StringComparison.Ordinal))
                            throw new FormatException($"a provider's token starts with {prefix}");
                        Line(3, $": base(\"{t.ResourceToken.Substring(prefix.Length)}\", {Identifier(ps[0].Name)}, {args} ?? new {Render(argsType)}(), MakeResourceOptions({Identifier(ps[2].Name)}))");
                        break;
                    case "custom":
                        Line(3, $": base(\"{t.ResourceToken}\", {Identifier(ps[0].Name)}, {args} ?? new {Render(argsType)}(), MakeResourceOptions({Identifier(ps[2].Name)}))");
                        break;
                    default:
                        Line(3, $": base(\"{t.ResourceToken}\", {Identifier(ps[0].Name)}, SetApiVersionAndKind({args}), {Identifier(ps[2].Name)})");
                        break;
                }
                Line(2, "{");
                Line(2, "}");

                if (kind == "kubernetes")
                    EmitApiVersionAndKind(argsType);
                else
                {
                    Line(0, "");
                    EmitResourceOptionsHelper();
                }

                foreach (var m in Members(ApiMemberKind.Method))
                {
                    CheckSupported(m);
                    if (m.Name != "Get" || !m.IsStatic || m.Type != t.FullName || m.Parameters.Count != 3
                        || m.Parameters[1].Type != "Pulumi.Input<string>" || m.Parameters[2].Type != "Pulumi.CustomResourceOptions"
                        || ps[1].DefaultValue != "null")
                        throw new FormatException($"no rule to generate '{m.Line}' (only Get(name, id, options) of resources whose args are optional)");
                    if (!(_features.OptionsId && _features.OptionsMergeAndVersion))
                    {
                        _result.Skipped.Add($"{t.FullName}.Get: the runtime lacks ResourceOptions.Id or CustomResourceOptions.Merge");
                        continue;
                    }
                    var options = Identifier(m.Parameters[2].Name);
                    Line(0, "");
                    Line(2, $"public static {Full} Get({Parameters(m.Parameters)})");
                    Line(3, $"=> new {Full}({Identifier(m.Parameters[0].Name)}, null, global::Pulumi.CustomResourceOptions.Merge({options}, new global::Pulumi.CustomResourceOptions {{ Id = {Identifier(m.Parameters[1].Name)} }}));");
                }
                Unexpected(Members(ApiMemberKind.Field).Concat(Members(ApiMemberKind.EnumValue)));
                Line(1, "}");
            }

            private void EmitApiVersionAndKind(string argsType)
            {
                // kubernetes:apps/v1:Deployment -> apiVersion apps/v1, kind Deployment; the core group has no name: v1.
                var parts = _type.ResourceToken!.Split(':');
                if (parts.Length != 3 || parts[0] != "kubernetes")
                    throw new FormatException($"unexpected Kubernetes token {_type.ResourceToken}");
                var apiVersion = parts[1].StartsWith("core/", StringComparison.Ordinal) ? parts[1].Substring("core/".Length) : parts[1];
                if (!_listing.Types.TryGetValue(argsType, out var args)
                    || !args.Members.Any(m => m.Name == "ApiVersion" && m.HasSetter)
                    || !args.Members.Any(m => m.Name == "Kind" && m.HasSetter))
                    throw new FormatException($"{argsType} must be selected with its ApiVersion and Kind properties");
                Line(0, "");
                Line(2, $"private static global::Pulumi.ResourceArgs SetApiVersionAndKind({Nullable(argsType)} args)");
                Line(2, "{");
                // As the official SDK (4.x): missing args become empty args, so the engine always
                // gets the apiVersion and kind.
                Line(3, $"args ??= new {Render(argsType)}();");
                Line(3, $"args.ApiVersion = \"{apiVersion}\";");
                Line(3, $"args.Kind = \"{parts[2]}\";");
                Line(3, "return args;");
                Line(2, "}");
            }

            // ---- args

            private static bool IsCollection(string type) =>
                type.StartsWith("Pulumi.InputList<", StringComparison.Ordinal)
                || type.StartsWith("Pulumi.InputMap<", StringComparison.Ordinal)
                || type.StartsWith("System.Collections.Generic.List<", StringComparison.Ordinal)
                || type.StartsWith("System.Collections.Generic.Dictionary<", StringComparison.Ordinal);

            private void EmitArgs()
            {
                var t = _type;
                if (t.Is("static") || t.Is("abstract"))
                    throw new FormatException("static or abstract args classes are not generated: hand-write it");
                Header();
                var used = new List<string>();
                var hasEmpty = false;
                foreach (var p in Members(ApiMemberKind.Property))
                {
                    CheckSupported(p);
                    if (p.IsStatic)
                    {
                        if (p.Name != "Empty" || p.Type != t.FullName || p.HasSetter)
                            throw new FormatException($"no rule to generate '{p.Line}'");
                        hasEmpty = true;
                        continue;
                    }
                    if (!p.HasGetter || !p.HasSetter)
                        throw new FormatException($"args properties are expected to have get and set: {p.Line}");
                    var wireName = WireOf(p, input: true, out var wire);
                    if (wire == null)
                        throw new FormatException($"no W line for the wire name \"{wireName}\" of {p.Name}");
                    used.Add(wireName);
                    var attr = $"[global::Pulumi.Input(\"{wireName}\"{(wire.Required ? ", required: true" : "")}{(wire.Json ? ", json: true" : "")})]";
                    var type = Render(p.Type);
                    if (IsCollection(p.Type))
                    {
                        var field = "_" + CamelCase(p.Name);
                        Line(2, attr);
                        Line(2, $"private {type}? {field};");
                        Line(0, "");
                        Line(2, $"{Obsolete(p)}public {type} {p.Name}");
                        Line(2, "{");
                        Line(3, $"get => {field} ?? ({field} = new {type}());");
                        Line(3, $"set => {field} = value;");
                        Line(2, "}");
                    }
                    else
                    {
                        Line(2, attr);
                        if (IsValueType(p.Type))
                            Line(2, $"{Obsolete(p)}public {type} {p.Name} {{ get; set; }}");
                        else if (wire.Required)
                            Line(2, $"{Obsolete(p)}public {type} {p.Name} {{ get; set; }} = null!;");
                        else
                            Line(2, $"{Obsolete(p)}public {type}? {p.Name} {{ get; set; }}");
                    }
                    Line(0, "");
                }
                CheckAllWiresUsed(used);
                var ctors = Members(ApiMemberKind.Constructor).ToList();
                if (ctors.Count != 1 || ctors[0].Parameters.Count != 0 || ctors[0].IsProtected)
                    throw new FormatException("args classes need exactly one C line: a public parameterless constructor");
                Line(2, $"public {t.Name}()");
                Line(2, "{");
                Line(2, "}");
                if (hasEmpty)
                {
                    Line(0, "");
                    Line(2, $"public static new {Full} Empty => new {Full}();");
                }
                Unexpected(Members(ApiMemberKind.Method).Concat(Members(ApiMemberKind.Field)).Concat(Members(ApiMemberKind.EnumValue)));
                Line(1, "}");
            }
        }
    }
}
