using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace BlueGreen.Release;

/// <summary>
/// What the automatic rollback runbook records in the stack's SSM parameter: the automation execution that
/// rolled back (its id is the record's identity, which <c>rollback.acknowledged</c> names), the alarm, when the
/// alarm went to ALARM (ISO 8601, the EventBridge event's <c>time</c>), which colour it rolled back and where
/// traffic went. <c>none</c> (or no parameter yet) when it never ran.
/// </summary>
public sealed partial record AutomaticRollbackRecord(string ExecutionId, string At, string Alarm, Colour RolledBack, Colour To)
{
    /// <summary>The record's value when no automatic rollback happened.</summary>
    public const string None = "none";

    /// <summary>SSM's error code for a parameter that does not exist (the record before its first apply).</summary>
    public const string NotFoundError = "ParameterNotFound";

    /// <summary>
    /// Whether a failed read of the record says the parameter does not exist: SSM's <c>ParameterNotFound</c>, or the
    /// words the AWS provider wraps it in (its data source turns it into a not-found error, "couldn't find resource").
    /// </summary>
    public static bool IsNotFound(string? errorText) =>
        errorText is not null && (errorText.Contains(NotFoundError, StringComparison.Ordinal)
                                  || errorText.Contains("couldn't find resource", StringComparison.OrdinalIgnoreCase));

    /// <summary>The SSM parameter of a stack's record: <c>/bluegreen/{app}-{stack}/automatic-rollback</c>.</summary>
    public static string NameOf(string namePrefix) => $"/bluegreen/{namePrefix}/automatic-rollback";

    /// <summary>
    /// Reads a record's value: null for "none", for a missing parameter (null) and for an empty value — none of
    /// them is a rollback.
    /// </summary>
    /// <exception cref="FormatException">Something else than a record: the message says what is wrong and how to
    /// look at it; an unreadable record is never taken for "no rollback".</exception>
    public static AutomaticRollbackRecord? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Trim() == None)
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(value);
            var root = json.RootElement;
            string Text(string name) => root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString()! : "";
            var problems = new List<string>();
            if (!IsExecutionId(Text("executionId")))
            {
                problems.Add($"executionId '{Text("executionId")}' is not an automation execution id");
            }

            if (!DateTimeOffset.TryParse(Text("at"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _))
            {
                problems.Add($"at '{Text("at")}' is not an ISO 8601 time");
            }

            var coloursRead = Colours.TryParse(Text("rolledBack"), out var rolledBack) & Colours.TryParse(Text("to"), out var to);
            if (!coloursRead || rolledBack == to)
            {
                problems.Add($"rolledBack '{Text("rolledBack")}' and to '{Text("to")}' must be blue and green");
            }

            return problems.Count == 0
                ? new AutomaticRollbackRecord(Text("executionId"), Text("at"), Text("alarm"), rolledBack, to)
                : throw Unreadable(value, string.Join("; ", problems));
        }
        catch (JsonException e)
        {
            throw Unreadable(value, e.Message);
        }
    }

    private static FormatException Unreadable(string value, string why) => new(
        $"the automatic rollback record is neither '{None}' nor a record the runbook writes ({why}): '{value}'. " +
        "Look at the runbook's executions (Systems Manager > Automation) before anything is applied; see docs/runbook.md");

    /// <summary>
    /// Whether <paramref name="text"/> is an SSM Automation execution id: 36 characters (botocore's ssm model, shape
    /// <c>AutomationExecutionId</c>: min and max length 36), hex digits and hyphens as in the UUIDs SSM gives executions.
    /// </summary>
    public static bool IsExecutionId(string? text) => text is { Length: 36 } && ExecutionIdPattern().IsMatch(text);

    /// <summary>What <c>rollback.acknowledged</c> may hold, for its error message.</summary>
    public const string AcknowledgementRule =
        "an automation execution id (36 hex digits and hyphens, a UUID such as 8f2c1a57-3d4e-4b6a-9c0d-1e2f3a4b5c6d, the executionId of the record " +
        "that 'ramp rollback' writes; 'aws ssm get-parameter --name /bluegreen/<app>-<stack>/automatic-rollback' shows it), or unset";

    /// <summary>Whether the stack file acknowledges this rollback (<c>rollback.acknowledged</c> is its execution id).</summary>
    public bool IsAcknowledgedBy(StackSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return string.Equals(settings.Rollback.Acknowledged, ExecutionId, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Why <paramref name="settings"/> may not be applied (or moved forward from) while this record stands, or null.
    /// A config that gives the colour AWS rolled back any weight would silently undo the rollback; one that
    /// acknowledges the record (its execution id in <c>rollback.acknowledged</c>, written by <c>ramp rollback</c>)
    /// may go ahead.
    /// </summary>
    public string? Refusal(StackSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (IsAcknowledgedBy(settings) || settings.Split.WeightOf(RolledBack) == 0)
        {
            return null;
        }

        return $"{Describe()}; this config gives {RolledBack.ConfigName()} {settings.Split.WeightOf(RolledBack)} % again, which would undo it. " +
               $"Run 'ramp rollback --stack {settings.StackName}' to write the rolled-back state into the stack file (it acknowledges execution {ExecutionId}), commit it, and start again from there";
    }

    /// <summary>One sentence: what AWS did, when, why.</summary>
    public string Describe() =>
        $"AWS rolled {RolledBack.ConfigName()} back automatically at {At} ({Alarm} went to ALARM; automation execution {ExecutionId}) and sent all traffic to {To.ConfigName()}";

    /// <summary>
    /// The forward action the listener must declare: the config's, unless an unacknowledged automatic rollback
    /// stands against it — then the rolled-back one (all traffic to <see cref="To"/>, <see cref="RolledBack"/> kept at
    /// 0, stickiness off), so no apply sends ModifyListener with the weights AWS took away.
    /// </summary>
    public static ForwardAction ForwardActionFor(StackSettings settings, AutomaticRollbackRecord? record)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var configured = settings.ForwardAction;
        if (record?.Refusal(settings) is null)
        {
            return configured;
        }

        return ForwardAction.RollbackTo(record.To, record.RolledBack, configured.Stickiness.DurationSeconds);
    }

    [GeneratedRegex("^[0-9a-fA-F-]{36}$")]
    private static partial Regex ExecutionIdPattern();
}
