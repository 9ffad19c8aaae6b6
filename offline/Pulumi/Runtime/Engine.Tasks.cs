using System.Threading.Tasks;

namespace Pulumi.Runtime
{
    /// <summary>The work a run waits for before it ends: every output and registration in flight.</summary>
    internal sealed partial class Engine
    {
        /// <summary>
        /// Follows an output that is not complete yet: like Pulumi, the run waits for every output
        /// the program creates (a program may create resources inside an Apply), however long it takes.
        /// </summary>
        public void TrackOutput(Task task)
        {
            if (!task.IsCompleted)
            {
                Track(task);
            }
        }

        private void Track(Task task)
        {
            lock (_gate)
            {
                _required.Add(task);
            }
        }

        /// <summary>Waits until every registration, output registration and output is done.</summary>
        public Task WhenIdleAsync() => WhenAllRequiredAsync();

        private async Task WhenAllRequiredAsync()
        {
            while (true)
            {
                Task[] snapshot;
                lock (_gate)
                {
                    _required.RemoveAll(t => t.IsCompleted);
                    snapshot = _required.ToArray();
                }

                if (snapshot.Length == 0)
                {
                    return;
                }

                try
                {
                    await Task.WhenAll(snapshot);
                }
                catch
                {
                    // failures were recorded where they happened
                }

                await Task.Yield();
            }
        }
    }
}
