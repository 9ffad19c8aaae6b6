using System.Diagnostics.CodeAnalysis;

namespace BlueGreen.Release;

/// <summary>
/// One thing wrong with the stack config, e.g.
/// <c>bluegreen:ramp.schedule: [0, 50, 25, 100] is not strictly increasing; each step must be greater than the one before and the last must be 100</c>.
/// </summary>
/// <param name="Key">The key at fault, without the namespace.</param>
/// <param name="Value">The value as read, or a description of the part at fault (null when the key is missing).
/// No key that may hold a secret (<c>kubernetes.kubeconfig</c>) is ever quoted.</param>
/// <param name="Problem">What is wrong and what is allowed, following the value.</param>
public sealed record ConfigProblem(string Key, string? Value, string Problem)
{
    /// <summary>The full message: namespaced key, value, problem.</summary>
    public string Message => Value is null
        ? $"{ConfigKeys.Full(Key)}: {Problem}"
        : $"{ConfigKeys.Full(Key)}: {Value} {Problem}";

    /// <inheritdoc />
    public override string ToString() => Message;
}

/// <summary>What <see cref="StackSettingsReader.Read(Func{string, string?}, string, DateTimeOffset)"/>
/// returns: the settings when the config is valid, otherwise every problem found.</summary>
public sealed record StackSettingsResult
{
    private StackSettingsResult(StackSettings? settings, IReadOnlyList<ConfigProblem> problems)
    {
        Settings = settings;
        Problems = problems;
    }

    /// <summary>The settings; null when there are problems.</summary>
    public StackSettings? Settings { get; }

    /// <summary>Every problem found, in the order the keys are read; empty when valid.</summary>
    public IReadOnlyList<ConfigProblem> Problems { get; }

    /// <summary>Whether the config is valid.</summary>
    [MemberNotNullWhen(true, nameof(Settings))]
    public bool IsValid => Settings is not null;

    /// <summary>The settings, or an exception listing every problem.</summary>
    /// <exception cref="InvalidStackSettingsException">The config has problems.</exception>
    public StackSettings GetSettingsOrThrow(string stackName = "") =>
        Settings ?? throw new InvalidStackSettingsException(stackName, Problems);

    internal static StackSettingsResult Valid(StackSettings settings) => new(settings, []);

    internal static StackSettingsResult Invalid(IReadOnlyList<ConfigProblem> problems) => new(null, problems);
}

/// <summary>The stack config is invalid; the message lists every problem, one per line.</summary>
public sealed class InvalidStackSettingsException : Exception
{
    public InvalidStackSettingsException(string stackName, IReadOnlyList<ConfigProblem> problems)
        : base(Describe(stackName, problems)) => Problems = problems;

    public InvalidStackSettingsException()
        : this("", [])
    {
    }

    public InvalidStackSettingsException(string message)
        : base(message) => Problems = [];

    public InvalidStackSettingsException(string message, Exception innerException)
        : base(message, innerException) => Problems = [];

    /// <summary>The problems.</summary>
    public IReadOnlyList<ConfigProblem> Problems { get; }

    private static string Describe(string stackName, IReadOnlyList<ConfigProblem> problems)
    {
        var stack = string.IsNullOrEmpty(stackName) ? "The stack" : $"Stack {stackName}";
        return $"{stack} config has {problems.Count} problem(s):{System.Environment.NewLine}" +
               string.Join(System.Environment.NewLine, problems.Select(p => $"  - {p.Message}"));
    }
}
