// Hand-written (the generator leaves types declared here alone): an instance of a custom resource
// definition, such as the AWS Load Balancer Controller's TargetGroupBinding. Same public API as
// the official Pulumi.Kubernetes.ApiExtensions.CustomResource (../shared/pulumi-api/official).
using Pulumi.Kubernetes.Types.Inputs.Meta.V1;
using Pulumi.Kubernetes.Types.Outputs.Meta.V1;

namespace Pulumi.Kubernetes.ApiExtensions
{
    /// <summary>A Kubernetes custom resource; its token is <c>kubernetes:{apiVersion}:{kind}</c>.</summary>
    public class CustomResource : KubernetesResource
    {
        /// <summary>The resource's API version, e.g. <c>elbv2.k8s.aws/v1beta1</c>.</summary>
        [Output("apiVersion")]
        public Output<string> ApiVersion { get; private set; } = null!;

        /// <summary>The resource's kind, e.g. <c>TargetGroupBinding</c>.</summary>
        [Output("kind")]
        public Output<string> Kind { get; private set; } = null!;

        /// <summary>Standard object metadata.</summary>
        [Output("metadata")]
        public Output<ObjectMeta> Metadata { get; private set; } = null!;

        /// <summary>Registers a custom resource described by <paramref name="args"/>.</summary>
        public CustomResource(string name, CustomResourceArgs args, CustomResourceOptions? options = null)
            : base(TypeOf(args), name, args, options)
        {
        }

        private static string TypeOf(CustomResourceArgs args) =>
            (args ?? throw new System.ArgumentNullException(nameof(args))).Type;
    }

    /// <summary>
    /// The arguments of a <see cref="CustomResource"/>: derive from it and add the custom
    /// resource's own properties (e.g. <c>spec</c>) with <see cref="InputAttribute"/>.
    /// </summary>
    public abstract class CustomResourceArgs : ResourceArgs
    {
        /// <summary>The API version, fixed at construction.</summary>
        [Input("apiVersion")]
        public Input<string> ApiVersion { get; }

        /// <summary>The kind, fixed at construction.</summary>
        [Input("kind")]
        public Input<string> Kind { get; }

        /// <summary>Standard object metadata.</summary>
        [Input("metadata")]
        public Input<ObjectMetaArgs>? Metadata { get; set; }

        /// <summary>The resource token, <c>kubernetes:{apiVersion}:{kind}</c>: a plain string, as the
        /// resource's constructor needs one before any input resolves.</summary>
        internal string Type { get; }

        /// <summary>Fixes the API version and kind of the custom resource.</summary>
        protected CustomResourceArgs(string apiVersion, string kind)
        {
            ApiVersion = apiVersion;
            Kind = kind;
            Type = $"kubernetes:{apiVersion}:{kind}";
        }
    }
}
