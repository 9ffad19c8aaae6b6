using System;
using System.Threading;
using System.Threading.Tasks;

namespace Pulumi
{
    /// <summary>
    /// An output whose value is given later: the consumer reads <see cref="Output"/> now, the producer
    /// calls <see cref="Resolve"/> once with the output it stands for. Lets two resources that are
    /// declared in one order refer to each other's outputs in the other. Like every output, the run
    /// waits for it: one never resolved keeps the run waiting, as with the official SDK.
    /// </summary>
    public sealed class DeferredOutput<T>
    {
        private readonly TaskCompletionSource<OutputData<T>> _source = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _resolved;

        public DeferredOutput()
        {
            Output = new Output<T>(_source.Task);
        }

        public Output<T> Output { get; }

        public void Resolve(Output<T> output)
        {
            if (output is null)
            {
                throw new ArgumentNullException(nameof(output));
            }

            if (Interlocked.Exchange(ref _resolved, 1) == 1)
            {
                throw new InvalidOperationException("A DeferredOutput can be resolved only once.");
            }

            _ = ForwardAsync(output);
        }

        private async Task ForwardAsync(Output<T> output)
        {
            try
            {
                _source.SetResult(await output.DataTask.ConfigureAwait(false));
            }
            catch (OperationCanceledException)
            {
                _source.SetCanceled();
            }
            catch (Exception e)
            {
                _source.SetException(e);
            }
        }
    }
}
