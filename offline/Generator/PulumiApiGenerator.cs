using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Pulumi.Offline.Generator
{
    /// <summary>
    /// Emits the types of an offline Pulumi provider package from its api.txt (an AdditionalFiles
    /// item): a subset of the official API listing, made by offline/select-api. The package
    /// version for [ResourceType] comes from the PulumiPackageVersion MSBuild property.
    /// Types the project declares itself are left to it.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class PulumiApiGenerator : IIncrementalGenerator
    {
        public const string ApiFileName = "api.txt";

        private static readonly DiagnosticDescriptor Failed = new DiagnosticDescriptor(
            "PAPI001", "api.txt cannot be turned into code", "{0}", "PulumiOfflineApi", DiagnosticSeverity.Error, isEnabledByDefault: true);

        private static readonly DiagnosticDescriptor Skipped = new DiagnosticDescriptor(
            "PAPI002", "Member left out", "{0}", "PulumiOfflineApi", DiagnosticSeverity.Info, isEnabledByDefault: true);

        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var apiTexts = context.AdditionalTextsProvider
                .Where(f => f.Path.EndsWith("/" + ApiFileName, StringComparison.Ordinal)
                            || f.Path.EndsWith("\\" + ApiFileName, StringComparison.Ordinal)
                            || f.Path == ApiFileName)
                .Select((f, ct) => f.GetText(ct)?.ToString() ?? "");
            var version = context.AnalyzerConfigOptionsProvider.Select((o, _) =>
                o.GlobalOptions.TryGetValue("build_property.PulumiPackageVersion", out var v) ? v : "");
            var features = context.CompilationProvider.Select((c, _) => Detect(c));

            context.RegisterSourceOutput(apiTexts.Combine(version).Combine(features), (spc, input) =>
            {
                var ((text, packageVersion), runtime) = input;
                var result = CodeEmitter.Emit(ApiListing.Parse(text), packageVersion, runtime);
                foreach (var error in result.Errors)
                    spc.ReportDiagnostic(Diagnostic.Create(Failed, Location.None, error));
                foreach (var skipped in result.Skipped)
                    spc.ReportDiagnostic(Diagnostic.Create(Skipped, Location.None, skipped));
                if (result.Errors.Count > 0)
                    return;
                foreach (var source in result.Sources)
                    spc.AddSource(source.Key, SourceText.From(source.Value, Encoding.UTF8));
            });
        }

        /// <summary>What the referenced Pulumi runtime offers, and which types the project hand-writes.</summary>
        public static RuntimeFeatures Detect(Compilation compilation)
        {
            var customOptions = compilation.GetTypeByMetadataName("Pulumi.CustomResourceOptions");
            var hasMerge = customOptions != null && customOptions.GetMembers("Merge").OfType<IMethodSymbol>()
                .Any(m => m.IsStatic && m.DeclaredAccessibility == Accessibility.Public && m.Parameters.Length == 2);
            var hasVersion = HasPublicSetter(customOptions, "Version");
            var hasId = HasPublicSetter(customOptions, "Id");

            var deployment = compilation.GetTypeByMetadataName("Pulumi.DeploymentInstance");
            var hasInvokeOutputOptions = deployment != null && deployment.GetMembers("Invoke").OfType<IMethodSymbol>().Any(m =>
                m.DeclaredAccessibility == Accessibility.Public && m.Parameters.Length == 3
                && m.Parameters[2].Type.ToDisplayString() == "Pulumi.InvokeOutputOptions");

            var handWritten = new List<string>();
            CollectSourceTypes(compilation.Assembly.GlobalNamespace, handWritten);
            return new RuntimeFeatures(hasMerge && hasVersion, hasId, hasInvokeOutputOptions, handWritten);
        }

        private static bool HasPublicSetter(INamedTypeSymbol? type, string name)
        {
            for (var t = type; t != null; t = t.BaseType)
            {
                foreach (var p in t.GetMembers(name).OfType<IPropertySymbol>())
                {
                    if (p.SetMethod != null && p.SetMethod.DeclaredAccessibility == Accessibility.Public)
                        return true;
                }
            }
            return false;
        }

        private static void CollectSourceTypes(INamespaceSymbol ns, List<string> names)
        {
            foreach (var type in ns.GetTypeMembers())
            {
                if (type.Locations.Any(l => l.IsInSource))
                    names.Add(type.ToDisplayString());
            }
            foreach (var child in ns.GetNamespaceMembers())
                CollectSourceTypes(child, names);
        }
    }
}
