using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace Pulumi.Offline.Generator
{
    /// <summary>
    /// An API listing in the format of ../shared/pulumi-api/official/*.txt (one type or member a
    /// line: T C M P W F E V), plus the 'X token TYPE "tok"', 'X wire TYPE.MEMBER "wire"' and
    /// 'X value TYPE.MEMBER "value"' lines that offline/select-api adds.
    /// </summary>
    public sealed partial class ApiListing
    {
        private static readonly Regex TypeLine = new Regex(@"^T ((?:(?:static|abstract|sealed) )*)(class|struct|interface|enum|delegate) (\S+)(?: : ([^\[]*?))?((?: \[[^\]]*\])*)$");
        private static readonly Regex AttributeRegex = new Regex(@"\[(\w+)\(([^\]]*)\)\]");
        private static readonly Regex WireLine = new Regex(@"^W (\S+) (input|output) ""([^""]*)""(?:, (true|false), (true|false))?$");
        private static readonly Regex TokenLine = new Regex(@"^X token (\S+) ""([^""]*)""$");
        private static readonly Regex WireOverrideLine = new Regex(@"^X wire (\S+)\.(\w+) ""([^""]*)""$");
        private static readonly Regex EnumValueLine = new Regex(@"^X value (\S+)\.(\w+) ""([^""]*)""$");

        public Dictionary<string, ApiType> Types { get; } = new Dictionary<string, ApiType>(StringComparer.Ordinal);
        public List<string> Errors { get; } = new List<string>();

        public static ApiListing Parse(string text)
        {
            var listing = new ApiListing();
            var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0 && l[0] != '#').ToList();
            // Types first, so members can find their owner.
            foreach (var line in lines.Where(l => l.StartsWith("T ", StringComparison.Ordinal)))
                listing.ParseType(line);
            foreach (var line in lines.Where(l => !l.StartsWith("T ", StringComparison.Ordinal)))
            {
                try
                {
                    listing.ParseOther(line);
                }
                catch (FormatException e)
                {
                    listing.Errors.Add(e.Message);
                }
            }
            return listing;
        }

        private void ParseType(string line)
        {
            var m = TypeLine.Match(line);
            if (!m.Success)
            {
                Errors.Add($"cannot parse type line: {line}");
                return;
            }
            var bases = m.Groups[4].Success ? SplitTopLevel(m.Groups[4].Value.Trim(), ',') : new List<string>();
            var kind = m.Groups[2].Value;
            string? baseType = null;
            if (kind == "class" && bases.Count > 0 && !IsInterfaceName(bases[0]))
            {
                baseType = bases[0];
                bases.RemoveAt(0);
            }
            var type = new ApiType(m.Groups[3].Value, kind, m.Groups[1].Value.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries), baseType, bases, line);
            foreach (Match a in AttributeRegex.Matches(m.Groups[5].Value))
            {
                switch (a.Groups[1].Value)
                {
                    case "ResourceType":
                        type.ResourceToken = Unquote(a.Groups[2].Value.Split(',')[0].Trim());
                        break;
                    case "OutputType":
                        type.IsOutputType = true;
                        break;
                    case "EnumType":
                        type.IsEnumType = true;
                        break;
                    case "Obsolete":
                        type.IsObsolete = true;
                        break;
                }
            }
            Types[type.FullName] = type;
        }

        // Interfaces in listings are System.IEquatable<...>, System.Collections.IEnumerable and the like.
        private static bool IsInterfaceName(string name)
        {
            var simple = name.Split('<')[0];
            simple = simple.Substring(simple.LastIndexOf('.') + 1);
            return simple.Length > 1 && simple[0] == 'I' && char.IsUpper(simple[1]);
        }

        private ApiType Owner(string name, string line)
        {
            if (Types.TryGetValue(name, out var t))
                return t;
            throw new FormatException($"member of a type that has no T line: {line}");
        }

        private void ParseOther(string line)
        {
            var body = line.Substring(2);
            switch (line[0])
            {
                case 'W':
                    {
                        var m = WireLine.Match(line);
                        if (!m.Success)
                            throw new FormatException($"cannot parse wire line: {line}");
                        Owner(m.Groups[1].Value, line).Wires.Add(new ApiWire(m.Groups[3].Value, m.Groups[2].Value == "input",
                            m.Groups[4].Value == "true", m.Groups[5].Value == "true"));
                        return;
                    }
                case 'X':
                    {
                        var t = TokenLine.Match(line);
                        if (t.Success)
                        {
                            Owner(t.Groups[1].Value, line).InvokeToken = t.Groups[2].Value;
                            return;
                        }
                        var w = WireOverrideLine.Match(line);
                        if (w.Success)
                        {
                            Owner(w.Groups[1].Value, line).WireOverrides[w.Groups[2].Value] = w.Groups[3].Value;
                            return;
                        }
                        var v = EnumValueLine.Match(line);
                        if (v.Success)
                        {
                            Owner(v.Groups[1].Value, line).EnumValues[v.Groups[2].Value] = v.Groups[3].Value;
                            return;
                        }
                        throw new FormatException($"cannot parse directive: {line}");
                    }
                case 'C':
                    {
                        var isProtected = TakePrefix(ref body, "protected ");
                        var open = body.IndexOf('(');
                        var owner = Owner(body.Substring(0, open), line);
                        owner.Members.Add(new ApiMember(ApiMemberKind.Constructor, owner.Name, line)
                        {
                            IsProtected = isProtected,
                            Parameters = ParseParameters(body.Substring(open + 1, body.LastIndexOf(')') - open - 1)),
                        });
                        return;
                    }
                case 'M':
                    {
                        var isProtected = TakePrefix(ref body, "protected ");
                        var isStatic = TakePrefix(ref body, "static ");
                        if (TakePrefix(ref body, "abstract "))
                            throw new FormatException($"abstract methods are not supported: {line}");
                        var open = body.IndexOf('(');
                        var close = FindClose(body, open);
                        var head = body.Substring(0, open);
                        if (head.EndsWith(">", StringComparison.Ordinal))
                            throw new FormatException($"generic methods are not supported: {line}");
                        var dot = head.LastIndexOf('.');
                        var owner = Owner(head.Substring(0, dot), line);
                        var rest = body.Substring(close + 1);
                        if (!rest.StartsWith(" : ", StringComparison.Ordinal))
                            throw new FormatException($"cannot parse method line: {line}");
                        var (ret, obsolete) = StripAttributes(rest.Substring(3));
                        owner.Members.Add(new ApiMember(ApiMemberKind.Method, head.Substring(dot + 1), line)
                        {
                            IsProtected = isProtected,
                            IsStatic = isStatic,
                            Type = ret,
                            IsObsolete = obsolete,
                            Parameters = ParseParameters(body.Substring(open + 1, close - open - 1)),
                        });
                        return;
                    }
                case 'P':
                    {
                        var isStatic = TakePrefix(ref body, "static ");
                        var sep = body.IndexOf(" : ", StringComparison.Ordinal);
                        var head = body.Substring(0, sep);
                        var dot = head.LastIndexOf('.');
                        var owner = Owner(head.Substring(0, dot), line);
                        var rest = body.Substring(sep + 3);
                        var brace = rest.LastIndexOf(" { ", StringComparison.Ordinal);
                        if (brace < 0)
                            throw new FormatException($"cannot parse property line: {line}");
                        var accessors = rest.Substring(brace);
                        var (_, obsolete) = StripAttributes(accessors.Substring(accessors.IndexOf('}') + 1));
                        if (accessors.Contains("protected") || accessors.Contains("init;"))
                            throw new FormatException($"protected or init accessors are not supported: {line}");
                        owner.Members.Add(new ApiMember(ApiMemberKind.Property, head.Substring(dot + 1), line)
                        {
                            IsStatic = isStatic,
                            Type = rest.Substring(0, brace),
                            HasGetter = accessors.Contains("get;"),
                            HasSetter = accessors.Contains("set;"),
                            IsObsolete = obsolete,
                        });
                        return;
                    }
                case 'F':
                    {
                        var isProtected = TakePrefix(ref body, "protected ");
                        var isStatic = TakePrefix(ref body, "static ");
                        var isReadOnly = TakePrefix(ref body, "readonly ");
                        if (TakePrefix(ref body, "const "))
                            throw new FormatException($"constants are not supported: {line}");
                        var sep = body.IndexOf(" : ", StringComparison.Ordinal);
                        var head = body.Substring(0, sep);
                        var dot = head.LastIndexOf('.');
                        var owner = Owner(head.Substring(0, dot), line);
                        owner.Members.Add(new ApiMember(ApiMemberKind.Field, head.Substring(dot + 1), line)
                        {
                            IsProtected = isProtected,
                            IsStatic = isStatic,
                            IsReadOnly = isReadOnly,
                            Type = body.Substring(sep + 3),
                        });
                        return;
                    }
                case 'E':
                    {
                        var dot = body.LastIndexOf('.');
                        Owner(body.Substring(0, dot), line).Members.Add(new ApiMember(ApiMemberKind.EnumValue, body.Substring(dot + 1), line));
                        return;
                    }
                default:
                    throw new FormatException($"unsupported line kind: {line}");
            }
        }
    }
}
