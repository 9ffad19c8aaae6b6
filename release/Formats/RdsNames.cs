using System.Text;

namespace BlueGreen.Release;

/// <summary>RDS identifiers (the pre-release snapshot's), built in one place for the stack and the ramp CLI.</summary>
public static class RdsNames
{
    /// <summary>RDS identifiers: at most 255 characters.</summary>
    public const int MaxLength = 255;

    /// <summary>
    /// The pre-release snapshot identifier of <paramref name="releaseTag"/>: <c>{prefix}-pre-{tag}</c> in RDS's
    /// characters (lower-case letters, digits, single hyphens), so <c>shop-prod</c> and <c>v1.2.3</c> give
    /// <c>shop-prod-pre-v1-2-3</c>. The prefix names the stack too, so staging and prod never share one.
    /// </summary>
    /// <exception cref="ArgumentException">The prefix does not start with a letter, or the tag has no letter or digit.</exception>
    public static string PreReleaseSnapshotIdentifier(string namePrefix, string releaseTag)
    {
        var app = RdsFragment(namePrefix);
        if (app.Length == 0 || !char.IsAsciiLetterLower(app[0]))
        {
            throw new ArgumentException(
                $"The name prefix '{namePrefix}' must start with a letter to name an RDS snapshot.", nameof(namePrefix));
        }

        var tag = RdsFragment(releaseTag);
        if (tag.Length == 0)
        {
            throw new ArgumentException(
                $"The release tag '{releaseTag}' needs at least one letter or digit to name an RDS snapshot.",
                nameof(releaseTag));
        }

        var id = $"{app}-pre-{tag}";
        return id.Length <= MaxLength ? id : id[..MaxLength].TrimEnd('-');
    }

    private static string RdsFragment(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var sb = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            var keep = char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c);
            if (keep)
            {
                sb.Append(c);
            }
            else if (sb.Length > 0 && sb[^1] != '-')
            {
                sb.Append('-');
            }
        }

        return sb.ToString().TrimEnd('-');
    }
}
