namespace Pulumi
{
    /// <summary>Base of every args class: its inputs are the members marked with <see cref="InputAttribute"/>.</summary>
    public abstract class InputArgs
    {
        protected InputArgs()
        {
        }
    }

    /// <summary>Inputs of a resource.</summary>
    public abstract class ResourceArgs : InputArgs
    {
        public static readonly ResourceArgs Empty = new EmptyResourceArgs();

        protected ResourceArgs()
        {
        }

        private sealed class EmptyResourceArgs : ResourceArgs
        {
        }
    }

    /// <summary>Inputs of a provider function.</summary>
    public abstract class InvokeArgs : InputArgs
    {
        public static readonly InvokeArgs Empty = new EmptyInvokeArgs();

        protected InvokeArgs()
        {
        }

        private sealed class EmptyInvokeArgs : InvokeArgs
        {
        }
    }
}
