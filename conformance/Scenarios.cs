using BlueGreen.Preview;
using BlueGreen.Release;
using BlueGreen.Release.StackFiles;

namespace BlueGreen.Conformance;

/// <summary>One move of a stack: the config before (null: nothing deployed yet) and after.</summary>
public sealed record Move(string Stack, string Name, PreviewConfig? Before, PreviewConfig After);

/// <summary>
/// The moves the stage previews, derived the way the ramp makes them: the stack file as committed (applied
/// to an empty stack), then every release move through <see cref="ReleaseMoves"/> (start, each step, promote,
/// rollback during the ramp and after promotion, retire, a start from the retired colour), and the feature
/// switches (maintenance, smoke test and migration, automatic rollback on and off, a port change). The clock
/// is fixed (from 2025-01-01, in the past: the program refuses times in the future) and moves on by ten days per
/// move, so every bake and stabilization window has ended: the same
/// moves on every run.
/// </summary>
public static class Scenarios
{
    private static readonly DateTimeOffset Epoch = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The moves the release model refused on the way (for --verbose): the walk goes on without them.</summary>
    public static List<string> Refusals { get; } = [];

    public static IReadOnlyList<Move> For(string repoRoot, string stack)
    {
        var committedText = StackFileText.Read(StackFile.PathOf(repoRoot, stack));
        var committed = StackFile.Parse(StackFile.PathOf(repoRoot, stack), stack, committedText);
        var moves = new List<Move> { new(stack, "as committed (a new stack)", null, ConfigOf(committed)) };
        var clock = Epoch;
        var file = committed;
        var text = committedText;

        Move? Step(string name, Func<StackSettings, DateTimeOffset, MovePlan> decide)
        {
            clock = clock.AddDays(10);
            var settings = Settings(file, clock);
            var decision = decide(settings, clock);
            if (decision.Change is not { } change)
            {
                Refusals.Add($"{stack}: {name}: {decision.Refusal ?? "nothing to do"}");
                return null;
            }

            var (next, nextText) = Edit(file, text, change.Edits);
            var move = new Move(stack, name, ConfigOf(file), ConfigOf(next));
            moves.Add(move);
            (file, text) = (next, nextText);
            return move;
        }

        // The release under way in the file (or a new one), every step, promotion, retirement, a new start.
        // The release the file ramps (started again, as 'ramp start --version' of its tag does, which stamps the
        // step's time), or a new one.
        var first = Settings(file, clock);
        var tag = first.Phase.Kind == ReleasePhaseKind.Ramping ? first.ReleaseOf(first.OtherColour).ImageTag ?? "9.0.0" : "9.0.0";
        Step($"start {tag}", (s, now) => ReleaseMoves.Start(s, tag, now));

        for (var i = 0; i < 10 && Step($"next (step {Settings(file, clock).Ramp.Step + 1})", (s, now) => ReleaseMoves.Next(s, now)) is not null; i++)
        {
        }

        Step("promote", (s, now) => ReleaseMoves.Promote(s, now));
        var (promoted, promotedText) = (file, text);
        Step("retire", (s, now) => ReleaseMoves.Retire(s, now));
        Step("start 9.1.0 on the retired colour", (s, now) => ReleaseMoves.Start(s, "9.1.0", now));
        Step("next (step 1)", (s, now) => ReleaseMoves.Next(s, now));
        Step("rollback during the ramp", (s, now) => ReleaseMoves.Rollback(s, now));

        // Rollback after promotion, from the promoted file.
        (file, text) = (promoted, promotedText);
        Step("rollback after promotion", (s, now) => ReleaseMoves.Rollback(s, now));

        // The switches, each on the committed file.
        // Maintenance while a colour is at risk needs the automatic rollback off (its 503s count in the ELB's 5xx).
        Toggle(moves, committed, "maintenance on", (ConfigKeys.RollbackAutomatic, "false", false), (ConfigKeys.MaintenanceEnabled, "true", false));
        Toggle(moves, committed, "smoke test and migration on",
            (ConfigKeys.SmokeCommand, "[\"/app/smoke-test\"]", true), (ConfigKeys.MigrationCommand, "[\"/app/migrate\", \"up\"]", true));
        Toggle(moves, committed, "automatic rollback on", (ConfigKeys.RollbackAutomatic, "true", false));
        Toggle(moves, committed, "automatic rollback off", (ConfigKeys.RollbackAutomatic, "false", false));
        var port = int.TryParse(committed.Get(ConfigKeys.AppPort), out var p) ? p + 1 : 8081;
        Toggle(moves, committed, $"port change to {port}", (ConfigKeys.AppPort, $"{port}", false));
        return moves;
    }

    /// <summary>The settings a move decides from; a stack file the reader refuses stops the stage with its problems.</summary>
    public static StackSettings Settings(StackFile file, DateTimeOffset now)
    {
        var result = StackSettingsReader.Read(key => file.Config.GetValueOrDefault(ConfigKeys.Full(key)), file.StackName, now);
        return result.Settings ?? throw new InvalidOperationException(
            $"{file.Path}: {string.Join("; ", result.Problems.Select(p => p.Message))}");
    }

    /// <summary>A switch is not a ramp move: the config is changed as <c>pulumi config set</c> would (a key already set
    /// to some value stays as it is: the switch is on already).</summary>
    private static void Toggle(List<Move> moves, StackFile from, string name, params (string Key, string Value, bool OnlyWhenUnset)[] values)
    {
        var overrides = values.Where(v => v.OnlyWhenUnset ? from.Get(v.Key) is null : from.Get(v.Key) != v.Value)
            .ToDictionary(v => v.Key, v => (string?)v.Value);
        if (overrides.Count > 0)
        {
            var before = ConfigOf(from);
            moves.Add(new Move(from.StackName, name, before, before.With(overrides)));
        }
    }

    private static (StackFile File, string Text) Edit(StackFile file, string text, IEnumerable<ConfigEdit> edits)
    {
        var (edited, _) = StackFileEditor.Apply(file.Path, text, edits);
        return (StackFile.Parse(file.Path, file.StackName, edited), edited);
    }

    /// <summary>The preview config of a stack file.</summary>
    public static PreviewConfig ConfigOf(StackFile file) => PreviewConfig.FromStackFile(file);
}
