using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Pulumi
{
    /// <summary>A value that a resource accepts either plain or as an <see cref="Output{T}"/>.</summary>
    public class Input<T> : IInput
    {
        private protected Output<T> _outputValue;

        private protected Input(Output<T> outputValue) => _outputValue = outputValue;

        internal Output<T> Value => _outputValue;

        IOutput IInput.ToUntypedOutput() => _outputValue;

        public static implicit operator Input<T>(T value) => Output.Create(value);

        public static implicit operator Input<T>(Output<T> value) => new(value);

        public static implicit operator Output<T>(Input<T> input) => input._outputValue;
    }

    /// <summary>Extensions that let an input be used like an output.</summary>
    public static class InputExtensions
    {
        public static Output<T> ToOutput<T>(this Input<T>? input)
            => input is null ? Output.Create(default(T)!) : input.Value;

        public static Output<TResult> Apply<T, TResult>(this Input<T>? input, Func<T, TResult> func)
            => input.ToOutput().Apply(func);

        public static Output<TResult> Apply<T, TResult>(this Input<T>? input, Func<T, Output<TResult>?> func)
            => input.ToOutput().Apply(func);

        public static Output<TResult> Apply<T, TResult>(this Input<T>? input, Func<T, Input<TResult>?> func)
            => input.ToOutput().Apply(func);

        public static Output<TResult> Apply<T, TResult>(this Input<T>? input, Func<T, Task<TResult>> func)
            => input.ToOutput().Apply(func);
    }

    /// <summary>A list input whose elements may each be plain values or outputs.</summary>
    public sealed class InputList<T> : Input<ImmutableArray<T>>, IEnumerable, IAsyncEnumerable<Input<T>>
    {
        public InputList()
            : this(Output.Create(ImmutableArray<T>.Empty))
        {
        }

        private InputList(Output<ImmutableArray<T>> values)
            : base(values)
        {
        }

        public void Add(params Input<T>[] inputs) => _outputValue = Concat(_outputValue, Output.All(inputs));

        public void Add(InputList<T> inputs) => AddRange(inputs);

        public void AddRange(InputList<T> inputs) => _outputValue = Concat(_outputValue, inputs._outputValue);

        public InputList<T> Concat(InputList<T> other) => new(Concat(_outputValue, other._outputValue));

        private static Output<ImmutableArray<T>> Concat(Output<ImmutableArray<T>> first, Output<ImmutableArray<T>> second)
            => Output.Tuple(first, second).Apply(pair => pair.Item1.AddRange(pair.Item2));

        IEnumerator IEnumerable.GetEnumerator()
            => throw new NotSupportedException("An InputList cannot be enumerated synchronously: its elements may not be known yet. Use Apply.");

        public async IAsyncEnumerator<Input<T>> GetAsyncEnumerator(CancellationToken cancellationToken)
        {
            var data = await _outputValue.DataTask.ConfigureAwait(false);
            foreach (var value in data.Value)
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return value;
            }
        }

        public static implicit operator InputList<T>(T value) => ImmutableArray.Create<Input<T>>(value);

        public static implicit operator InputList<T>(T[] values) => ImmutableArray.CreateRange(values.Select(v => (Input<T>)v));

        public static implicit operator InputList<T>(List<T> values) => ImmutableArray.CreateRange(values.Select(v => (Input<T>)v));

        public static implicit operator InputList<T>(ImmutableArray<T> values) => values.Select(v => (Input<T>)v).ToImmutableArray();

        public static implicit operator InputList<T>(Output<T> value) => ImmutableArray.Create<Input<T>>(value);

        public static implicit operator InputList<T>(Output<T>[] values) => ImmutableArray.CreateRange(values.Select(v => (Input<T>)v));

        public static implicit operator InputList<T>(List<Output<T>> values) => ImmutableArray.CreateRange(values.Select(v => (Input<T>)v));

        public static implicit operator InputList<T>(ImmutableArray<Output<T>> values) => values.Select(v => (Input<T>)v).ToImmutableArray();

        public static implicit operator InputList<T>(Input<T> value) => ImmutableArray.Create(value);

        public static implicit operator InputList<T>(Input<T>[] values) => ImmutableArray.CreateRange(values);

        public static implicit operator InputList<T>(List<Input<T>> values) => ImmutableArray.CreateRange(values);

        public static implicit operator InputList<T>(ImmutableArray<Input<T>> values) => new(Output.All(values));

        public static implicit operator InputList<T>(Output<T[]> values) => new(values.Apply(ImmutableArray.Create));

        public static implicit operator InputList<T>(Output<List<T>> values) => new(values.Apply(v => v.ToImmutableArray()));

        public static implicit operator InputList<T>(Output<IEnumerable<T>> values) => new(values.Apply(v => v.ToImmutableArray()));

        public static implicit operator InputList<T>(Output<ImmutableArray<T>> values) => new(values);
    }

    /// <summary>A map input (string keys) whose values may each be plain values or outputs.</summary>
    public sealed class InputMap<TValue> : Input<ImmutableDictionary<string, TValue>>, IEnumerable, IAsyncEnumerable<Input<KeyValuePair<string, TValue>>>
    {
        public InputMap()
            : this(Output.Create(ImmutableDictionary<string, TValue>.Empty))
        {
        }

        private InputMap(Output<ImmutableDictionary<string, TValue>> values)
            : base(values)
        {
        }

        /// <summary>Adds an entry; like Pulumi, adding a key again is fine with an equal value and fails
        /// (when the map is read) with a different one.</summary>
        public void Add(string key, Input<TValue> value)
            => _outputValue = Output.Tuple(_outputValue, value.ToOutput()).Apply(pair => AddOrKeep(pair.Item1, key, pair.Item2));

        /// <summary>Like Pulumi, the same as <see cref="Add(string, Input{TValue})"/>: it never overwrites a different value.</summary>
        public Input<TValue> this[string key]
        {
            set => Add(key, value);
        }

        private static ImmutableDictionary<string, TValue> AddOrKeep(ImmutableDictionary<string, TValue> map, string key, TValue value)
        {
            if (!map.TryGetValue(key, out var existing))
            {
                return map.Add(key, value);
            }

            return EqualityComparer<TValue>.Default.Equals(existing, value)
                ? map
                : throw new ArgumentException($"Key '{key}' already exists in the map with a different value.");
        }

        public void Add(InputMap<TValue> values) => AddRange(values);

        public void AddRange(InputMap<TValue> values)
            => _outputValue = Output.Tuple(_outputValue, values._outputValue).Apply(pair => pair.Item1.AddRange(pair.Item2));

        /// <summary>A new map with the entries of both; the second wins where keys collide.</summary>
        public static InputMap<TValue> Merge(InputMap<TValue> first, InputMap<TValue> second)
            => new(Output.Tuple(first._outputValue, second._outputValue).Apply(pair => pair.Item1.SetItems(pair.Item2)));

        IEnumerator IEnumerable.GetEnumerator()
            => throw new NotSupportedException("An InputMap cannot be enumerated synchronously: its values may not be known yet. Use Apply.");

        public async IAsyncEnumerator<Input<KeyValuePair<string, TValue>>> GetAsyncEnumerator(CancellationToken cancellationToken)
        {
            var data = await _outputValue.DataTask.ConfigureAwait(false);
            foreach (var pair in data.Value)
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return pair;
            }
        }

        public static implicit operator InputMap<TValue>(Dictionary<string, TValue> values)
            => new(Output.Create(values.ToImmutableDictionary()));

        public static implicit operator InputMap<TValue>(ImmutableDictionary<string, TValue> values)
            => new(Output.Create(values));

        public static implicit operator InputMap<TValue>(Output<Dictionary<string, TValue>> values)
            => new(values.Apply(v => v.ToImmutableDictionary()));

        public static implicit operator InputMap<TValue>(Output<IDictionary<string, TValue>> values)
            => new(values.Apply(v => v.ToImmutableDictionary()));

        public static implicit operator InputMap<TValue>(Output<ImmutableDictionary<string, TValue>> values)
            => new(values);
    }
}
