using System.Runtime.ExceptionServices;

namespace P2PSim.Simulation.Runtime;

/// <summary>
/// The deterministic driver of a simulated run (turmoil/madsim style): a <see cref="SynchronizationContext"/> on one
/// dedicated thread that runs posted continuations one at a time in FIFO order, and moves the <see cref="SimClock"/>
/// to its next timer only when nothing is runnable. Product code awaits without <c>ConfigureAwait(false)</c> and
/// starts background work with <c>Task.Yield</c>, so every continuation comes back here.
/// </summary>
/// <remarks>
/// A continuation posted from another thread means some awaited operation completed outside the simulation (real
/// asynchronous file or socket I/O, a wall-clock timer): where it lands in the order then depends on the machine.
/// Such posts are run next (where an operation that had already completed at its await would have continued) and
/// counted in <see cref="ForeignPosts"/>; a run with any is not guaranteed to replay.
/// </remarks>
public sealed class SimPump : SynchronizationContext
{
    private static readonly TimeSpan ForeignWaitLimit = TimeSpan.FromSeconds(1);

    private readonly object _gate = new();
    private readonly Queue<(SendOrPostCallback Callback, object? State)> _queue = new();
    private readonly Queue<(SendOrPostCallback Callback, object? State)> _foreign = new();
    private readonly SimClock _clock;
    private readonly SimPumpLimits _limits;
    private Thread? _thread;

    private SimPump(SimClock clock, SimPumpLimits limits)
    {
        _clock = clock;
        _limits = limits;
    }

    /// <summary>Continuations run so far.</summary>
    public long Steps { get; private set; }

    /// <summary>Continuations posted from outside the pump thread (0 in a run that is sure to replay).</summary>
    public int ForeignPosts { get; private set; }

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
        report = new SimPumpReport(pump.Steps, pump.ForeignPosts);
        failure?.Throw();
        return result!;
    }

    public override void Post(SendOrPostCallback d, object? state)
    {
        lock (_gate)
        {
            if (Thread.CurrentThread == _thread)
            {
                _queue.Enqueue((d, state));
            }
            else
            {
                _foreign.Enqueue((d, state));
                ForeignPosts++;
                Monitor.PulseAll(_gate);
            }
        }
    }

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("Synchronous Send would block the simulation's only thread.");

    public override SynchronizationContext CreateCopy() => this;

    private T Loop<T>(Func<Task<T>> scenario)
    {
        _thread = Thread.CurrentThread;
        SetSynchronizationContext(this);
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
                continue;
            }

            if (main.IsCompleted)
            {
                return main.GetAwaiter().GetResult();
            }

            if (!_clock.AdvanceToNextTimer(_limits.MaxSimulatedTime) && !WaitForForeignPost())
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
            return _foreign.TryDequeue(out item) || _queue.TryDequeue(out item);
        }
    }

    /// <summary>Nothing can wake anything in the simulation: give outside work (wall clock, bounded) a last chance.</summary>
    private bool WaitForForeignPost()
    {
        lock (_gate)
        {
            return _foreign.Count > 0 || (Monitor.Wait(_gate, ForeignWaitLimit) && _foreign.Count > 0);
        }
    }
}
