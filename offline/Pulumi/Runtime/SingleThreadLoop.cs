using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace Pulumi.Runtime
{
    /// <summary>
    /// Runs a program on one dedicated thread whose continuations execute in the order they were
    /// queued, so resource registration (and every call into the mocks) happens in a deterministic order.
    /// </summary>
    internal sealed class SingleThreadLoop : SynchronizationContext
    {
        private readonly BlockingCollection<(SendOrPostCallback Callback, object? State)> _queue = new();
        private volatile bool _finished;

        public static Task<T> RunAsync<T>(Func<Task<T>> program)
        {
            var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
            var thread = new Thread(() =>
            {
                var loop = new SingleThreadLoop();
                SetSynchronizationContext(loop);
                try
                {
                    var task = program();
                    task.ContinueWith(_ => loop._queue.CompleteAdding(), TaskScheduler.Default);
                    foreach (var (callback, state) in loop._queue.GetConsumingEnumerable())
                    {
                        callback(state);
                    }

                    loop._finished = true;
                    if (task.IsFaulted)
                    {
                        result.TrySetException(task.Exception!.InnerExceptions);
                    }
                    else if (task.IsCanceled)
                    {
                        result.TrySetCanceled();
                    }
                    else
                    {
                        result.TrySetResult(task.Result);
                    }
                }
                catch (Exception e)
                {
                    result.TrySetException(e);
                }
                finally
                {
                    loop._finished = true;
                    SetSynchronizationContext(null);
                }
            })
            {
                IsBackground = true,
                Name = "pulumi-offline-program",
            };
            thread.Start();
            return result.Task;
        }

        public override void Post(SendOrPostCallback d, object? state)
        {
            // Work that arrives after the program ended (a late continuation) runs on the thread pool.
            if (_finished || !TryAdd(d, state))
            {
                ThreadPool.QueueUserWorkItem(_ => d(state));
            }
        }

        private bool TryAdd(SendOrPostCallback d, object? state)
        {
            try
            {
                return _queue.TryAdd((d, state));
            }
            catch (InvalidOperationException)
            {
                return false;
            }
        }

        public override void Send(SendOrPostCallback d, object? state) => d(state);

        public override SynchronizationContext CreateCopy() => this;
    }
}
