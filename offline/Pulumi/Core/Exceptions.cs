using System;
using System.Collections.Generic;

namespace Pulumi
{
    /// <summary>A failure of the Pulumi program that is reported to the user without a stack trace.</summary>
    public class RunException : Exception
    {
        public RunException(string message)
            : base(message)
        {
        }

        public RunException(string message, Exception? innerException)
            : base(message, innerException)
        {
        }

        public static RunException OutputsHaveIncorrectType(IEnumerable<string> outputAttributeNames)
            => new($"Output(s) '{string.Join(", ", outputAttributeNames)}' have incorrect type. [Output] attributed properties must be instances of Output<T>.");
    }

    /// <summary>A failure tied to one resource.</summary>
    public class ResourceException : Exception
    {
        public ResourceException(string message, Resource? resource, bool hideStack = false)
            : base(message)
        {
            Resource = resource;
            HideStack = hideStack;
        }

        internal Resource? Resource { get; }

        internal bool HideStack { get; }
    }

    /// <summary>An exception that has already been logged.</summary>
    public class LogException : Exception
    {
        public LogException(Exception exception)
            : base("Error occurred during logging", exception)
        {
        }
    }

    /// <summary>A configuration value that is missing or not of the requested type.</summary>
    internal sealed class ConfigException : RunException
    {
        public ConfigException(string message)
            : base(message)
        {
        }
    }

    /// <summary>
    /// Raised into the outputs of a resource whose registration failed, so resources that depend on
    /// it fail too without reporting the same error again.
    /// </summary>
    internal sealed class DependencyFailedException : Exception
    {
        public DependencyFailedException(string resourceDescription, Exception cause)
            : base($"{resourceDescription} failed to register: {cause.Message}", cause)
        {
        }
    }
}
