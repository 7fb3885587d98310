using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace P2PSim.Simulation.Runtime;

/// <summary>
/// The deterministic driver of a simulated run (turmoil/madsim style): a <see cref="SynchronizationContext"/> on one
/// dedicated thread that runs posted continuations one at a time in FIFO order, and moves the <see cref="SimClock"/>
/// to its next timer only when nothing is runnable. Product code awaits without <c>ConfigureAwait(false)</c>, so
/// every continuation comes back here.
/// </summary>
/// <remarks>
/// Real file I/O (the share folder, downloads) completes on the thread pool and posts its continuation here from
/// there. To keep those arrivals in a fixed place in the order, after each step the pump waits until the thread pool
/// is quiet (no queued item, no worker busier than at the start): file I/O then behaves as if it were synchronous.
/// </remarks>
public sealed class SimPump : SynchronizationContext
{
    private static readonly TimeSpan QuietWaitLimit = TimeSpan.FromSeconds(2);

    private readonly object _gate = new();
    private readonly Queue<(SendOrPostCallback Callback, object? State)> _queue = new();
    private readonly SimClock _clock;
    private readonly SimPumpLimits _limits;
    private int _baselineBusy;

    private SimPump(SimClock clock, SimPumpLimits limits)
    {
        _clock = clock;
        _limits = limits;
    }

    /// <summary>Continuations run so far.</summary>
    public long Steps { get; private set; }

    /// <summary>Times the pump gave up waiting for the thread pool to go quiet (0 in a healthy run).</summary>
    public int QuietTimeouts { get; private set; }

    /// <summary>
    /// Runs <paramref name="scenario"/> to completion on a fresh pump thread and returns its result. Throws what the
    /// scenario throws, or <see cref="SimStuckException"/> when every task waits and no timer can wake any of them.
    /// </summary>
    public static T Run<T>(SimClock clock, Func<Task<T>> scenario, SimPumpLimits? limits = null) =>
        Run(clock, scenario, out _, limits);

    /// <summary>As <see cref="Run{T}(SimClock, Func{Task{T}}, SimPumpLimits?)"/>, also reporting how the pump ran.</summary>
    public static T Run<T>(SimClock clock, Func<Task<T>> scenario, out SimPumpReport report, SimPumpLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(scenario);
        var pump = new SimPump(clock, limits ?? new SimPumpLimits());
        T? result = default;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    result = pump.Loop(scenario);
                }
                catch (Exception e)
                {
                    failure = ExceptionDispatchInfo.Capture(e);
                }
            },
            maxStackSize: 16 * 1024 * 1024)
        {
            Name = "sim-pump",
            IsBackground = true,
        };
        thread.Start();
        thread.Join();
        report = new SimPumpReport(pump.Steps, pump.QuietTimeouts);
        failure?.Throw();
        return result!;
    }

    public override void Post(SendOrPostCallback d, object? state)
    {
        lock (_gate)
        {
            _queue.Enqueue((d, state));
        }
    }

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("Synchronous Send would block the simulation's only thread.");

    public override SynchronizationContext CreateCopy() => this;

    private T Loop<T>(Func<Task<T>> scenario)
    {
        SetSynchronizationContext(this);
        _baselineBusy = BusyWorkers();
        var main = scenario();
        while (true)
        {
            if (TryDequeue(out var item))
            {
                if (++Steps > _limits.MaxSteps)
                {
                    throw new SimStuckException($"The run took more than {_limits.MaxSteps} steps (livelock?).");
                }

                item.Callback(item.State);
                WaitForQuietThreadPool();
                continue;
            }

            WaitForQuietThreadPool();
            if (QueueCount() > 0)
            {
                continue;
            }

            if (main.IsCompleted)
            {
                return main.GetAwaiter().GetResult();
            }

            if (!_clock.AdvanceToNextTimer(_limits.MaxSimulatedTime))
            {
                throw new SimStuckException(
                    $"Every task is waiting and no timer is armed before {_limits.MaxSimulatedTime} " +
                    $"(at {_clock.Elapsed}, step {Steps}): the run can never finish.");
            }
        }
    }

    private bool TryDequeue(out (SendOrPostCallback Callback, object? State) item)
    {
        lock (_gate)
        {
            return _queue.TryDequeue(out item);
        }
    }

    private int QueueCount()
    {
        lock (_gate)
        {
            return _queue.Count;
        }
    }

    /// <summary>
    /// Waits (wall clock, bounded) until no thread-pool work is queued or running beyond the baseline, so a file I/O
    /// completion started by the last step has posted its continuation before the next step runs.
    /// </summary>
    private void WaitForQuietThreadPool()
    {
        long started = 0;
        for (var spin = 0; ; spin++)
        {
            var busy = BusyWorkers();
            if (ThreadPool.PendingWorkItemCount == 0 && busy <= _baselineBusy)
            {
                // A worker that was busy at the start and has since gone idle lowers the baseline.
                _baselineBusy = Math.Min(_baselineBusy, busy);
                return;
            }

            if (spin == 0)
            {
                started = Stopwatch.GetTimestamp();
            }
            else if (Stopwatch.GetElapsedTime(started) > QuietWaitLimit)
            {
                // Something outside the run keeps a worker busy: accept it as the new baseline rather than stall.
                QuietTimeouts++;
                _baselineBusy = busy;
                return;
            }

            if (spin < 50)
            {
                Thread.SpinWait(20);
            }
            else
            {
                Thread.Sleep(spin < 200 ? 0 : 1);
            }
        }
    }

    private static int BusyWorkers()
    {
        ThreadPool.GetMaxThreads(out var max, out _);
        ThreadPool.GetAvailableThreads(out var available, out _);
        return max - available;
    }
}
