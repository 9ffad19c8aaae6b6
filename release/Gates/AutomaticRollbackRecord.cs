using System.Text.Json;

namespace BlueGreen.Release;

/// <summary>
/// What the automatic rollback runbook records (an SSM parameter per stack): when, which alarm, which colour
/// it rolled back and where traffic went. "none" when it never ran.
/// </summary>
public sealed record AutomaticRollbackRecord(string At, string Alarm, Colour RolledBack, Colour To)
{
    /// <summary>The record's value when no automatic rollback happened.</summary>
    public const string None = "none";

    /// <summary>The SSM parameter of a stack's record: <c>/bluegreen/{app}-{stack}/automatic-rollback</c>.</summary>
    public static string NameOf(string namePrefix) => $"/bluegreen/{namePrefix}/automatic-rollback";

    /// <summary>Reads a record's value; null for "none" or anything that is not a record.</summary>
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
            string Text(string name) => root.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString()! : "";
            return Colours.TryParse(Text("rolledBack"), out var rolledBack) && Colours.TryParse(Text("to"), out var to)
                ? new AutomaticRollbackRecord(Text("at"), Text("alarm"), rolledBack, to)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Why <paramref name="settings"/> may not be applied while this record stands, or null. A config that
    /// sends traffic to the colour AWS rolled back would silently undo the rollback; one that acknowledges the
    /// record (<c>rollback.acknowledged</c> = its time, written by <c>ramp rollback</c>) may go ahead.
    /// </summary>
    public string? Refusal(StackSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Rollback.Acknowledged == At || settings.Split.WeightOf(RolledBack) == 0)
        {
            return null;
        }

        return $"AWS rolled {RolledBack.ConfigName()} back automatically at {At} ({Alarm} went to ALARM) and sent all traffic to {To.ConfigName()}; " +
               $"this config gives {RolledBack.ConfigName()} {settings.Split.WeightOf(RolledBack)} % again, which would undo it. " +
               $"Run 'ramp rollback --stack {settings.StackName}' to write the rolled-back state into the stack file (it acknowledges the record), commit it, and start again from there";
    }
}
