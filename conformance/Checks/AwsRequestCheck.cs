using BlueGreen.Conformance.Aws;
using BlueGreen.Conformance.Models;
using BlueGreen.Preview;

namespace BlueGreen.Conformance.Checks;

/// <summary>
/// Check 1: every AWS resource the move creates or changes becomes the API calls in <see cref="AwsMappings"/>, and
/// each request validates against the operation's input shape in AWS's model: botocore's, or for an operation newer
/// than it the aws-sdk's (<see cref="AwsModels.ForOperation"/>; noted, since that model carries no constraints). A type
/// with no mapping and a client botocore lacks are violations; an operation neither model has is noted as unchecked.
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
                if (models.Service(request.Service) is { } botocore && !botocore.HasOperation(request.Operation))
                {
                    // An operation newer than botocore's model: checked against the fallback's (aws-sdk) when that has it,
                    // and said either way (a note, not a violation), so the report shows how far each request is checked.
                    if (models.ForOperation(request.Service, request.Operation) is not { } newer)
                    {
                        yield return new Finding(resource.Name, $"{request.Service}.{request.Operation} is not in botocore {models.Version}'s model{NorFallback(models)}", Note: "unchecked");
                        continue;
                    }

                    yield return new Finding(resource.Name, $"{request.Service}.{request.Operation} is not in botocore {models.Version}'s model; aws-sdk's {newer.File} has it", Note: $"checked ({newer.Source}: {AwsSdkModels.Coverage})");
                }

                foreach (var problem in Validate(models, request))
                {
                    yield return new Finding(resource.Name, problem);
                }
            }
        }
    }

    /// <summary>The problems of one request against the model that describes its operation (botocore's, else the
    /// fallback's): the client, the operation, then the input shape.</summary>
    public static IEnumerable<string> Validate(AwsModels models, AwsRequest request)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(request);
        var botocore = models.Service(request.Service);
        if (botocore is null)
        {
            return [$"AWS has no client named '{request.Service}' (botocore {models.Version})"];
        }

        if (models.ForOperation(request.Service, request.Operation) is not { } service)
        {
            return [$"{request.Service} has no operation {request.Operation} in botocore {models.Version}'s model{NorFallback(models)}"];
        }

        if (service.Input(request.Operation) is not { } input)
        {
            return request.Body.Count == 0 ? [] : [$"{request.Service}.{request.Operation} takes no input, the request has {string.Join(", ", request.Body.Select(m => m.Key))}"];
        }

        var by = service.Minified ? $" (by {service.Source})" : "";
        return new ShapeValidator(service, IsStandIn).Validate(request.Body, input, $"{request.Operation}Input")
            .Select(p => $"{request.Service}.{request.Operation} {p}{by}");
    }

    private static string NorFallback(AwsModels models) => models.Fallback is { } fallback ? $" nor aws-sdk {fallback.Version}'s" : "";

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
