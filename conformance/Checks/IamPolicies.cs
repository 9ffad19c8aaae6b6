using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BlueGreen.Conformance.Models;

namespace BlueGreen.Conformance.Checks;

/// <summary>
/// IAM policy documents: every action names a service prefix and an action of it. A service's prefix is its
/// model's signing name (else its endpoint prefix, else the client name: CloudWatch signs as <c>monitoring</c>
/// and its IAM prefix is <c>cloudwatch</c>); an action is one of its operations. IAM also has actions that are
/// permissions, not operations: those we use are listed in <see cref="PermissionOnlyActions"/> from the Service
/// Authorization Reference (https://docs.aws.amazon.com/service-authorization/latest/reference/).
/// </summary>
public sealed class IamPolicies(AwsModels models)
{
    /// <summary>Actions that exist in IAM without an API operation of that name.</summary>
    public static IReadOnlySet<string> PermissionOnlyActions { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "iam:PassRole",                // list_iam: "Grants permission to pass a role to a service"
        "s3:ListBucket",               // the permission of ListObjects / ListObjectsV2
        "s3:ListBucketVersions",       // the permission of ListObjectVersions
        "s3:GetObjectVersion",         // GetObject with a versionId
        "s3:PutObjectVersionAcl",
        "logs:CreateLogDelivery",
        "sts:AssumeRoleWithWebIdentity",
    };

    public IEnumerable<string> Problems(JsonNode? policy, string what)
    {
        if (policy is not JsonObject document)
        {
            yield return $"{what}: not a JSON policy document";
            yield break;
        }

        if (document["Version"]?.GetValue<string>() != "2012-10-17")
        {
            yield return $"{what}: Version must be \"2012-10-17\" (the current policy language)";
        }

        foreach (var action in Statements(document).SelectMany(s => Strings(s["Action"]).Concat(Strings(s["NotAction"]))))
        {
            if (Problem(action) is { } problem)
            {
                yield return $"{what}: {problem}";
            }
        }
    }

    /// <summary>Why an action does not exist, or null.</summary>
    public string? Problem(string action)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (action == "*" || PermissionOnlyActions.Contains(action))
        {
            return null;
        }

        var parts = action.Split(':');
        if (parts.Length != 2)
        {
            return $"'{action}' is not service:Action";
        }

        var services = models.ByIamPrefix(parts[0]).ToList();
        if (services.Count == 0)
        {
            return $"'{action}': no AWS service has the IAM prefix '{parts[0]}'";
        }

        var pattern = Wildcard(parts[1]);
        return services.Any(s => models.OperationNames(s).Any(pattern.IsMatch))
            ? null
            : $"'{action}': {string.Join("/", services.Select(s => s.ClientName))} has no operation {parts[1]}";
    }

    /// <summary>Whether the policies allow <paramref name="action"/> (an Allow statement whose Action matches; resources
    /// and conditions are not evaluated).</summary>
    public static bool Allows(IEnumerable<JsonNode?> policies, string action) =>
        policies.OfType<JsonObject>().SelectMany(Statements).Any(s => s["Effect"]?.GetValue<string>() == "Allow"
            && Strings(s["Action"]).Any(a => Wildcard(a).IsMatch(action)));

    private static IEnumerable<JsonObject> Statements(JsonObject document) => document["Statement"] switch
    {
        JsonArray list => list.OfType<JsonObject>(),
        JsonObject one => [one],
        _ => [],
    };

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonArray list => list.Select(n => n?.GetValue<string>()).OfType<string>(),
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        _ => [],
    };

    /// <summary>IAM matches actions case-insensitively, with * and ? wildcards.</summary>
    private static Regex Wildcard(string text) =>
        new("^" + Regex.Escape(text).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
}
