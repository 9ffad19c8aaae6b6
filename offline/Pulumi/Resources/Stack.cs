using System;
using System.Collections.Generic;

namespace Pulumi
{
    /// <summary>Options for the stack resource.</summary>
    public class StackOptions
    {
        /// <summary>Transformations applied to every resource of the stack.</summary>
        public List<ResourceTransformation> ResourceTransformations
        {
            get => _resourceTransformations ??= new List<ResourceTransformation>();
            set => _resourceTransformations = value;
        }

        private List<ResourceTransformation>? _resourceTransformations;

        internal IReadOnlyList<ResourceTransformation> Transformations
            => (IReadOnlyList<ResourceTransformation>?)_resourceTransformations ?? Array.Empty<ResourceTransformation>();
    }

    /// <summary>
    /// The root of a Pulumi program: the resources a subclass creates in its constructor are the
    /// stack's resources, and its properties marked <see cref="OutputAttribute"/> its outputs.
    /// </summary>
    public class Stack : ComponentResource
    {
        internal const string RootType = "pulumi:pulumi:Stack";

        public Stack(StackOptions? options = null)
            : base(RootType, $"{Deployment.Instance.ProjectName}-{Deployment.Instance.StackName}", options: null, isStack: true)
        {
            Registration.Engine.SetStack(this, options?.Transformations ?? Array.Empty<ResourceTransformation>());
        }
    }

    /// <summary>Changes a resource's args or options before it is registered; null leaves them as they are.</summary>
    public delegate ResourceTransformationResult? ResourceTransformation(ResourceTransformationArgs args);

    /// <summary>What a <see cref="ResourceTransformation"/> sees.</summary>
    public readonly struct ResourceTransformationArgs
    {
        public ResourceTransformationArgs(Resource resource, ResourceArgs args, ResourceOptions options)
        {
            Resource = resource;
            Args = args;
            Options = options;
        }

        public Resource Resource { get; }

        public ResourceArgs Args { get; }

        public ResourceOptions Options { get; }
    }

    /// <summary>What a <see cref="ResourceTransformation"/> returns.</summary>
    public readonly struct ResourceTransformationResult
    {
        public ResourceTransformationResult(ResourceArgs args, ResourceOptions options)
        {
            Args = args;
            Options = options;
        }

        public ResourceArgs Args { get; }

        public ResourceOptions Options { get; }
    }
}
