using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace Pulumi.Offline.Generator
{
    /// <summary>The listing's text syntax: attributes, parameter lists, top-level splitting and quoting.</summary>
    public sealed partial class ApiListing
    {
        private static (string Text, bool Obsolete) StripAttributes(string text)
        {
            var obsolete = false;
            foreach (Match a in AttributeRegex.Matches(text))
                obsolete |= a.Groups[1].Value == "Obsolete";
            var bracket = text.IndexOf(" [", StringComparison.Ordinal);
            var rest = bracket >= 0 ? text.Substring(0, bracket) : text;
            return (rest.Trim(), obsolete);
        }

        private static bool TakePrefix(ref string text, string prefix)
        {
            if (!text.StartsWith(prefix, StringComparison.Ordinal))
                return false;
            text = text.Substring(prefix.Length);
            return true;
        }

        private static int FindClose(string text, int open)
        {
            var depth = 0;
            for (var i = open; i < text.Length; i++)
            {
                if (text[i] == '(')
                    depth++;
                else if (text[i] == ')' && --depth == 0)
                    return i;
            }
            throw new FormatException($"unbalanced parentheses: {text}");
        }

        public static IReadOnlyList<ApiParameter> ParseParameters(string text)
        {
            var result = new List<ApiParameter>();
            if (text.Trim().Length == 0)
                return result;
            foreach (var part in SplitTopLevel(text, ','))
            {
                var p = part.Trim();
                if (p.StartsWith("params ", StringComparison.Ordinal) || p.StartsWith("ref ", StringComparison.Ordinal)
                    || p.StartsWith("out ", StringComparison.Ordinal) || p.StartsWith("in ", StringComparison.Ordinal))
                    throw new FormatException($"params/ref/out/in parameters are not supported: {text}");
                string? def = null;
                var eq = p.IndexOf(" = ", StringComparison.Ordinal);
                if (eq >= 0)
                {
                    def = p.Substring(eq + 3);
                    p = p.Substring(0, eq);
                }
                var space = LastTopLevelSpace(p);
                if (space < 0)
                    throw new FormatException($"cannot parse parameter '{part}'");
                result.Add(new ApiParameter(p.Substring(0, space), p.Substring(space + 1), def));
            }
            return result;
        }

        private static int LastTopLevelSpace(string text)
        {
            var depth = 0;
            var last = -1;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (c == '<')
                    depth++;
                else if (c == '>')
                    depth--;
                else if (c == ' ' && depth == 0)
                    last = i;
            }
            return last;
        }

        public static List<string> SplitTopLevel(string text, char separator)
        {
            var parts = new List<string>();
            var depth = 0;
            var start = 0;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (c == '<' || c == '(')
                    depth++;
                else if (c == '>' || c == ')')
                    depth--;
                else if (c == separator && depth == 0)
                {
                    parts.Add(text.Substring(start, i - start).Trim());
                    start = i + 1;
                }
            }
            parts.Add(text.Substring(start).Trim());
            return parts.Where(p => p.Length > 0).ToList();
        }

        private static string Unquote(string s) => s.Length >= 2 && s[0] == '"' ? s.Substring(1, s.Length - 2) : s;
    }
}
