using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;

namespace Pulumi
{
    /// <summary>
    /// A value that becomes available once resources are registered. It carries whether it is known
    /// (during a preview many are not), whether it is secret, and which resources it depends on.
    /// </summary>
    public sealed class Output<T> : IOutput
    {
        internal Output(Task<OutputData<T>> dataTask)
        {
            DataTask = dataTask;
            Runtime.Engine.Current?.TrackOutput(dataTask);
        }

        internal Task<OutputData<T>> DataTask { get; }

        public static Output<T> Create(Task<T> value) => Output.Create(value);

        async Task<OutputData<object?>> IOutput.GetDataAsync()
        {
            var data = await DataTask.ConfigureAwait(false);
            return new OutputData<object?>(data.Value, data.IsKnown, data.IsSecret, data.Resources);
        }

        public Output<TResult> Apply<TResult>(Func<T, TResult> func)
            => Apply(value => Output.Create(func(value)));

        public Output<TResult> Apply<TResult>(Func<T, Task<TResult>> func)
            => Apply(value => Output.Create(func(value)));

        public Output<TResult> Apply<TResult>(Func<T, Input<TResult>?> func)
            => Apply(value => func(value)?.ToOutput());

        public Output<TResult> Apply<TResult>(Func<T, Output<TResult>?> func)
            => new(ApplyAsync(func));

        public Output<ValueTuple> Apply(Func<T, Task> func)
            => Apply(async value =>
            {
                await func(value).ConfigureAwait(false);
                return ValueTuple.Create();
            });

        public Output<TResult> UntypedApply<TResult>(Func<object, Output<TResult>> func)
            => Apply(value => func(value!));

        private async Task<OutputData<TResult>> ApplyAsync<TResult>(Func<T, Output<TResult>?> func)
        {
            var data = await DataTask.ConfigureAwait(false);
            if (!data.IsKnown)
            {
                // Like Pulumi: a callback never runs on a value the engine does not know yet.
                return OutputData<TResult>.Unknown(data.IsSecret, data.Resources);
            }

            var inner = func(data.Value);
            if (inner is null)
            {
                return new OutputData<TResult>(default!, true, data.IsSecret, data.Resources);
            }

            var innerData = await inner.DataTask.ConfigureAwait(false);
            return new OutputData<TResult>(
                innerData.Value,
                innerData.IsKnown,
                data.IsSecret || innerData.IsSecret,
                data.Resources.Union(innerData.Resources));
        }

        public override string ToString()
            => $"Output<{typeof(T).Name}> has no value to print yet: it resolves once the resources it depends on are registered. "
               + "Use output.Apply(v => ...) to work with the value, or Output.Format($\"...{output}...\") to build a string from it.";
    }

    /// <summary>Creates and combines outputs.</summary>
    public static class Output
    {
        public static Output<T> Create<T>(T value)
            => new(Task.FromResult(OutputData<T>.Known(value)));

        public static Output<T> Create<T>(Task<T> value)
            => new(WrapAsync(value, isSecret: false));

        public static Output<T> CreateSecret<T>(T value)
            => new(Task.FromResult(OutputData<T>.Known(value) with { IsSecret = true }));

        public static Output<T> CreateSecret<T>(Task<T> value)
            => new(WrapAsync(value, isSecret: true));

        public static Output<T> CreateSecret<T>(Output<T> value)
            => new(WithSecretAsync(value.DataTask, isSecret: true));

        public static Output<T> Unsecret<T>(Output<T> output)
            => new(WithSecretAsync(output.DataTask, isSecret: false));

        public static async Task<bool> IsSecretAsync<T>(Output<T> output)
            => (await output.DataTask.ConfigureAwait(false)).IsSecret;

        public static Output<ImmutableArray<T>> All<T>(params Input<T>[] inputs)
            => All(inputs.Select(i => i.ToOutput()));

        public static Output<ImmutableArray<T>> All<T>(IEnumerable<Input<T>> inputs)
            => All(inputs.Select(i => i.ToOutput()));

        public static Output<ImmutableArray<T>> All<T>(params Output<T>[] outputs)
            => All(outputs.AsEnumerable());

        public static Output<ImmutableArray<T>> All<T>(IEnumerable<Output<T>> outputs)
            => new(AllAsync(outputs.ToImmutableArray()));

        public static Output<(T1, T2)> Tuple<T1, T2>(Output<T1> item1, Output<T2> item2)
            => Combine(new IOutput[] { item1, item2 }, v => (As<T1>(v[0]), As<T2>(v[1])));

        public static Output<(T1, T2)> Tuple<T1, T2>(Input<T1> item1, Input<T2> item2)
            => Tuple(item1.ToOutput(), item2.ToOutput());

        public static Output<(T1, T2, T3)> Tuple<T1, T2, T3>(Output<T1> item1, Output<T2> item2, Output<T3> item3)
            => Combine(new IOutput[] { item1, item2, item3 }, v => (As<T1>(v[0]), As<T2>(v[1]), As<T3>(v[2])));

        public static Output<(T1, T2, T3)> Tuple<T1, T2, T3>(Input<T1> item1, Input<T2> item2, Input<T3> item3)
            => Tuple(item1.ToOutput(), item2.ToOutput(), item3.ToOutput());

        public static Output<(T1, T2, T3, T4)> Tuple<T1, T2, T3, T4>(Output<T1> item1, Output<T2> item2, Output<T3> item3, Output<T4> item4)
            => Combine(new IOutput[] { item1, item2, item3, item4 }, v => (As<T1>(v[0]), As<T2>(v[1]), As<T3>(v[2]), As<T4>(v[3])));

        public static Output<(T1, T2, T3, T4)> Tuple<T1, T2, T3, T4>(Input<T1> item1, Input<T2> item2, Input<T3> item3, Input<T4> item4)
            => Tuple(item1.ToOutput(), item2.ToOutput(), item3.ToOutput(), item4.ToOutput());

        public static Output<(T1, T2, T3, T4, T5)> Tuple<T1, T2, T3, T4, T5>(Output<T1> item1, Output<T2> item2, Output<T3> item3, Output<T4> item4, Output<T5> item5)
            => Combine(new IOutput[] { item1, item2, item3, item4, item5 }, v => (As<T1>(v[0]), As<T2>(v[1]), As<T3>(v[2]), As<T4>(v[3]), As<T5>(v[4])));

        public static Output<(T1, T2, T3, T4, T5)> Tuple<T1, T2, T3, T4, T5>(Input<T1> item1, Input<T2> item2, Input<T3> item3, Input<T4> item4, Input<T5> item5)
            => Tuple(item1.ToOutput(), item2.ToOutput(), item3.ToOutput(), item4.ToOutput(), item5.ToOutput());

        public static Output<string> Format(FormattableString formattableString)
        {
            var arguments = formattableString.GetArguments().Select(ToUntyped).ToArray();
            return Combine(arguments, values => string.Format(CultureInfo.InvariantCulture, formattableString.Format, values.ToArray()));
        }

        public static Output<string> JsonSerialize<T>(Output<T> value, JsonSerializerOptions? options = null)
            => value.Apply(v => JsonSerializer.Serialize(v, options));

        public static Output<T> JsonDeserialize<T>(Output<string> json, JsonSerializerOptions? options = null)
            => json.Apply(text => JsonSerializer.Deserialize<T>(text, options)!);

        private static T As<T>(object? value) => value is null ? default! : (T)value;

        internal static IOutput ToUntyped(object? value) => value switch
        {
            IOutput output => output,
            IInput input => input.ToUntypedOutput(),
            _ => Create<object?>(value),
        };

        /// <summary>Waits for all outputs and combines their values; unknown if any is, secret if any is.</summary>
        internal static Output<TResult> Combine<TResult>(IReadOnlyList<IOutput> outputs, Func<IReadOnlyList<object?>, TResult> combine)
            => new(CombineAsync(outputs, combine));

        private static async Task<OutputData<TResult>> CombineAsync<TResult>(IReadOnlyList<IOutput> outputs, Func<IReadOnlyList<object?>, TResult> combine)
        {
            var all = await Task.WhenAll(outputs.Select(o => o.GetDataAsync())).ConfigureAwait(false);
            var isKnown = all.All(d => d.IsKnown);
            var isSecret = all.Any(d => d.IsSecret);
            var resources = all.Aggregate(ImmutableHashSet<Resource>.Empty, (set, d) => set.Union(d.Resources));
            return isKnown
                ? new OutputData<TResult>(combine(all.Select(d => d.Value).ToArray()), true, isSecret, resources)
                : OutputData<TResult>.Unknown(isSecret, resources);
        }

        private static async Task<OutputData<ImmutableArray<T>>> AllAsync<T>(ImmutableArray<Output<T>> outputs)
        {
            var all = await Task.WhenAll(outputs.Select(o => o.DataTask)).ConfigureAwait(false);
            var isKnown = all.All(d => d.IsKnown);
            var isSecret = all.Any(d => d.IsSecret);
            var resources = all.Aggregate(ImmutableHashSet<Resource>.Empty, (set, d) => set.Union(d.Resources));
            return isKnown
                ? new OutputData<ImmutableArray<T>>(all.Select(d => d.Value).ToImmutableArray(), true, isSecret, resources)
                : OutputData<ImmutableArray<T>>.Unknown(isSecret, resources);
        }

        private static async Task<OutputData<T>> WrapAsync<T>(Task<T> task, bool isSecret)
            => OutputData<T>.Known(await task.ConfigureAwait(false)) with { IsSecret = isSecret };

        private static async Task<OutputData<T>> WithSecretAsync<T>(Task<OutputData<T>> task, bool isSecret)
            => (await task.ConfigureAwait(false)) with { IsSecret = isSecret };
    }
}
