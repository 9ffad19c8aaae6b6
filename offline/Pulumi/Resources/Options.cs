using System;
using System.Collections.Generic;
using System.Linq;

namespace Pulumi
{
    /// <summary>Options that control how a resource is registered.</summary>
    public abstract class ResourceOptions
    {
        private protected ResourceOptions()
        {
        }

        /// <summary>The parent of the resource; a resource without one is parented to the stack.</summary>
        public Resource? Parent { get; set; }

        public InputList<Resource> DependsOn
        {
            get => _dependsOn ??= new InputList<Resource>();
            set => _dependsOn = value;
        }

        private InputList<Resource>? _dependsOn;

        internal bool HasDependsOn => _dependsOn is not null;

        public bool? Protect { get; set; }

        public bool? RetainOnDelete { get; set; }

        public List<string> IgnoreChanges
        {
            get => _ignoreChanges ??= new List<string>();
            set => _ignoreChanges = value;
        }

        private List<string>? _ignoreChanges;

        public List<string> ReplaceOnChanges
        {
            get => _replaceOnChanges ??= new List<string>();
            set => _replaceOnChanges = value;
        }

        private List<string>? _replaceOnChanges;

        public List<Input<Alias>> Aliases
        {
            get => _aliases ??= new List<Input<Alias>>();
            set => _aliases = value;
        }

        private List<Input<Alias>>? _aliases;

        /// <summary>The provider for a custom resource (for a component: the default for its children).</summary>
        public ProviderResource? Provider { get; set; }

        public CustomTimeouts? CustomTimeouts { get; set; }

        public Resource? DeletedWith { get; set; }

        public string? Version { get; set; }

        public string? PluginDownloadURL { get; set; }

        /// <summary>Transformations applied to this resource and its children.</summary>
        public List<ResourceTransformation> ResourceTransformations
        {
            get => _resourceTransformations ??= new List<ResourceTransformation>();
            set => _resourceTransformations = value;
        }

        private List<ResourceTransformation>? _resourceTransformations;

        internal IReadOnlyList<ResourceTransformation> Transformations
            => (IReadOnlyList<ResourceTransformation>?)_resourceTransformations ?? Array.Empty<ResourceTransformation>();

        private protected void CopyTo(ResourceOptions target)
        {
            target.Parent = Parent;
            target._dependsOn = _dependsOn;
            target.Protect = Protect;
            target.RetainOnDelete = RetainOnDelete;
            target._ignoreChanges = _ignoreChanges?.ToList();
            target._replaceOnChanges = _replaceOnChanges?.ToList();
            target._aliases = _aliases?.ToList();
            target.Provider = Provider;
            target.CustomTimeouts = CustomTimeouts;
            target.DeletedWith = DeletedWith;
            target.Version = Version;
            target.PluginDownloadURL = PluginDownloadURL;
            target._resourceTransformations = _resourceTransformations?.ToList();
        }

        /// <summary>Merges two option sets the way Pulumi does: lists concatenate, scalars from the second win when set.</summary>
        private protected static void MergeInto(ResourceOptions target, ResourceOptions second)
        {
            target.Parent = second.Parent ?? target.Parent;
            if (second._dependsOn is not null)
            {
                target._dependsOn = target._dependsOn is null ? second._dependsOn : target._dependsOn.Concat(second._dependsOn);
            }

            target.Protect = second.Protect ?? target.Protect;
            target.RetainOnDelete = second.RetainOnDelete ?? target.RetainOnDelete;
            target._ignoreChanges = Concat(target._ignoreChanges, second._ignoreChanges);
            target._replaceOnChanges = Concat(target._replaceOnChanges, second._replaceOnChanges);
            target._aliases = Concat(target._aliases, second._aliases);
            target.Provider = second.Provider ?? target.Provider;
            target.CustomTimeouts = second.CustomTimeouts ?? target.CustomTimeouts;
            target.DeletedWith = second.DeletedWith ?? target.DeletedWith;
            target.Version = second.Version ?? target.Version;
            target.PluginDownloadURL = second.PluginDownloadURL ?? target.PluginDownloadURL;
            target._resourceTransformations = Concat(target._resourceTransformations, second._resourceTransformations);
        }

        private protected static List<T>? Concat<T>(List<T>? first, List<T>? second)
            => first is null ? second?.ToList() : second is null ? first : first.Concat(second).ToList();
    }

    /// <summary>Options for a custom (provider-managed) resource.</summary>
    public sealed class CustomResourceOptions : ResourceOptions
    {
        public bool? DeleteBeforeReplace { get; set; }

        public List<string> AdditionalSecretOutputs
        {
            get => _additionalSecretOutputs ??= new List<string>();
            set => _additionalSecretOutputs = value;
        }

        private List<string>? _additionalSecretOutputs;

        public string? ImportId { get; set; }

        public static CustomResourceOptions Merge(CustomResourceOptions? options1, CustomResourceOptions? options2)
        {
            var merged = new CustomResourceOptions();
            options1?.CopyTo(merged);
            merged.DeleteBeforeReplace = options1?.DeleteBeforeReplace;
            merged._additionalSecretOutputs = options1?._additionalSecretOutputs?.ToList();
            merged.ImportId = options1?.ImportId;
            if (options2 is not null)
            {
                MergeInto(merged, options2);
                merged.DeleteBeforeReplace = options2.DeleteBeforeReplace ?? merged.DeleteBeforeReplace;
                merged._additionalSecretOutputs = Concat(merged._additionalSecretOutputs, options2._additionalSecretOutputs);
                merged.ImportId = options2.ImportId ?? merged.ImportId;
            }

            return merged;
        }
    }

    /// <summary>Options for a component resource.</summary>
    public sealed class ComponentResourceOptions : ResourceOptions
    {
        /// <summary>Providers its children use, one per package.</summary>
        public List<ProviderResource> Providers
        {
            get => _providers ??= new List<ProviderResource>();
            set => _providers = value;
        }

        private List<ProviderResource>? _providers;

        public static ComponentResourceOptions Merge(ComponentResourceOptions? options1, ComponentResourceOptions? options2)
        {
            var merged = new ComponentResourceOptions();
            options1?.CopyTo(merged);
            merged._providers = options1?._providers?.ToList();
            if (options2 is not null)
            {
                MergeInto(merged, options2);
                merged._providers = Concat(merged._providers, options2._providers);
            }

            return merged;
        }
    }

    /// <summary>An earlier identity of a resource, so renaming or re-parenting it does not replace it.</summary>
    public sealed class Alias
    {
        public Input<string>? Name { get; set; }

        public Input<string>? Type { get; set; }

        public Input<string>? Stack { get; set; }

        public Input<string>? Project { get; set; }

        public string? Urn { get; set; }

        public Resource? Parent { get; set; }

        public Input<string>? ParentUrn { get; set; }

        public bool NoParent { get; set; }
    }

    /// <summary>How long create, update and delete may take.</summary>
    public sealed class CustomTimeouts
    {
        public TimeSpan? Create { get; set; }

        public TimeSpan? Update { get; set; }

        public TimeSpan? Delete { get; set; }
    }

    /// <summary>Options for a provider function call.</summary>
    public class InvokeOptions
    {
        public Resource? Parent { get; set; }

        public ProviderResource? Provider { get; set; }

        public string? Version { get; set; }

        public string? PluginDownloadURL { get; set; }
    }

    /// <summary>Options for a provider function call whose result is an output.</summary>
    public class InvokeOutputOptions : InvokeOptions
    {
        public InputList<Resource> DependsOn
        {
            get => _dependsOn ??= new InputList<Resource>();
            set => _dependsOn = value;
        }

        private InputList<Resource>? _dependsOn;
    }
}
