using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
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
    internal sealed partial class Engine
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

    }
}
