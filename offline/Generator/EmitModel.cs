using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
namespace Pulumi.Offline.Generator
{
    /// <summary>What the offline Pulumi runtime being compiled against offers (optional members).</summary>
    public sealed class RuntimeFeatures : IEquatable<RuntimeFeatures>
    {
        public RuntimeFeatures(bool optionsMergeAndVersion, bool optionsId, bool invokeOutputOptions, IEnumerable<string> handWrittenTypes)
        {
            OptionsMergeAndVersion = optionsMergeAndVersion;
            OptionsId = optionsId;
            InvokeOutputOptions = invokeOutputOptions;
            HandWrittenTypes = new SortedSet<string>(handWrittenTypes, StringComparer.Ordinal);
            _key = $"{optionsMergeAndVersion}|{optionsId}|{invokeOutputOptions}|{string.Join(",", HandWrittenTypes)}";
        }

        /// <summary>All features on, nothing hand-written.</summary>
        public static RuntimeFeatures All { get; } = new RuntimeFeatures(true, true, true, Array.Empty<string>());

        private readonly string _key;
        /// <summary>CustomResourceOptions.Merge and a settable ResourceOptions.Version.</summary>
        public bool OptionsMergeAndVersion { get; }
        /// <summary>A settable ResourceOptions.Id (with Merge: static Get methods).</summary>
        public bool OptionsId { get; }
        /// <summary>DeploymentInstance.Invoke&lt;T&gt;(string, InvokeArgs, InvokeOutputOptions).</summary>
        public bool InvokeOutputOptions { get; }
        /// <summary>Types the package declares in its own source: not generated.</summary>
        public SortedSet<string> HandWrittenTypes { get; }

        public bool Equals(RuntimeFeatures? other) => other != null && other._key == _key;
        public override bool Equals(object? obj) => Equals(obj as RuntimeFeatures);
        public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(_key);
    }

    public sealed class EmitResult
    {
        public List<KeyValuePair<string, string>> Sources { get; } = new List<KeyValuePair<string, string>>();
        public List<string> Errors { get; } = new List<string>();
        /// <summary>Members left out because the runtime lacks what they need.</summary>
        public List<string> Skipped { get; } = new List<string>();
    }
}
