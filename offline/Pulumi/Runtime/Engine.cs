using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Pulumi.Testing;

namespace Pulumi.Runtime
{
    /// <summary>What the engine knows about one registered resource.</summary>
    internal sealed class ResourceRegistration
    {
        public ResourceRegistration(Engine engine, string fullType, ResourceRegistration? parent, ImmutableDictionary<string, ProviderResource> providers, bool protect, IReadOnlyList<ResourceTransformation> transformations)
        {
            Transformations = transformations;
            Engine = engine;
            FullType = fullType;
            Parent = parent;
            Providers = providers;
            Protect = protect;
        }

        public Engine Engine { get; }

        /// <summary>The chain of types the real engine writes into the URN (components first, the stack left out).</summary>
        public string FullType { get; }

        public ResourceRegistration? Parent { get; }

        /// <summary>The providers this resource's children inherit, by package.</summary>
        public ImmutableDictionary<string, ProviderResource> Providers { get; }

        public bool Protect { get; }

        /// <summary>The transformations from the resource's own options, which apply to its children too.</summary>
        public IReadOnlyList<ResourceTransformation> Transformations { get; }
    }

    /// <summary>
    /// One in-process run of a Pulumi program against <see cref="IMocks"/>: registers resources in
    /// construction order, resolves their outputs from the mocks' answers the way Pulumi's test
    /// mode does, and collects errors.
    /// </summary>
    internal sealed class Engine
    {
        private static readonly AsyncLocal<Engine?> CurrentEngine = new();

        private readonly IMocks _mocks;
        private readonly object _gate = new();
        private readonly List<Resource> _resources = new();
        private readonly List<string> _errors = new();
        private readonly List<Task> _required = new();
        private readonly HashSet<string> _urns = new(StringComparer.Ordinal);
        private Stack? _stack;
        private IReadOnlyList<ResourceTransformation> _stackTransformations = Array.Empty<ResourceTransformation>();

        public Engine(IMocks mocks, TestOptions options, ConfigValues config)
        {
            _mocks = mocks;
            ProjectName = options.ProjectName ?? "project";
            StackName = options.StackName ?? "stack";
            OrganizationName = options.OrganizationName ?? "organization";
            RootDirectory = options.RootDirectory ?? Environment.CurrentDirectory;
            IsDryRun = options.IsPreview ?? true;
            Config = config;
            Instance = new DeploymentInstance(this);
        }

        public static Engine? Current => CurrentEngine.Value;

        public DeploymentInstance Instance { get; }

        public string ProjectName { get; }

        public string StackName { get; }

        public string OrganizationName { get; }

        public string RootDirectory { get; }

        public bool IsDryRun { get; }

        public ConfigValues Config { get; }

        public ImmutableArray<Resource> Resources
        {
            get
            {
                lock (_gate)
                {
                    return _resources.ToImmutableArray();
                }
            }
        }

        public IReadOnlyList<string> Errors
        {
            get
            {
                lock (_gate)
                {
                    return _errors.ToList();
                }
            }
        }

        public void Enter() => CurrentEngine.Value = this;

        public void SetStack(Stack stack, IReadOnlyList<ResourceTransformation> transformations)
        {
            _stack = stack;
            _stackTransformations = transformations;
        }

        public void AddError(string message)
        {
            lock (_gate)
            {
                _errors.Add(message);
            }
        }

        /// <summary>Like Pulumi's test engine: an error the program logs fails the run; other messages are dropped.</summary>
        public void Log(string severity, string message)
        {
            if (severity == "error")
            {
                AddError(message);
            }
        }

        /// <summary>Registers a stack's [Output] properties as its outputs, as Pulumi does once the stack is built.</summary>
        public void RegisterStackOutputs(Stack stack)
        {
            const BindingFlags flags = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.DeclaredOnly;
            var outputs = new Dictionary<string, object?>(StringComparer.Ordinal);
            var wrongType = new List<string>();
            var unassigned = new List<string>();
            for (var type = stack.GetType(); type is not null && type != typeof(Stack); type = type.BaseType)
            {
                foreach (var property in type.GetProperties(flags))
                {
                    if (property.GetCustomAttribute<OutputAttribute>() is not { } attribute)
                    {
                        continue;
                    }

                    var name = attribute.Name ?? property.Name;
                    if (!property.PropertyType.IsGenericType || property.PropertyType.GetGenericTypeDefinition() != typeof(Output<>))
                    {
                        wrongType.Add(name);
                    }
                    else if (property.GetValue(stack) is { } value)
                    {
                        outputs[name] = value;
                    }
                    else
                    {
                        unassigned.Add(name);
                    }
                }
            }

            if (wrongType.Count > 0)
            {
                throw RunException.OutputsHaveIncorrectType(wrongType);
            }

            if (unassigned.Count > 0)
            {
                throw new RunException($"Output(s) '{string.Join(", ", unassigned)}' have no value assigned: assign every [Output] property of {stack.GetType().Name} in its constructor.");
            }

            RegisterOutputs(stack, Output.Create<IDictionary<string, object?>>(outputs));
        }

        /// <summary>
        /// Follows an output that is not complete yet: like Pulumi, the run waits for every output
        /// the program creates (a program may create resources inside an Apply), however long it takes.
        /// </summary>
        public void TrackOutput(Task task)
        {
            if (!task.IsCompleted)
            {
                Track(task);
            }
        }

        private void Track(Task task)
        {
            lock (_gate)
            {
                _required.Add(task);
            }
        }

        /// <summary>Waits until every registration, output registration and output is done.</summary>
        public Task WhenIdleAsync() => WhenAllRequiredAsync();

        private async Task WhenAllRequiredAsync()
        {
            while (true)
            {
                Task[] snapshot;
                lock (_gate)
                {
                    _required.RemoveAll(t => t.IsCompleted);
                    snapshot = _required.ToArray();
                }

                if (snapshot.Length == 0)
                {
                    return;
                }

                try
                {
                    await Task.WhenAll(snapshot);
                }
                catch
                {
                    // failures were recorded where they happened
                }

                await Task.Yield();
            }
        }

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

        private static Dictionary<string, IOutputCompletionSource> CreateOutputs(Resource resource, bool isStack)
        {
            var sources = new Dictionary<string, IOutputCompletionSource>(StringComparer.Ordinal);
            var pending = new List<(string WireName, Type ValueType, MethodInfo Setter)>();
            const BindingFlags flags = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.DeclaredOnly;
            for (var type = resource.GetType(); type is not null && type != typeof(object); type = type.BaseType)
            {
                if (isStack && type != typeof(Resource))
                {
                    continue; // a stack's own [Output] properties are its outputs, assigned by the program
                }

                foreach (var property in type.GetProperties(flags))
                {
                    if (property.GetCustomAttribute<OutputAttribute>() is not { } attribute
                        || !property.PropertyType.IsGenericType
                        || property.PropertyType.GetGenericTypeDefinition() != typeof(Output<>))
                    {
                        continue;
                    }

                    var wireName = attribute.Name ?? property.Name;
                    if (sources.ContainsKey(wireName))
                    {
                        continue;
                    }

                    // Like Pulumi: every [Output] property needs a setter (a private one is fine).
                    var setter = property.GetSetMethod(nonPublic: true)
                        ?? throw new InvalidOperationException($"[Output] {type.FullName}.{property.Name} did not have a 'set' method; declare it {{ get; private set; }}");
                    pending.Add((wireName, property.PropertyType.GetGenericArguments()[0], setter));
                    sources[wireName] = null!;
                }
            }

            // Only once every property is known to be settable: no output is left pending forever.
            foreach (var (wireName, valueType, setter) in pending)
            {
                var source = OutputCompletionSource.Create(valueType, resource);
                setter.Invoke(resource, new[] { source.UntypedOutput });
                sources[wireName] = source;
            }

            return sources;
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

        public void RegisterOutputs(Resource resource, Output<IDictionary<string, object?>> outputs)
            => Track(RegisterOutputsAsync(resource, outputs));

        private async Task RegisterOutputsAsync(Resource resource, Output<IDictionary<string, object?>> outputs)
        {
            var description = $"{resource.GetResourceType()} resource '{resource.GetResourceName()}'";
            try
            {
                var urn = await UrnOfAsync(resource);
                var data = await outputs.DataTask;
                var builder = ImmutableDictionary.CreateBuilder<string, Output<object?>>();
                foreach (var (key, value) in data.Value ?? new Dictionary<string, object?>())
                {
                    var serialized = await PropertySerializer.SerializeAsync($"{description} output '{key}'", value);
                    var plain = PropertySerializer.Unwrap(serialized);
                    var output = new OutputData<object?>(
                        plain is null ? null : PropertySerializer.ToMockValue(plain),
                        data.IsKnown && !PropertySerializer.ContainsUnknown(serialized),
                        data.IsSecret || PropertySerializer.ContainsSecret(serialized),
                        ImmutableHashSet<Resource>.Empty);
                    builder[key] = new Output<object?>(Task.FromResult(output));
                }

                await _mocks.RegisterResourceOutputs(new MockRegisterResourceOutputsRequest(urn, builder.ToImmutable()));
            }
            catch (Exception e) when (e is not DependencyFailedException)
            {
                AddError($"registering the outputs of {description} failed: {e.Message}\n{e}");
            }
            catch (DependencyFailedException)
            {
                // reported where it happened
            }
        }

        public Task<T> InvokeAsync<T>(string token, InvokeArgs args, InvokeOptions? options)
            => InvokeCoreAsync<T>(token, args, options, skipWhenUnknown: false).ContinueWith(
                t => t.Result.Value, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        public Output<T> Invoke<T>(string token, InvokeArgs args, InvokeOptions? options)
            => new(InvokeCoreAsync<T>(token, args, options, skipWhenUnknown: true));

        private async Task<OutputData<T>> InvokeCoreAsync<T>(string token, InvokeArgs args, InvokeOptions? options, bool skipWhenUnknown)
        {
            var serialized = await PropertySerializer.SerializeArgsAsync(token, args).ConfigureAwait(false);
            var isSecret = PropertySerializer.ContainsSecret(serialized);
            if (skipWhenUnknown && PropertySerializer.ContainsUnknown(serialized))
            {
                return OutputData<T>.Unknown(isSecret, ImmutableHashSet<Resource>.Empty);
            }

            var package = token.Split(':')[0];
            var provider = options?.Provider ?? options?.Parent?.Registration.Providers.GetValueOrDefault(package);
            var result = await _mocks.CallAsync(new MockCallArgs
            {
                Token = token,
                Args = PropertySerializer.ToMockDictionary(serialized),
                Provider = provider is null ? "" : await ProviderReferenceAsync(provider).ConfigureAwait(false),
            }).ConfigureAwait(false);
            var state = await SerializeStateAsync($"result of {token}", result).ConfigureAwait(false);
            var value = (T)PropertyConverter.Convert(token, PropertySerializer.Unwrap(state), typeof(T))!;
            return new OutputData<T>(value, !PropertySerializer.ContainsUnknown(state), isSecret || PropertySerializer.ContainsSecret(state), ImmutableHashSet<Resource>.Empty);
        }
    }
}
