using Microsoft.Coyote.Specifications;

namespace P2PSim.Systematic.Tests.PlantedBugs;

/// <summary>
/// (f) Lost wake-up in the log sink's queue hand-off: the sender finds the queue empty, and only then (outside the
/// lock) publishes the signal the producer completes. An entry queued in between wakes nobody and the sender
/// sleeps forever with work queued. <c>RpcLogSink.NextBatchAsync</c> publishes its signal under the same lock as
/// the emptiness check; this copy does not. Coyote reports the hang as a deadlock.
/// </summary>
internal static class LostWakeup
{
    public static PlantedBug Bug { get; } = new(
        "lost-wakeup",
        "the consumer publishes its wake-up signal after the emptiness check, outside the lock: an entry wakes nobody",
        RaceChecking.Synchronization, Bound: 200, ScenarioAsync, "eadlock");

    private static async Task ScenarioAsync()
    {
        var queue = new SignalledQueue();
        var consumer = Task.Run(queue.TakeAsync);
        var producer = Task.Run(() => queue.Add(42));
        await Task.WhenAll(new[] { consumer, producer });
        Specification.Assert(consumer.Result == 42, $"took {consumer.Result}");
    }

    private sealed class SignalledQueue
    {
        private readonly object _gate = new();
        private readonly Queue<int> _items = new();
        private TaskCompletionSource? _signal;

        public async Task<int> TakeAsync()
        {
            // Bounded: each pass either takes an item or waits for one Add's signal.
            for (var pass = 0; pass < 10; pass++)
            {
                lock (_gate)
                {
                    if (_items.TryDequeue(out var item))
                    {
                        return item;
                    }
                }

                var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                lock (_gate)
                {
                    _signal = signal; // BUG: an Add since the check above found no signal to complete
                }

                await signal.Task;
            }

            throw new InvalidOperationException("no item after 10 wake-ups");
        }

        public void Add(int item)
        {
            TaskCompletionSource? wake;
            lock (_gate)
            {
                _items.Enqueue(item);
                wake = _signal;
                _signal = null;
            }

            wake?.TrySetResult();
        }
    }
}
