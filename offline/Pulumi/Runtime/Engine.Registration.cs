using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Pulumi.Testing;

namespace Pulumi.Runtime
{
    /// <summary>Registering a resource: transformations, the URN, the mocks' answer and the resolved outputs.</summary>
    internal sealed partial class Engine
    {
        public ResourceRegistration Register(Resource resource, bool custom, ResourceArgs args, ResourceOptions options, bool isStack)
        {
            if (!isStack)
            {
                (args, options) = Transform(resource, args, options);
            }

            var type = resource.GetResourceType();
            var name = resource.GetResourceName();
            var parent = isStack ? null : options.Parent ?? _stack;
            var parentRegistration = parent?.Registration;
            var package = type.Split(':')[0];

            ProviderResource? provider = null;
            var providers = parentRegistration?.Providers ?? ImmutableDictionary<string, ProviderResource>.Empty;
            if (custom && resource is not ProviderResource)
            {
                provider = options.Provider is { } explicitProvider && explicitProvider.Package == package
                    ? explicitProvider
                    : providers.GetValueOrDefault(package);
                if (provider is not null)
                {
                    providers = providers.SetItem(package, provider);
                }
            }
            else if (options is ComponentResourceOptions componentOptions)
            {
                foreach (var p in componentOptions.Providers.Append(options.Provider).OfType<ProviderResource>())
                {
                    providers = providers.SetItem(p.Package, p);
                }
            }

            var protect = options.Protect ?? parentRegistration?.Protect ?? false;
            var fullType = parentRegistration is null || parent is Stack ? type : $"{parentRegistration.FullType}${type}";
            var registration = new ResourceRegistration(this, fullType, parentRegistration, providers, protect, options.Transformations);

            var sources = CreateOutputs(resource, isStack);
            var customOptions = options as CustomResourceOptions;
            var description = $"{type} resource '{name}'";
            bool duplicate;
            lock (_gate)
            {
                _resources.Add(resource);
                duplicate = !_urns.Add($"{fullType}::{name}");
            }

            var request = new RegistrationRequest(resource, description, custom, isStack, args, parent, provider, options, customOptions, sources);
            Track(duplicate
                ? FailAsync(request, new InvalidOperationException(
                    $"Duplicate resource URN 'urn:pulumi:{StackName}::{ProjectName}::{fullType}::{name}'; give {description} a unique name"))
                : RegisterAsync(request));
            return registration;
        }

        private (ResourceArgs Args, ResourceOptions Options) Transform(Resource resource, ResourceArgs args, ResourceOptions options)
        {
            // Like Pulumi: the resource's own transformations, then each ancestor's, then the stack's.
            var transformations = new List<ResourceTransformation>(options.Transformations);
            for (var ancestor = options.Parent?.Registration; ancestor is not null; ancestor = ancestor.Parent)
            {
                transformations.AddRange(ancestor.Transformations);
            }

            transformations.AddRange(_stackTransformations);
            foreach (var transformation in transformations)
            {
                if (transformation(new ResourceTransformationArgs(resource, args, options)) is { } result)
                {
                    if (result.Options.Parent != options.Parent)
                    {
                        throw new ArgumentException($"A transformation of '{resource.GetResourceName()}' changed its parent; transformations may not change a resource's parent.");
                    }

                    (args, options) = (result.Args, result.Options);
                }
            }

            return (args, options);
        }

        private sealed record RegistrationRequest(
            Resource Resource,
            string Description,
            bool Custom,
            bool IsStack,
            ResourceArgs Args,
            Resource? Parent,
            ProviderResource? Provider,
            ResourceOptions Options,
            CustomResourceOptions? CustomOptions,
            Dictionary<string, IOutputCompletionSource> Sources);

        private async Task RegisterAsync(RegistrationRequest request)
        {
            try
            {
                var resource = request.Resource;
                var type = resource.GetResourceType();
                var name = resource.GetResourceName();
                var parentUrn = request.Parent is null ? "" : await UrnOfAsync(request.Parent);
                if (request.Options.HasDependsOn)
                {
                    var dependsOn = await request.Options.DependsOn.ToOutput().DataTask;
                    foreach (var dependency in dependsOn.Value.IsDefault ? ImmutableArray<Resource>.Empty : dependsOn.Value)
                    {
                        await UrnOfAsync(dependency);
                    }
                }

                var inputs = await PropertySerializer.SerializeArgsAsync(type, request.Args);
                var providerReference = request.Provider is null ? "" : await ProviderReferenceAsync(request.Provider);
                var urn = NewUrn(parentUrn, type, name);

                string? id = null;
                var state = ImmutableDictionary<string, object?>.Empty;
                if (!request.IsStack)
                {
                    var (mockId, mockState) = await _mocks.NewResourceAsync(new MockResourceArgs
                    {
                        Type = type,
                        Name = name,
                        Inputs = PropertySerializer.ToMockDictionary(inputs),
                        Provider = providerReference,
                        Id = request.CustomOptions?.ImportId ?? "",
                    });
                    id = mockId ?? request.CustomOptions?.ImportId;
                    state = await SerializeStateAsync($"state of {request.Description}", mockState);
                }

                Resolve(request, urn, id, state);
            }
            catch (Exception e)
            {
                await FailAsync(request, e);
            }
        }

        private Task FailAsync(RegistrationRequest request, Exception error)
        {
            var cause = error is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerExceptions[0] : error;
            if (cause is not DependencyFailedException)
            {
                AddError($"{request.Description} failed: {cause.Message}\n{cause}");
            }

            var failure = cause as DependencyFailedException ?? new DependencyFailedException(request.Description, cause);
            foreach (var source in request.Sources.Values)
            {
                source.SetException(failure);
            }

            return Task.CompletedTask;
        }

        private void Resolve(RegistrationRequest request, string urn, string? id, ImmutableDictionary<string, object?> state)
        {
            // Like Pulumi's test monitor: AdditionalSecretOutputs is the real engine's business and is
            // ignored here; an output is secret when the mocks' state makes it so.
            foreach (var (wireName, source) in request.Sources)
            {
                if (wireName == "urn")
                {
                    source.SetValue(urn, isKnown: true, isSecret: false);
                }
                else if (wireName == "id" && request.Custom)
                {
                    source.SetValue(id ?? "", isKnown: !string.IsNullOrEmpty(id), isSecret: false);
                }
                else if (state.TryGetValue(wireName, out var value))
                {
                    var converted = PropertyConverter.Convert(
                        $"{request.Resource.GetType().FullName}.{wireName}", PropertySerializer.Unwrap(value), source.TargetType);
                    source.SetValue(
                        converted,
                        isKnown: !PropertySerializer.ContainsUnknown(value),
                        isSecret: PropertySerializer.ContainsSecret(value));
                }
                else
                {
                    // Pulumi's test mode: a missing output is unknown in a preview and null otherwise.
                    source.SetValue(null, isKnown: !IsDryRun, isSecret: false);
                }
            }
        }

        private static async Task<ImmutableDictionary<string, object?>> SerializeStateAsync(string context, object? state)
        {
            if (state is null)
            {
                throw new InvalidOperationException(
                    $"IMocks returned no state for the {context.Replace("state of ", "", StringComparison.Ordinal)}: return a dictionary, such as (id, args.Inputs)");
            }

            return await PropertySerializer.SerializeAsync(context, state) as ImmutableDictionary<string, object?>
                ?? throw new InvalidOperationException($"{context}: {state.GetType().FullName} is not a supported state type; return a dictionary");
        }

        /// <summary>The URN as Pulumi's test monitor writes it: only the first type of the parent's chain prefixes the type.</summary>
        private string NewUrn(string parentUrn, string type, string name)
        {
            if (!string.IsNullOrEmpty(parentUrn))
            {
                var qualifiedType = parentUrn.Split("::")[2];
                type = qualifiedType.Split('$')[0] + "$" + type;
            }

            return $"urn:pulumi:{StackName}::{ProjectName}::{type}::{name}";
        }

        private static async Task<string> UrnOfAsync(Resource resource) => (await resource.Urn.DataTask).Value;

        private static async Task<string> ProviderReferenceAsync(ProviderResource provider)
        {
            var urn = await UrnOfAsync(provider);
            var id = await provider.Id.DataTask;
            return $"{urn}::{(id.IsKnown ? id.Value : UnknownValue.ProviderId)}";
        }
    }
}
