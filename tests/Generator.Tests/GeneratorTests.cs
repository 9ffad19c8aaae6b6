using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Pulumi.Offline.Generator;
using Xunit;

namespace Generator.Tests
{
    public class GeneratorTests
    {
        private const string ListenerLines = @"
C Pulumi.Aws.LB.Listener(string name, Pulumi.Aws.LB.ListenerArgs args, Pulumi.CustomResourceOptions options = null)
C Pulumi.Aws.LB.ListenerArgs()
P Pulumi.Aws.LB.Listener.Arn : Pulumi.Output<string> { get; }
P Pulumi.Aws.LB.Listener.Port : Pulumi.Output<int?> { get; }
P Pulumi.Aws.LB.ListenerArgs.DefaultActions : Pulumi.InputList<string> { get; set; }
P Pulumi.Aws.LB.ListenerArgs.LoadBalancerArn : Pulumi.Input<string> { get; set; }
P Pulumi.Aws.LB.ListenerArgs.Tags : Pulumi.InputMap<string> { get; set; }
P Pulumi.Aws.LB.ListenerArgs.Port : Pulumi.Input<int> { get; set; }
P static Pulumi.Aws.LB.ListenerArgs.Empty : Pulumi.Aws.LB.ListenerArgs { get; }
T class Pulumi.Aws.LB.Listener : Pulumi.CustomResource [ResourceType(""aws:lb/listener:Listener"")]
T sealed class Pulumi.Aws.LB.ListenerArgs : Pulumi.ResourceArgs
W Pulumi.Aws.LB.Listener output ""arn""
W Pulumi.Aws.LB.Listener output ""port""
W Pulumi.Aws.LB.ListenerArgs input ""defaultActions"", true, false
W Pulumi.Aws.LB.ListenerArgs input ""loadBalancerArn"", true, false
W Pulumi.Aws.LB.ListenerArgs input ""tags"", false, false
W Pulumi.Aws.LB.ListenerArgs input ""port"", false, true
";

        private static Dictionary<string, string> Emit(string lines, RuntimeFeatures? features = null)
        {
            var result = CodeEmitter.Emit(ApiListing.Parse(lines), "1.2.3", features ?? RuntimeFeatures.All);
            Assert.Empty(result.Errors);
            return result.Sources.ToDictionary(s => s.Key, s => s.Value);
        }

        private static string Squash(string code) => string.Join(" ", code.Split(new[] { ' ', '\n', '\r' }, StringSplitOptions.RemoveEmptyEntries));

        [Fact]
        public void ResourceHasTokenVersionOutputsAndConstructor()
        {
            var code = Squash(Emit(ListenerLines)["Pulumi.Aws.LB.Listener.g.cs"]);
            Assert.Contains("[global::Pulumi.ResourceType(\"aws:lb/listener:Listener\", \"1.2.3\")] public class Listener : global::Pulumi.CustomResource", code);
            Assert.Contains("[global::Pulumi.Output(\"arn\")] public global::Pulumi.Output<string> Arn { get; private set; } = null!;", code);
            Assert.Contains("public global::Pulumi.Output<int?> Port { get; private set; }", code);
            Assert.Contains("public Listener(string name, global::Pulumi.Aws.LB.ListenerArgs args, global::Pulumi.CustomResourceOptions? options = null)", code);
            Assert.Contains(": base(\"aws:lb/listener:Listener\", name, args ?? new global::Pulumi.Aws.LB.ListenerArgs(), MakeResourceOptions(options))", code);
            Assert.Contains("Version = \"1.2.3\"", code);
        }

        [Fact]
        public void ArgsUseBackingFieldsForListsAndMapsAndCarryWireFlags()
        {
            var code = Squash(Emit(ListenerLines)["Pulumi.Aws.LB.ListenerArgs.g.cs"]);
            Assert.Contains("public sealed class ListenerArgs : global::Pulumi.ResourceArgs", code);
            Assert.Contains("[global::Pulumi.Input(\"defaultActions\", required: true)] private global::Pulumi.InputList<string>? _defaultActions;", code);
            Assert.Contains("get => _defaultActions ?? (_defaultActions = new global::Pulumi.InputList<string>());", code);
            Assert.Contains("[global::Pulumi.Input(\"tags\")] private global::Pulumi.InputMap<string>? _tags;", code);
            Assert.Contains("[global::Pulumi.Input(\"loadBalancerArn\", required: true)] public global::Pulumi.Input<string> LoadBalancerArn { get; set; } = null!;", code);
            Assert.Contains("[global::Pulumi.Input(\"port\", json: true)] public global::Pulumi.Input<int>? Port { get; set; }", code);
            Assert.Contains("public ListenerArgs() { }", code);
            Assert.Contains("public static new global::Pulumi.Aws.LB.ListenerArgs Empty => new global::Pulumi.Aws.LB.ListenerArgs();", code);
        }

        [Fact]
        public void WithoutMergeTheOptionsArePassedThrough()
        {
            var result = CodeEmitter.Emit(ApiListing.Parse(ListenerLines), "1.2.3", new RuntimeFeatures(false, false, false, Array.Empty<string>()));
            Assert.Empty(result.Errors);
            Assert.Contains(result.Skipped, s => s.Contains("Pulumi.Aws.LB.Listener"));
            Assert.DoesNotContain("Merge", result.Sources.Single(s => s.Key == "Pulumi.Aws.LB.Listener.g.cs").Value);
        }

        [Fact]
        public void OutputTypesGetAnOutputConstructorNamedAfterTheWire()
        {
            var code = Squash(Emit(@"
T sealed class Pulumi.Kubernetes.Types.Outputs.Core.V1.ContainerPort [OutputType()]
F readonly Pulumi.Kubernetes.Types.Outputs.Core.V1.ContainerPort.ContainerPortValue : int
F readonly Pulumi.Kubernetes.Types.Outputs.Core.V1.ContainerPort.HostIP : string
F readonly Pulumi.Kubernetes.Types.Outputs.Core.V1.ContainerPort.Namespace : string
F readonly Pulumi.Kubernetes.Types.Outputs.Core.V1.ContainerPort.Labels : System.Collections.Immutable.ImmutableDictionary<string, string>
")["Pulumi.Kubernetes.Types.Outputs.Core.V1.ContainerPort.g.cs"]);
            Assert.Contains("[global::Pulumi.OutputType] public sealed class ContainerPort", code);
            Assert.Contains("public readonly int ContainerPortValue;", code);
            Assert.Contains("public readonly global::System.Collections.Immutable.ImmutableDictionary<string, string> Labels;", code);
            Assert.Contains("[global::Pulumi.OutputConstructor] private ContainerPort(int containerPort, string hostIP, string @namespace, global::System.Collections.Immutable.ImmutableDictionary<string, string> labels)", code);
            Assert.Contains("Namespace = @namespace;", code);
        }

        [Fact]
        public void KubernetesResourcesSetApiVersionAndKindFromTheToken()
        {
            var sources = Emit(@"
T abstract class Pulumi.Kubernetes.KubernetesResource : Pulumi.CustomResource
T class Pulumi.Kubernetes.Core.V1.Service : Pulumi.Kubernetes.KubernetesResource [ResourceType(""kubernetes:core/v1:Service"")]
C Pulumi.Kubernetes.Core.V1.Service(string name, Pulumi.Kubernetes.Types.Inputs.Core.V1.ServiceArgs args = null, Pulumi.CustomResourceOptions options = null)
M static Pulumi.Kubernetes.Core.V1.Service.Get(string name, Pulumi.Input<string> id, Pulumi.CustomResourceOptions options = null) : Pulumi.Kubernetes.Core.V1.Service
T class Pulumi.Kubernetes.Types.Inputs.Core.V1.ServiceArgs : Pulumi.ResourceArgs
C Pulumi.Kubernetes.Types.Inputs.Core.V1.ServiceArgs()
P Pulumi.Kubernetes.Types.Inputs.Core.V1.ServiceArgs.ApiVersion : Pulumi.Input<string> { get; set; }
P Pulumi.Kubernetes.Types.Inputs.Core.V1.ServiceArgs.Kind : Pulumi.Input<string> { get; set; }
W Pulumi.Kubernetes.Types.Inputs.Core.V1.ServiceArgs input ""apiVersion"", false, false
W Pulumi.Kubernetes.Types.Inputs.Core.V1.ServiceArgs input ""kind"", false, false
");
            var service = Squash(sources["Pulumi.Kubernetes.Core.V1.Service.g.cs"]);
            Assert.Contains("public class Service : global::Pulumi.Kubernetes.KubernetesResource", service);
            Assert.Contains(": base(\"kubernetes:core/v1:Service\", name, SetApiVersionAndKind(args), options)", service);
            Assert.Contains("args ??= new global::Pulumi.Kubernetes.Types.Inputs.Core.V1.ServiceArgs(); args.ApiVersion = \"v1\"; args.Kind = \"Service\"; return args;", service);
            Assert.Contains("public static global::Pulumi.Kubernetes.Core.V1.Service Get(string name, global::Pulumi.Input<string> id, global::Pulumi.CustomResourceOptions? options = null)", service);
            // Not sealed: the T line says plain 'class'.
            Assert.Contains("public class ServiceArgs : global::Pulumi.ResourceArgs", Squash(sources["Pulumi.Kubernetes.Types.Inputs.Core.V1.ServiceArgs.g.cs"]));
            Assert.Contains("internal KubernetesResource(string type, string name", Squash(sources["Pulumi.Kubernetes.KubernetesResource.g.cs"]));
        }

        [Fact]
        public void InvokesCallTheDeploymentWithTheirToken()
        {
            var lines = @"
T static class Pulumi.Aws.GetRegion
X token Pulumi.Aws.GetRegion ""aws:index/getRegion:getRegion""
M static Pulumi.Aws.GetRegion.Invoke(Pulumi.Aws.GetRegionInvokeArgs args = null, Pulumi.InvokeOptions options = null) : Pulumi.Output<Pulumi.Aws.GetRegionResult>
M static Pulumi.Aws.GetRegion.Invoke(Pulumi.Aws.GetRegionInvokeArgs args, Pulumi.InvokeOutputOptions options) : Pulumi.Output<Pulumi.Aws.GetRegionResult>
M static Pulumi.Aws.GetRegion.InvokeAsync(Pulumi.Aws.GetRegionArgs args = null, Pulumi.InvokeOptions options = null) : System.Threading.Tasks.Task<Pulumi.Aws.GetRegionResult>
";
            var code = Squash(Emit(lines)["Pulumi.Aws.GetRegion.g.cs"]);
            Assert.Contains("public static class GetRegion", code);
            Assert.Contains("public static global::System.Threading.Tasks.Task<global::Pulumi.Aws.GetRegionResult> InvokeAsync(global::Pulumi.Aws.GetRegionArgs? args = null, global::Pulumi.InvokeOptions? options = null) => global::Pulumi.Deployment.Instance.InvokeAsync<global::Pulumi.Aws.GetRegionResult>(\"aws:index/getRegion:getRegion\", args ?? new global::Pulumi.Aws.GetRegionArgs(), options);", code);
            Assert.Contains("Invoke(global::Pulumi.Aws.GetRegionInvokeArgs args, global::Pulumi.InvokeOutputOptions options)", code);

            var without = CodeEmitter.Emit(ApiListing.Parse(lines), "1", new RuntimeFeatures(true, true, false, Array.Empty<string>()));
            Assert.DoesNotContain("InvokeOutputOptions", without.Sources.Single().Value);
        }

        [Fact]
        public void UnmatchedWireNamesFailLoudly()
        {
            var result = CodeEmitter.Emit(ApiListing.Parse(@"
T sealed class Pulumi.Aws.S3.BucketArgs : Pulumi.ResourceArgs
C Pulumi.Aws.S3.BucketArgs()
P Pulumi.Aws.S3.BucketArgs.BucketName : Pulumi.Input<string> { get; set; }
W Pulumi.Aws.S3.BucketArgs input ""bucket"", false, false
"), "1", RuntimeFeatures.All);
            Assert.Contains(result.Errors, e => e.Contains("BucketName"));

            var fixedUp = Squash(Emit(@"
T sealed class Pulumi.Aws.S3.BucketArgs : Pulumi.ResourceArgs
C Pulumi.Aws.S3.BucketArgs()
P Pulumi.Aws.S3.BucketArgs.BucketName : Pulumi.Input<string> { get; set; }
W Pulumi.Aws.S3.BucketArgs input ""bucket"", false, false
X wire Pulumi.Aws.S3.BucketArgs.BucketName ""bucket""
")["Pulumi.Aws.S3.BucketArgs.g.cs"]);
            Assert.Contains("[global::Pulumi.Input(\"bucket\")] public global::Pulumi.Input<string>? BucketName { get; set; }", fixedUp);
        }

        [Fact]
        public void EnumTypesAreStringStructsWithNamedValues()
        {
            var code = Squash(Emit(@"
T struct Pulumi.Aws.S3.CannedAcl : System.IEquatable<Pulumi.Aws.S3.CannedAcl> [EnumType()]
M Pulumi.Aws.S3.CannedAcl.Equals(Pulumi.Aws.S3.CannedAcl other) : bool
M Pulumi.Aws.S3.CannedAcl.Equals(object obj) : bool
M Pulumi.Aws.S3.CannedAcl.GetHashCode() : int
M Pulumi.Aws.S3.CannedAcl.ToString() : string
M static Pulumi.Aws.S3.CannedAcl.op_Equality(Pulumi.Aws.S3.CannedAcl left, Pulumi.Aws.S3.CannedAcl right) : bool
M static Pulumi.Aws.S3.CannedAcl.op_Explicit(Pulumi.Aws.S3.CannedAcl value) : string
M static Pulumi.Aws.S3.CannedAcl.op_Inequality(Pulumi.Aws.S3.CannedAcl left, Pulumi.Aws.S3.CannedAcl right) : bool
P static Pulumi.Aws.S3.CannedAcl.Private : Pulumi.Aws.S3.CannedAcl { get; }
P static Pulumi.Aws.S3.CannedAcl.PublicRead : Pulumi.Aws.S3.CannedAcl { get; }
X value Pulumi.Aws.S3.CannedAcl.Private ""private""
X value Pulumi.Aws.S3.CannedAcl.PublicRead ""public-read""
")["Pulumi.Aws.S3.CannedAcl.g.cs"]);
            Assert.Contains("[global::Pulumi.EnumType] public readonly struct CannedAcl : global::System.IEquatable<global::Pulumi.Aws.S3.CannedAcl>", code);
            Assert.Contains("private CannedAcl(string value)", code);
            Assert.Contains("public static global::Pulumi.Aws.S3.CannedAcl PublicRead { get; } = new global::Pulumi.Aws.S3.CannedAcl(\"public-read\");", code);
            Assert.Contains("public static explicit operator string(global::Pulumi.Aws.S3.CannedAcl value) => value._value;", code);
            Assert.Contains("public static bool operator ==(", code);
            Assert.Contains("public override bool Equals(object? obj)", code);
        }

        [Fact]
        public void TypesWithoutARuleAreReported()
        {
            const string Line = "T interface Pulumi.Aws.IThing";
            var result = CodeEmitter.Emit(ApiListing.Parse(Line), "1", RuntimeFeatures.All);
            Assert.Contains(result.Errors, e => e.Contains("IThing"));
            var handWritten = CodeEmitter.Emit(ApiListing.Parse(Line), "1", new RuntimeFeatures(true, true, true, new[] { "Pulumi.Aws.IThing" }));
            Assert.Empty(handWritten.Errors);
            Assert.Empty(handWritten.Sources);
        }

        // ---- every package's api.txt, through the real generator, compiled against the stub runtime

        public static IEnumerable<object[]> Packages() => new[]
        {
            new object[] { "Pulumi.Aws", "7.48.0" },
            new object[] { "Pulumi.Kubernetes", "4.32.0" },
            new object[] { "Pulumi.Random", "4.21.1" },
        };

        [Theory]
        [MemberData(nameof(Packages))]
        public void PackageCompilesWithoutWarnings(string package, string version)
        {
            var root = RepoRoot();
            var dir = Path.Combine(root, "offline", package);
            var stub = Compile("Pulumi", new[] { CSharpSyntaxTree.ParseText(ReadStub(), Options) }, Array.Empty<MetadataReference>());
            var stubImage = EmitImage(stub);

            var handWritten = Directory.GetFiles(dir, "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar) && !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar))
                .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), Options, f));
            var compilation = Compile(package, handWritten, new[] { MetadataReference.CreateFromImage(stubImage) });

            var driver = CSharpGeneratorDriver.Create(
                new[] { new PulumiApiGenerator().AsSourceGenerator() },
                new AdditionalText[] { new FileText(Path.Combine(dir, "api.txt")) },
                Options,
                new ConfigOptions(new Dictionary<string, string> { ["build_property.PulumiPackageVersion"] = version }));
            driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);

            Assert.Empty(generatorDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()));
            Assert.DoesNotContain(generatorDiagnostics, d => d.Id == "PAPI002"); // the stub has every optional member
            var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()).ToList();
            Assert.Empty(problems);
            Assert.True(output.SyntaxTrees.Count() > 3);
        }

        private static readonly CSharpParseOptions Options = new CSharpParseOptions(LanguageVersion.Latest);

        private static CSharpCompilation Compile(string name, IEnumerable<SyntaxTree> trees, IEnumerable<MetadataReference> references)
        {
            var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
                .Select(p => MetadataReference.CreateFromFile(p));
            return CSharpCompilation.Create(name, trees, platform.Concat(references),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        }

        private static ImmutableArray<byte> EmitImage(CSharpCompilation compilation)
        {
            using var stream = new MemoryStream();
            var result = compilation.Emit(stream);
            Assert.True(result.Success, string.Join("\n", result.Diagnostics));
            return ImmutableArray.Create(stream.ToArray());
        }

        private static string ReadStub()
        {
            using var stream = typeof(GeneratorTests).Assembly.GetManifestResourceStream("Stub.Pulumi.cs")!;
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }

        private static string RepoRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Directory.Build.props")) && Directory.Exists(Path.Combine(dir.FullName, "offline")))
                    return dir.FullName;
            }
            throw new InvalidOperationException("repository root not found");
        }

        private sealed class FileText : AdditionalText
        {
            public FileText(string path) => Path = path;
            public override string Path { get; }
            public override SourceText GetText(System.Threading.CancellationToken cancellationToken = default) =>
                SourceText.From(File.ReadAllText(Path));
        }

        private sealed class ConfigOptions : Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptionsProvider
        {
            private readonly GlobalOptions _global;
            public ConfigOptions(Dictionary<string, string> values) => _global = new GlobalOptions(values);
            public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GlobalOptions => _global;
            public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GetOptions(SyntaxTree tree) => _global;
            public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _global;
        }

        private sealed class GlobalOptions : Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions
        {
            private readonly Dictionary<string, string> _values;
            public GlobalOptions(Dictionary<string, string> values) => _values = values;
            public override bool TryGetValue(string key, out string value) => _values.TryGetValue(key, out value!);
        }
    }
}
