using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using Pulumi.Runtime;
using Pulumi.Testing;

namespace Pulumi
{
    /// <summary>
    /// Entry points of a Pulumi program. This offline build runs programs in Pulumi's test mode
    /// (<see cref="TestAsync{TStack}(IMocks, TestOptions)"/>); it cannot deploy.
    /// </summary>
    public sealed class Deployment
    {
        internal const string CannotDeploy =
            "This program was built with BlueGreen's offline Pulumi SDK (PulumiSdk=offline), which cannot deploy anything.\n"
            + "To deploy: install the Pulumi CLI, build with the official SDK (dotnet build -p:PulumiSdk=official) and run `pulumi up --stack <stack>`.\n"
            + "For a credential-free preview of a stack here: dotnet run --project ramp -- preview --stack <stack>";

        private Deployment()
        {
        }

        /// <summary>The running deployment.</summary>
        public static DeploymentInstance Instance
            => Engine.Current?.Instance
               ?? throw new InvalidOperationException("Trying to acquire Deployment.Instance before a program runs: use it within a Stack, Deployment.RunAsync or Deployment.TestAsync.");

        public static Task<int> RunAsync(Action action) => RefuseToDeploy();

        public static Task<int> RunAsync(Func<IDictionary<string, object?>> func) => RefuseToDeploy();

        public static Task<int> RunAsync(Func<Task> func) => RefuseToDeploy();

        public static Task<int> RunAsync(Func<Task<IDictionary<string, object?>>> func, StackOptions? options = null) => RefuseToDeploy();

        public static Task<int> RunAsync<TStack>()
            where TStack : Stack, new()
            => RefuseToDeploy();

        private static Task<int> RefuseToDeploy()
        {
            Console.Error.WriteLine(CannotDeploy);
            return Task.FromResult(1);
        }

        public static Task<ImmutableArray<Resource>> TestAsync<TStack>(IMocks mocks, TestOptions? options = null)
            where TStack : Stack, new()
            => RunTestAsync(mocks, options, engine =>
            {
                var stack = new TStack();
                engine.RegisterStackOutputs(stack);
            });

        public static async Task<ImmutableArray<Resource>> TestAsync(IMocks testMocks, TestOptions testOptions, Action createResources)
            => WithoutTestStack(await RunTestAsync(testMocks, testOptions, _ => new TestStack(() =>
            {
                createResources();
                return Task.FromResult<IDictionary<string, object?>>(new Dictionary<string, object?>());
            }))).Resources;

        public static async Task<ImmutableArray<Resource>> TestAsync(IMocks testMocks, TestOptions testOptions, Func<Task> createResources)
            => WithoutTestStack(await RunTestAsync(testMocks, testOptions, _ => new TestStack(async () =>
            {
                await createResources().ConfigureAwait(false);
                return new Dictionary<string, object?>();
            }))).Resources;

        public static async Task<(ImmutableArray<Resource> Resources, IDictionary<string, object?> Outputs)> TestAsync(
            IMocks testMocks, TestOptions testOptions, Func<IDictionary<string, object?>> createResources)
            => WithoutTestStack(await RunTestAsync(testMocks, testOptions, _ => new TestStack(() => Task.FromResult(createResources()))));

        public static async Task<(ImmutableArray<Resource> Resources, IDictionary<string, object?> Outputs)> TestAsync(
            IMocks testMocks, TestOptions testOptions, Func<Task<IDictionary<string, object?>>> createResources)
            => WithoutTestStack(await RunTestAsync(testMocks, testOptions, _ => new TestStack(createResources)));

        private static (ImmutableArray<Resource> Resources, IDictionary<string, object?> Outputs) WithoutTestStack(ImmutableArray<Resource> resources)
        {
            var testStack = resources.OfType<TestStack>().FirstOrDefault();
            return (resources.Where(r => r is not TestStack).ToImmutableArray(), testStack?.Outputs ?? new Dictionary<string, object?>());
        }

        private static async Task<ImmutableArray<Resource>> RunTestAsync(IMocks mocks, TestOptions? options, Action<Engine> program)
        {
            var engine = new Engine(mocks, options ?? new TestOptions(), ConfigValues.FromEnvironment());
            await SingleThreadLoop.RunAsync(async () =>
            {
                engine.Enter();
                try
                {
                    program(engine);
                }
                catch (Exception e)
                {
                    var cause = e is TargetInvocationException { InnerException: { } inner } ? inner : e;
                    engine.AddError(cause is RunException run
                        ? run.Message
                        : $"Running program '{Assembly.GetEntryAssembly()?.Location}' failed with an unhandled exception:\n{cause}");
                }

                await engine.WhenIdleAsync();
                return true;
            }).ConfigureAwait(false);

            var errors = engine.Errors;
            return errors.Count switch
            {
                0 => engine.Resources,
                1 => throw new RunException(errors[0]),
                _ => throw new AggregateException(errors.Select(e => new RunException(e))),
            };
        }

        /// <summary>The stack the function-based TestAsync overloads run their function in.</summary>
        private sealed class TestStack : Stack
        {
            private readonly Task<IDictionary<string, object?>> _outputs;

            public TestStack(Func<Task<IDictionary<string, object?>>> createResources)
            {
                _outputs = createResources();
                RegisterOutputs(_outputs);
            }

            public IDictionary<string, object?> Outputs
                => _outputs.IsCompletedSuccessfully ? _outputs.Result : new Dictionary<string, object?>();
        }
    }

    /// <summary>The running deployment: its stack, project and mode, and provider function calls.</summary>
    public sealed class DeploymentInstance
    {
        private readonly Engine _engine;

        internal DeploymentInstance(Engine engine) => _engine = engine;

        public string StackName => _engine.StackName;

        public string ProjectName => _engine.ProjectName;

        public string OrganizationName => _engine.OrganizationName;

        public string RootDirectory => _engine.RootDirectory;

        /// <summary>True during a preview.</summary>
        public bool IsDryRun => _engine.IsDryRun;

        public Task<T> InvokeAsync<T>(string token, InvokeArgs args, InvokeOptions? options = null)
            => _engine.InvokeAsync<T>(token, args, options);

        public Task InvokeAsync(string token, InvokeArgs args, InvokeOptions? options = null)
            => _engine.InvokeAsync<object>(token, args, options);

        public Output<T> Invoke<T>(string token, InvokeArgs args, InvokeOptions? options = null)
            => _engine.Invoke<T>(token, args, options);

        public Output<T> Invoke<T>(string token, InvokeArgs args, InvokeOutputOptions options)
            => _engine.Invoke<T>(token, args, options);
    }
}
