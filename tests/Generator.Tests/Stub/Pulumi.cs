// A stub of the parts of the official Pulumi API that generated provider code uses: same names
// and signatures (../shared/pulumi-api/official/Pulumi.txt), no behaviour.
#nullable enable
using System.Collections.Immutable;
using System.Threading.Tasks;

namespace Pulumi
{
    public class Input<T>
    {
        public static implicit operator Input<T>(T value) => new Input<T>();
        public static implicit operator Input<T>(Output<T> value) => new Input<T>();
    }

    public sealed class InputList<T> : Input<ImmutableArray<T>>
    {
        public void Add(params Input<T>[] inputs) { }
        public static implicit operator InputList<T>(T[] values) => new InputList<T>();
    }

    public sealed class InputMap<TValue> : Input<ImmutableDictionary<string, TValue>>
    {
        public void Add(string key, Input<TValue> value) { }
    }

    public readonly struct Union<T0, T1> { }

    public sealed class InputUnion<T0, T1> : Input<Union<T0, T1>>
    {
        public static implicit operator InputUnion<T0, T1>(T0 value) => new InputUnion<T0, T1>();
        public static implicit operator InputUnion<T0, T1>(T1 value) => new InputUnion<T0, T1>();
    }

    public sealed class Output<T> { }

    [System.AttributeUsage(System.AttributeTargets.Field | System.AttributeTargets.Property)]
    public sealed class InputAttribute : System.Attribute
    {
        public InputAttribute(string name, bool required = false, bool json = false) { }
    }

    [System.AttributeUsage(System.AttributeTargets.Field | System.AttributeTargets.Property)]
    public sealed class OutputAttribute : System.Attribute
    {
        public OutputAttribute(string? name = null) { }
    }

    [System.AttributeUsage(System.AttributeTargets.Class)]
    public sealed class OutputTypeAttribute : System.Attribute { }

    [System.AttributeUsage(System.AttributeTargets.Struct)]
    public sealed class EnumTypeAttribute : System.Attribute { }

    [System.AttributeUsage(System.AttributeTargets.Constructor)]
    public sealed class OutputConstructorAttribute : System.Attribute { }

    [System.AttributeUsage(System.AttributeTargets.Class)]
    public class ResourceTypeAttribute : System.Attribute
    {
        public ResourceTypeAttribute(string type, string version) { }
    }

    public abstract class InputArgs { }

    public abstract class ResourceArgs : InputArgs
    {
        public static readonly ResourceArgs Empty = new EmptyResourceArgs();
        private sealed class EmptyResourceArgs : ResourceArgs { }
    }

    public abstract class InvokeArgs : InputArgs
    {
        public static readonly InvokeArgs Empty = new EmptyInvokeArgs();
        private sealed class EmptyInvokeArgs : InvokeArgs { }
    }

    public class ResourceOptions
    {
        public Input<string>? Id { get; set; }
        public string? Version { get; set; }
    }

    public sealed class CustomResourceOptions : ResourceOptions
    {
        public static CustomResourceOptions Merge(CustomResourceOptions? options1, CustomResourceOptions? options2) => new CustomResourceOptions();
    }

    public class InvokeOptions { }

    public class InvokeOutputOptions : InvokeOptions { }

    public class Resource { }

    public class CustomResource : Resource
    {
        public CustomResource(string type, string name, ResourceArgs? args, CustomResourceOptions? options = null) { }
    }

    public class ProviderResource : CustomResource
    {
        public ProviderResource(string package, string name, ResourceArgs args, CustomResourceOptions? options = null)
            : base("pulumi:providers:" + package, name, args, options) { }
    }

    public sealed class DeploymentInstance
    {
        public Output<T> Invoke<T>(string token, InvokeArgs args, InvokeOptions? options = null) => new Output<T>();
        public Output<T> Invoke<T>(string token, InvokeArgs args, InvokeOutputOptions options) => new Output<T>();
        public Task<T> InvokeAsync<T>(string token, InvokeArgs args, InvokeOptions? options = null) => Task.FromResult(default(T)!);
    }

    public sealed class Deployment
    {
        public static DeploymentInstance Instance { get; } = new DeploymentInstance();
    }
}
