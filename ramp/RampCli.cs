using System.CommandLine;
using System.CommandLine.Parsing;
using BlueGreen.Preview;
using BlueGreen.Release;

namespace BlueGreen.Ramp;

/// <summary>The command line: <c>ramp &lt;command&gt; --stack S [options]</c>.</summary>
public static class RampCli
{
    /// <summary>Parses <paramref name="args"/> and runs the command; returns the exit code.</summary>
    /// <remarks>Parse errors (an unknown option, a duration or format that does not parse) are written to the
    /// services' console like every other message, and exit 1.</remarks>
    public static Task<int> InvokeAsync(string[] args, RampServices services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        var console = new ConsoleTextWriter(services.Console);
        return Build(services).Parse(args).InvokeAsync(new InvocationConfiguration { Output = console, Error = console }, cancellationToken);
    }

    /// <summary>The command tree over <paramref name="services"/>.</summary>
    public static RootCommand Build(RampServices services)
    {
        var app = new RampApp(services);
        var root = new RootCommand(
            "Ramp a blue/green release of a stack: every step is an edit of Pulumi.<stack>.yaml, previewed and applied with pulumi.");

        var live = new Option<bool>("--live") { Description = "Require the live state (alarms, listener weights, automatic rollback): exit 5 when it cannot be read." };
        var status = ReadOnly("status", "Live colour, releases, the schedule and the current step, bake and stabilization time left; live alarms and listener weights when AWS credentials are present.", app,
            (options, ct) => app.StatusAsync(options, requireLive: false, ct));
        status.Options.Add(live);
        status.SetAction((result, ct) => app.RunAsync(() => app.StatusAsync(OptionsOf(result, status), result.GetValue(live), ct), "ramp status"));
        root.Subcommands.Add(status);
        root.Subcommands.Add(Preview(services, app));
        root.Subcommands.Add(ReadOnly("plan", "The whole schedule as a timeline: steps, bake times and the earliest completion from now and from ramp.stepSetAt.", app, app.PlanAsync));

        var version = new Option<string>("--version") { Description = "The image tag to release on the idle colour.", Required = true };
        var start = Changing("start", "Begin a release: the idle colour gets --version, at step 0 (0 %), from now.", app,
            (result, options, ct) => app.StartAsync(options, result.GetRequiredValue(version), ct));
        start.Options.Add(version);
        root.Subcommands.Add(start);

        root.Subcommands.Add(ReadOnly("history", "Each applied step, rollback, promotion and retirement with when it was applied and by which commit (pulumi stack history), and per release the lead time from start to promotion and its rollbacks.", app, app.HistoryAsync));
        root.Subcommands.Add(Verdict(app));
        root.Subcommands.Add(ReadOnly("verify", "The gates checked where a change is applied: the stack file against what is deployed (one step at a time, the deployed step baked since its update finished, no critical alarm); exit 2 refuses. The apply workflow runs it before pulumi up.", app, app.VerifyAsync));
        root.Subcommands.Add(Forceable(Changing("next", "Advance one step once the current step has baked and no critical alarm of the new colour is in ALARM or without data.", app,
            (result, options, ct) => app.NextAsync(WithForce(result, options), ct))));
        root.Subcommands.Add(Changing("rollback", "Send all traffic back to the live colour at once (ramp.step: 0, no gates); previews and applies without asking.", app, app.RollbackAsync));
        root.Subcommands.Add(Forceable(Changing("promote", "At the last step (100 %), once baked and without critical alarms: make the new colour live and record the promotion time.", app,
            (result, options, ct) => app.PromoteAsync(WithForce(result, options), ct))));
        root.Subcommands.Add(Changing("retire", "After the stabilization window: tear the old colour down (release.retired).", app, app.RetireAsync));
        root.Subcommands.Add(Advance(app));
        root.Subcommands.Add(Changing("prune", "Remove the archived releases whose archive.retention is over from archive.releases: the only way a release's snapshot leaves the stack.", app, app.PruneAsync));

        var bake = new Option<TimeSpan?>("--bake")
        {
            Description = "How long to watch, e.g. 30m or 2h; by default until the current step has baked (ramping) or the stabilization window ends (after a promotion).",
            HelpName = "duration",
            CustomParser = r => ParseDuration(r, "--bake"),
        };
        var interval = new Option<TimeSpan?>("--interval")
        {
            Description = "How often to poll the alarms (default 30s).",
            HelpName = "duration",
            CustomParser = r => ParseDuration(r, "--interval"),
        };
        var watch = Changing("watch", "Poll the rollback alarm of the colour at risk (ramping, or just promoted) until the step has baked or the stabilization window ends (or --bake); on ALARM roll back and exit 3.", app,
            (result, options, ct) => app.WatchAsync(
                options,
                result.GetValue(bake),
                result.GetValue(interval) ?? TimeSpan.FromSeconds(30),
                ct));
        watch.Options.Add(bake);
        watch.Options.Add(interval);
        root.Subcommands.Add(watch);
        return root;
    }

    /// <summary><c>preview --stack S [--step N] [--set key=value ...] [--format text|json|markdown] [--out FILE]</c>.</summary>
    private static Command Preview(RampServices services, RampApp app)
    {
        var step = new Option<int?>("--step") { Description = "Preview moving the ramp to this step (ramp.step, with ramp.stepSetAt = now)." };
        var set = new Option<string[]>("--set") { Description = "A proposed config change, key=value (repeatable; bare keys are bluegreen: keys; key= removes a key).", AllowMultipleArgumentsPerToken = true };
        var format = new Option<PreviewFormat?>("--format")
        {
            Description = "text (default), json or markdown (a pull-request comment).",
            HelpName = "text|json|markdown",
            CustomParser = ParseFormat,
        };
        var output = new Option<string?>("--out") { Description = "Write the report to this file; markdown also writes the ramp chart (PNG) next to it." };
        var from = new Option<string?>("--from") { Description = "Compare from this stack file (e.g. the base branch's, from git show) instead of the current one; the current file is then the proposal." };
        var command = new Command("preview", "What a config change would do to the stack, computed offline like `pulumi preview --diff` (no credentials; writes nothing).")
        {
            StackOption, step, set, format, output, from,
        };
        command.SetAction((result, ct) => app.RunAsync(() => PreviewCommand.RunAsync(
            services,
            new PreviewRequest(result.GetRequiredValue(StackOption), result.GetValue(step), result.GetValue(set) ?? [], result.GetValue(format) ?? PreviewFormat.Text, result.GetValue(output), result.GetValue(from)),
            ct), "ramp preview"));
        return command;
    }

    /// <summary><c>advance --stack S</c>: no --allow-dirty (a proposal is made from the committed file only), no --yes (it applies nothing).</summary>
    private static Command Advance(RampApp app)
    {
        var command = new Command(
            "advance",
            "With ramp.autoProgress propose or merge: when the next step (or the promotion) is due — baked, no critical alarm, smoke passed, targets healthy, " +
            "no unacknowledged automatic rollback, no ramp pull request open — open one pull request with the edit 'next' (or 'promote') makes; " +
            "in merge mode also enable auto-merge. Otherwise open nothing and say why (exit 0). The scheduled workflow advance.yml runs it.")
        {
            StackOption,
        };
        command.SetAction((result, ct) => app.RunAsync(() => app.AdvanceAsync(new CommandOptions(result.GetRequiredValue(StackOption)), ct), "ramp advance"));
        return command;
    }

    /// <summary><c>verdict --stack S [--base FILE] [--live] [--format text|markdown] [--out FILE] [--annotate]</c>.</summary>
    private static Command Verdict(RampApp app)
    {
        var baseFile = new Option<string?>("--base") { Description = "The base branch's stack file (e.g. from git show): offline, what is taken as deployed; with --live, what the deployed state is compared with." };
        var live = new Option<bool>("--live") { Description = "Read what is deployed and the gates' live evidence (pulumi and aws, read-only), as verify does." };
        var format = new Option<string>("--format") { Description = "text (default) or markdown (the top of a pull-request comment).", HelpName = "text|markdown", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "markdown");
        var output = new Option<string?>("--out") { Description = "Write the verdict to this file instead of standard output." };
        var annotate = new Option<bool>("--annotate") { Description = "Also print a GitHub workflow command: ::error for a refusal, ::warning for a forced gate." };
        var command = new Command("verdict", "The pull request's stack file judged as a move before it is merged, with verify's plans and gates: offline against the base branch's file (the gates that need the live state are not read), or --live against what is deployed. Exit 2 refuses.")
        {
            StackOption, baseFile, live, format, output, annotate,
        };
        command.SetAction((result, ct) => app.RunAsync(() => app.VerdictAsync(
            new VerdictRequest(result.GetRequiredValue(StackOption), result.GetValue(baseFile), result.GetValue(live), result.GetValue(format) == "markdown", result.GetValue(output), result.GetValue(annotate)),
            ct), "ramp verdict"));
        return command;
    }

    private static readonly Option<string> StackOption = new("--stack", "-s") { Description = "The Pulumi stack; its file is Pulumi.<stack>.yaml in the current directory.", Required = true };
    private static readonly Option<bool> AllowDirtyOption = new("--allow-dirty") { Description = "Go ahead although the stack file has uncommitted changes." };
    private static readonly Option<bool> DryRunOption = new("--dry-run") { Description = "Show the change and the offline preview; write nothing and run no pulumi." };
    private static readonly Option<bool> YesOption = new("--yes", "-y") { Description = "Apply with pulumi up without asking." };

    private static Command ReadOnly(string name, string description, RampApp app, Func<CommandOptions, CancellationToken, Task<int>> run)
    {
        var command = new Command(name, description) { StackOption, AllowDirtyOption };
        command.SetAction((result, ct) => app.RunAsync(() => run(OptionsOf(result, command), ct), $"ramp {name}"));
        return command;
    }

    private static Command Changing(string name, string description, RampApp app, Func<CommandOptions, CancellationToken, Task<int>> run) =>
        Changing(name, description, app, (_, options, ct) => run(options, ct));

    private static Command Changing(string name, string description, RampApp app, Func<ParseResult, CommandOptions, CancellationToken, Task<int>> run)
    {
        var command = new Command(name, description) { StackOption, AllowDirtyOption, DryRunOption, YesOption };
        command.SetAction((result, ct) => app.RunAsync(() => run(result, OptionsOf(result, command), ct), $"ramp {name}"));
        return command;
    }

    private static CommandOptions OptionsOf(ParseResult result, Command command) => new(
        result.GetRequiredValue(StackOption),
        result.GetValue(AllowDirtyOption),
        command.Options.Contains(DryRunOption) && result.GetValue(DryRunOption),
        command.Options.Contains(YesOption) && result.GetValue(YesOption));

    private static readonly Option<bool> ForceOption = new("--force") { Description = "Pass the bake, alarm and target-health gates; needs --reason, which is written into the stack file next to the step." };
    private static readonly Option<string?> ReasonOption = new("--reason") { Description = "Why the gates may be passed (one line): in the commit, the PR and 'status'." };

    private static Command Forceable(Command command)
    {
        command.Options.Add(ForceOption);
        command.Options.Add(ReasonOption);
        return command;
    }

    private static CommandOptions WithForce(ParseResult result, CommandOptions options)
    {
        var force = result.GetValue(ForceOption);
        var reason = result.GetValue(ReasonOption)?.Trim();
        if (force != !string.IsNullOrEmpty(reason))
        {
            throw new RampException(force
                ? "--force needs --reason \"...\": why the gates may be passed, written into the stack file next to the step."
                : "--reason goes with --force.");
        }

        return options with { ForceReason = force ? reason : null };
    }

    /// <summary>A duration option (<c>30s</c>, <c>10m</c>, <c>2h</c>); anything else is a parse error naming the option.</summary>
    private static TimeSpan? ParseDuration(ArgumentResult result, string option)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Join(' ', result.Tokens.Select(t => t.Value));
        if (DurationText.TryParse(text, out var duration) && duration > TimeSpan.Zero)
        {
            return duration;
        }

        result.AddError($"{option} {text} is not {DurationText.Expected} above 0, e.g. 30s, 10m or 2h.");
        return null;
    }

    private static PreviewFormat? ParseFormat(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        try
        {
            return PreviewReport.ParseFormat(text);
        }
        catch (FormatException)
        {
            result.AddError($"--format {text} is not one of text, json, markdown.");
            return null;
        }
    }
}
