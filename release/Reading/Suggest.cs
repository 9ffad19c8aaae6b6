namespace BlueGreen.Release;

/// <summary>"Did you mean …?": the known name closest to a mistyped one.</summary>
public static class Suggest
{
    /// <summary>The candidate closest to <paramref name="text"/> by edit distance (ignoring case and
    /// surrounding spaces), when close enough to be a typo; otherwise null.</summary>
    public static string? Nearest(string text, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(candidates);
        var typed = text.Trim().ToLowerInvariant();
        var best = candidates
            .Select(c => (Candidate: c, Distance: Distance(typed, c.ToLowerInvariant())))
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Candidate, StringComparer.Ordinal)
            .FirstOrDefault();
        return best.Candidate is not null && best.Distance <= Math.Max(2, best.Candidate.Length / 3) ? best.Candidate : null;
    }

    /// <summary>Levenshtein distance.</summary>
    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }
}
