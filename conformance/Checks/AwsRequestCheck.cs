using BlueGreen.Conformance.Aws;
using BlueGreen.Conformance.Models;
using BlueGreen.Preview;

namespace BlueGreen.Conformance.Checks;

/// <summary>
/// Check 1: every AWS resource the move creates or changes becomes the API calls in <see cref="AwsMappings"/>, and
/// each request validates against the operation's input shape in AWS's model. A type with no mapping, a client
/// or operation the model lacks, are violations too.
/// </summary>
public sealed class AwsRequestCheck(AwsModels models) : ICheck
{
    public string Name => "aws-request";

    public IEnumerable<Finding> Check(MoveRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        foreach (var change in run.Changes.Where(c => c.Op is PreviewOp.Create or PreviewOp.Update or PreviewOp.Replace))
        {
            var resource = change.Resource;
            if (!resource.IsCustom || !resource.Type.StartsWith("aws:", StringComparison.Ordinal))
            {
                continue;
            }

            if (AwsMappings.For(resource.Type) is not { } mapping)
            {
                yield return new Finding(resource.Name, $"{resource.Type} has no mapping to the API calls the provider makes (add it to AwsMappings)");
                continue;
            }

            foreach (var request in mapping.Create(resource.Inputs, AwsMappings.AutoName(resource.Name)))
            {
                if (models.Service(request.Service) is { } service && !service.HasOperation(request.Operation))
                {
                    // An operation newer than the installed models: said, not counted (a model update will check it).
                    yield return new Finding(resource.Name, $"{request.Service}.{request.Operation} is not in botocore {models.Version}'s model: its request is not checked", Unchecked: true);
                    continue;
                }

                foreach (var problem in Validate(models, request))
                {
                    yield return new Finding(resource.Name, problem);
                }
            }
        }
    }

    /// <summary>The problems of one request against the model: the client, the operation, then the input shape.</summary>
    public static IEnumerable<string> Validate(AwsModels models, AwsRequest request)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(request);
        var service = models.Service(request.Service);
        if (service is null)
        {
            return [$"AWS has no client named '{request.Service}' (botocore {models.Version})"];
        }

        if (service.InputShape(request.Operation) is not { } input)
        {
            return [$"{request.Service} has no operation {request.Operation} in botocore {models.Version}'s model"];
        }

        return new ShapeValidator(service, IsStandIn).Validate(request.Body, input).Select(p => $"{request.Service}.{request.Operation} {p}");
    }

    /// <summary>
    /// A value the preview stands in for: a masked secret, or one the mocks made up (the fake account's ARNs,
    /// <c>&lt;name&gt;-id</c> IDs). Its type and length are checked, not its enum or pattern.
    /// </summary>
    public static bool IsStandIn(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text == PreviewValues.SecretMarker
            || text.Contains(PreviewMocks.AccountId, StringComparison.Ordinal)
            || text.EndsWith("-id", StringComparison.Ordinal);
    }
}
