using System;
using Pulumi.Runtime;

namespace Pulumi
{
    /// <summary>Messages from the program to the person running it. An error fails the run.</summary>
    public static class Log
    {
        public static void Debug(string message, Resource? resource = null, int? streamId = null, bool? ephemeral = null)
            => Write("debug", message, resource);

        public static void Info(string message, Resource? resource = null, int? streamId = null, bool? ephemeral = null)
            => Write("info", message, resource);

        public static void Warn(string message, Resource? resource = null, int? streamId = null, bool? ephemeral = null)
            => Write("warning", message, resource);

        public static void Error(string message, Resource? resource = null, int? streamId = null, bool? ephemeral = null)
            => Write("error", message, resource);

        public static void Exception(Exception exception, Resource? resource = null, int? streamId = null, bool? ephemeral = null)
            => Write("error", exception.ToString(), resource);

        private static void Write(string severity, string message, Resource? resource)
        {
            var text = resource is null ? message : $"{resource.GetResourceType()} '{resource.GetResourceName()}': {message}";
            if (Engine.Current is { } engine)
            {
                engine.Log(severity, text);
            }
            else if (severity is "warning" or "error")
            {
                Console.Error.WriteLine($"{severity}: {text}");
            }
        }
    }
}
