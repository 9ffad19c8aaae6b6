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
        var release = s.Phase.ReleaseUnderWay is { } colour ? s.ReleaseOf(colour).ImageTag : null;
        Out.MarkupLine(s.Smoke is { } smoke
            ? $"Smoke test: {Esc(string.Join(' ', smoke.Command))} (timeout {Esc(DurationText.Format(smoke.Timeout))})" +
              (release is null ? "; runs with the next release" : $"; the first traffic step of {Esc(release)} waits for it to pass")
            : "Smoke test: none (smoke.command is not set)");
        Out.MarkupLine(s.Migration is { } migration
            ? $"Migration: {Esc(string.Join(' ', migration.Command))} (timeout {Esc(DurationText.Format(migration.Timeout))}), after the pre-release snapshot, before the new pods"
            : "Migration: none (migration.command is not set)");
        Out.MarkupLine(s.Maintenance.Enabled
            ? "[yellow]Maintenance: ON[/] — every request but the test route gets 503"
            : "Maintenance: off");

        var kept = s.Archive.KeptAt(now);
        if (kept.Count == 0)
        {
            Out.MarkupLine($"Archive: empty (a retired release is kept {Esc(DurationText.Format(s.Archive.Retention))})");
        }

        foreach (var archived in kept)
        {
            var data = archived.SnapshotOf is { } of ? $"data in the snapshot taken before {of}" : "no database snapshot";
            Out.MarkupLine($"Archive: {Esc(archived.Version)} until {Esc(UtcTimestamp.Format(s.Archive.KeptUntil(archived)))} ({Esc(data)}); " +
                           $"bring it back: ramp start --version {Esc(archived.Version)} --stack {Esc(s.StackName)}");
        }

        foreach (var expired in s.Archive.Releases.Except(kept))
        {
            Out.MarkupLine($"[grey]Archive: {Esc(expired.Version)} expired at {Esc(UtcTimestamp.Format(s.Archive.KeptUntil(expired)))}; " +
                           "its snapshot is deleted by the next pulumi up[/]");
        }
    }

    /// <summary>The smoke test as the deployed stack saw it (stack outputs).</summary>
    private void WriteSmokeResult(StackSettings s, StackOutputs outputs)
    {
        if (s.Smoke is null || s.Phase.ReleaseUnderWay is not { } colour || s.ReleaseOf(colour).ImageTag is not { } release)
        {
            return;
        }

        Out.MarkupLine(outputs.SmokeRelease != release
            ? $"Smoke test of {Esc(release)}: [yellow]not run yet[/] in the deployed stack (it runs at the 'pulumi up' of step 0)"
            : outputs.SmokePassed == true
                ? $"Smoke test of {Esc(release)}: [green]passed[/]"
                : $"Smoke test of {Esc(release)}: [red]not passed[/] — the Job failed or is still running; see kubectl logs job/{Esc(s.App.Name)}-smoke-…");
    }
}
