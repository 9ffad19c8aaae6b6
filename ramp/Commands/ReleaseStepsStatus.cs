using BlueGreen.Ramp.Tools;
using BlueGreen.Release;
using Spectre.Console;

namespace BlueGreen.Ramp;

/// <summary>The release steps around the switch in <c>status</c>: smoke test, migration, maintenance, archive.</summary>
public sealed partial class RampApp
{
    /// <summary>What the file asks of the release steps.</summary>
    private void WriteReleaseSteps(StackSettings s, DateTimeOffset now)
    {
        var release = s.ReleaseUnderWayTag;
        Out.MarkupLine(s.Smoke is { } smoke
            ? $"Smoke test: {Esc(string.Join(' ', smoke.Command))} (timeout {Esc(DurationText.Format(smoke.Timeout))})" +
              (release is null ? "; runs with the next release" : $"; the first traffic step of {Esc(release)} waits for it to pass")
            : "Smoke test: none (smoke.command is not set)");
        Out.MarkupLineInterpolated(s.Migration is { } migration
            ? (FormattableString)$"Migration: {string.Join(' ', migration.Command)} (timeout {DurationText.Format(migration.Timeout)}), after the pre-release snapshot, before the new pods"
            : $"Migration: none (migration.command is not set)");
        Out.MarkupLine(s.Maintenance.Enabled
            ? "[yellow]Maintenance: ON[/] — every request but the test route gets 503"
            : "Maintenance: off");

        var kept = s.Archive.KeptAt(now);
        if (kept.Count == 0)
        {
            Out.MarkupLineInterpolated($"Archive: empty (a retired release is kept {DurationText.Format(s.Archive.Retention)})");
        }

        foreach (var archived in kept)
        {
            var data = archived.SnapshotOf is { } of ? $"data in the snapshot taken before {of}" : "no database snapshot";
            Out.MarkupLineInterpolated($"Archive: {archived.Version} until {UtcTimestamp.Format(s.Archive.KeptUntil(archived))} ({data}); bring it back: ramp start --version {archived.Version} --stack {s.StackName}");
        }

        foreach (var expired in s.Archive.Releases.Except(kept))
        {
            Out.MarkupLineInterpolated($"[grey]Archive: {expired.Version} kept until {UtcTimestamp.Format(s.Archive.KeptUntil(expired))}, still declared; 'ramp prune --stack {s.StackName}' removes it[/]");
        }
    }

    /// <summary>The smoke test as the deployed stack saw it (stack outputs).</summary>
    private void WriteSmokeResult(StackSettings s, StackOutputs outputs)
    {
        if (s.Smoke is null || s.ReleaseUnderWayTag is not { } release)
        {
            return;
        }

        Out.MarkupLineInterpolated(outputs.SmokeRelease != release
            ? (FormattableString)$"Smoke test of {release}: [yellow]not run yet[/] in the deployed stack (it runs at the 'pulumi up' of step 0)"
            : outputs.SmokePassed == true
                ? (FormattableString)$"Smoke test of {release}: [green]passed[/]"
                : $"Smoke test of {release}: [red]not passed[/] — the Job failed or is still running; see kubectl logs job/{s.App.Name}-smoke-…");
    }
}
