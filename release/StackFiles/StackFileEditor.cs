using System.Text.RegularExpressions;
using BlueGreen.Release;

namespace BlueGreen.Release.StackFiles;

/// <summary>What the editor did to one line.</summary>
/// <param name="Key">The bare key.</param>
/// <param name="Line">The 1-based line number in the edited text.</param>
/// <param name="Before">The line before, or null when the line was inserted.</param>
/// <param name="After">The line after.</param>
public sealed record LineChange(string Key, int Line, string? Before, string After);

/// <summary>
/// Edits scalar values of a stack file in place, line by line, so that every comment, blank line, key
/// order and quoting elsewhere stays exactly as it was: the diff of an edit is only the lines of the keys
/// it sets. A key that is not in the file yet is inserted on a new line after the closest key before it
/// in <see cref="ConfigKeys.All"/> order, with the same indentation.
/// </summary>
public static partial class StackFileEditor
{
    [GeneratedRegex(@"^[ \t]*config[ \t]*:[ \t]*(#.*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex ConfigHeader();

    /// <summary>Applies <paramref name="edits"/> to <paramref name="text"/>.</summary>
    /// <param name="path">Names the file in errors.</param>
    /// <param name="text">The file's text.</param>
    /// <param name="edits">The values to set, in order.</param>
    /// <exception cref="StackFileException">A key to set is not a one-line scalar, appears twice,
    /// or there is no <c>config:</c> block to add it to.</exception>
    public static (string Text, IReadOnlyList<LineChange> Changes) Apply(string path, string text, IEnumerable<ConfigEdit> edits)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(edits);
        var lines = new List<string>(text.Split('\n'));
        var changes = new List<LineChange>();
        foreach (var edit in edits)
        {
            var fullKey = ConfigKeys.Full(edit.Key);
            var at = FindKey(path, lines, fullKey);
            if (at is { } index)
            {
                var (body, cr) = SplitCr(lines[index]);
                var updated = ReplaceValue(path, index, body, fullKey, edit.YamlValue);
                if (updated != body)
                {
                    lines[index] = updated + cr;
                    changes.Add(new LineChange(edit.Key, index + 1, body, updated));
                }
            }
            else
            {
                var (insertAt, indent, cr) = InsertionPoint(path, lines, edit.Key);
                var line = $"{indent}{fullKey}: {edit.YamlValue}";
                lines.Insert(insertAt, line + cr);
                foreach (var c in changes.Where(c => c.Line > insertAt).ToList())
                {
                    changes[changes.IndexOf(c)] = c with { Line = c.Line + 1 };
                }

                changes.Add(new LineChange(edit.Key, insertAt + 1, null, line));
            }
        }

        return (string.Join('\n', lines), changes);
    }

    private static (string Body, string Cr) SplitCr(string line) =>
        line.EndsWith('\r') ? (line[..^1], "\r") : (line, "");

    private static int Indentation(string line) => line.Length - line.TrimStart(' ', '\t').Length;

    /// <summary>
    /// Whether <paramref name="body"/> is the line of <paramref name="fullKey"/> as YAML reads it: the key plain or
    /// quoted, then optional spaces or tabs, then the colon and a space, tab or the end of the line (YAML 1.2,
    /// 7.4 "Flow Mappings" and 8.2.2 "Block Mappings": separation space may come before the ':' indicator).
    /// <paramref name="valueStart"/> is the index just after the colon.
    /// </summary>
    internal static bool IsKeyLine(string body, string fullKey, out int valueStart)
    {
        valueStart = -1;
        var trimmed = body.TrimStart(' ', '\t');
        var indent = body.Length - trimmed.Length;
        foreach (var spelling in new[] { fullKey, $"\"{fullKey}\"", $"'{fullKey}'" })
        {
            if (!trimmed.StartsWith(spelling, StringComparison.Ordinal))
            {
                continue;
            }

            var colon = spelling.Length;
            while (colon < trimmed.Length && trimmed[colon] is ' ' or '\t')
            {
                colon++;
            }

            if (colon < trimmed.Length && trimmed[colon] == ':' && (colon + 1 == trimmed.Length || trimmed[colon + 1] is ' ' or '\t'))
            {
                valueStart = indent + colon + 1;
                return true;
            }
        }

        return false;
    }

    private static int? FindKey(string path, List<string> lines, string fullKey)
    {
        int? found = null;
        for (var i = 0; i < lines.Count; i++)
        {
            if (Indentation(lines[i]) > 0 && IsKeyLine(SplitCr(lines[i]).Body, fullKey, out _))
            {
                if (found is { } first)
                {
                    throw new StackFileException(path, i + 1, $"{fullKey} is set twice (first on line {first + 1}); keep one");
                }

                found = i;
            }
        }

        return found;
    }

    private static string ReplaceValue(string path, int index, string body, string fullKey, string newValue)
    {
        IsKeyLine(body, fullKey, out var valueStart);
        var afterColon = body[valueStart..];
        var gap = afterColon.Length - afterColon.TrimStart(' ', '\t').Length;
        var rest = afterColon[gap..];
        // A one-line flow list or map is replaced only by another (archive.releases, migration.releases): a list
        // such as ramp.schedule never becomes a scalar by an edit.
        var valueLength = rest.Length > 0 && rest[0] is '[' or '{'
            ? newValue.Length > 0 && newValue[0] is '[' or '{' ? FlowLength(rest) : null
            : ScalarLength(rest);
        if (rest.Length == 0 || valueLength is null)
        {
            throw new StackFileException(
                path, index + 1, $"{fullKey} is not a one-line scalar value, so the ramp cannot edit it in place; write it as '{fullKey}: <value>'");
        }

        var tail = rest[valueLength.Value..]; // spaces and a comment, if any
        return body[..valueStart] + (gap == 0 ? " " : afterColon[..gap]) + newValue + tail;
    }

    /// <summary>The length of the scalar at the start of <paramref name="rest"/>, or null when it is not a
    /// one-line scalar (a flow list or map, a block scalar, an anchor or tag).</summary>
    private static int? ScalarLength(string rest)
    {
        if (rest.Length == 0 || rest[0] is '[' or '{' or '|' or '>' or '&' or '*' or '!' or '#')
        {
            return null;
        }

        if (rest[0] == '"')
        {
            for (var i = 1; i < rest.Length; i++)
            {
                if (rest[i] == '\\')
                {
                    i++;
                }
                else if (rest[i] == '"')
                {
                    return i + 1;
                }
            }

            return null;
        }

        if (rest[0] == '\'')
        {
            for (var i = 1; i < rest.Length; i++)
            {
                if (rest[i] == '\'')
                {
                    if (i + 1 < rest.Length && rest[i + 1] == '\'')
                    {
                        i++;
                        continue;
                    }

                    return i + 1;
                }
            }

            return null;
        }

        var comment = rest.IndexOf(" #", StringComparison.Ordinal);
        var tab = rest.IndexOf("\t#", StringComparison.Ordinal);
        var end = new[] { comment, tab }.Where(i => i >= 0).DefaultIfEmpty(rest.Length).Min();
        return rest[..end].TrimEnd(' ', '\t').Length;
    }

    /// <summary>The length of the flow collection opening <paramref name="rest"/>, or null when it does not close on this line.</summary>
    private static int? FlowLength(string rest)
    {
        var depth = 0;
        for (var i = 0; i < rest.Length; i++)
        {
            switch (rest[i])
            {
                case '"':
                    for (i++; i < rest.Length && rest[i] != '"'; i++)
                    {
                        i += rest[i] == '\\' ? 1 : 0;
                    }

                    break;
                case '\'':
                    for (i++; i < rest.Length && !(rest[i] == '\'' && (i + 1 >= rest.Length || rest[i + 1] != '\'')); i++)
                    {
                        i += rest[i] == '\'' ? 1 : 0;
                    }

                    break;
                case '[' or '{':
                    depth++;
                    break;
                case ']' or '}':
                    if (--depth == 0)
                    {
                        return i + 1;
                    }

                    break;
            }
        }

        return null;
    }

    private static (int Index, string Indent, string Cr) InsertionPoint(string path, List<string> lines, string key)
    {
        var order = ConfigKeys.All.ToList();
        var position = order.IndexOf(key);
        for (var k = position - 1; k >= 0; k--)
        {
            if (FindKey(path, lines, ConfigKeys.Full(order[k])) is { } anchor)
            {
                var indent = lines[anchor][..Indentation(lines[anchor])];
                var after = anchor + 1;
                var anchorIndent = Indentation(lines[anchor]);
                while (after < lines.Count && SplitCr(lines[after]).Body.Trim().Length > 0
                       && !SplitCr(lines[after]).Body.TrimStart().StartsWith('#') && Indentation(lines[after]) > anchorIndent)
                {
                    after++; // a block value of the anchor continues on more-indented lines
                }

                return (after, indent, SplitCr(lines[anchor]).Cr);
            }
        }

        var header = lines.FindIndex(l => ConfigHeader().IsMatch(SplitCr(l).Body));
        if (header < 0)
        {
            throw new StackFileException(path, 0, $"there is no 'config:' block to add {ConfigKeys.Full(key)} to");
        }

        var first = lines.FindIndex(header + 1, l => SplitCr(l).Body.Trim().Length > 0 && Indentation(l) > 0);
        var indentation = first >= 0 ? lines[first][..Indentation(lines[first])] : "  ";
        return (header + 1, indentation, SplitCr(lines[header]).Cr);
    }
}
