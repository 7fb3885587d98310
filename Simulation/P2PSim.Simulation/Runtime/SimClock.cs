namespace P2PSim.Simulation.Runtime;

/// <summary>
/// Virtual time for a simulated run. Time stands still while any work is runnable; the <see cref="SimPump"/> moves
/// it to the next timer only when every task is waiting. Timers due at the same instant fire in creation order, so
/// the order of callbacks depends on the program alone. Local time is UTC, so timestamps do not depend on the machine.
/// </summary>
public sealed class SimClock : TimeProvider
{
    /// <summary>Where every run's clock starts: a fixed instant, never the wall clock.</summary>
    public static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly PriorityQueue<SimTimer, (long DueTicks, long Order)> _timers = new();
    private long _nowTicks;
    private long _nextOrder;

    /// <summary>Guards the clock and every timer on it (one lock, so clock and timers never wait on each other).</summary>
    internal object Gate { get; } = new();

    /// <summary>Time elapsed since <see cref="Epoch"/>.</summary>
    public TimeSpan Elapsed
    {
        get
        {
            lock (Gate)
            {
                return TimeSpan.FromTicks(_nowTicks);
            }
        }
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override DateTimeOffset GetUtcNow() => Epoch + Elapsed;

    public override long GetTimestamp() => Elapsed.Ticks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new SimTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Runs <paramref name="action"/> after <paramref name="delay"/> of virtual time (a one-shot timer).</summary>
    public void Schedule(TimeSpan delay, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        CreateTimer(static state => ((Action)state!).Invoke(), action, delay, Timeout.InfiniteTimeSpan);
    }

    /// <summary>
    /// Moves time to the earliest armed timer and fires every timer due then, in order. False when no timer is armed
    /// (nothing can ever wake a waiting task) or the next one lies beyond <paramref name="limit"/>.
    /// </summary>
    internal bool AdvanceToNextTimer(TimeSpan limit)
    {
        var due = new List<SimTimer>();
        lock (Gate)
        {
            while (_timers.TryPeek(out var head, out var key) && !head.IsArmed(key.Order))
            {
                _timers.Dequeue(); // changed or disposed since it was queued
            }

            if (!_timers.TryPeek(out _, out var next) || next.DueTicks > limit.Ticks)
            {
                return false;
            }

            _nowTicks = Math.Max(_nowTicks, next.DueTicks);
            while (_timers.TryPeek(out var timer, out var key) && key.DueTicks <= _nowTicks)
            {
                _timers.Dequeue();
                if (timer.IsArmed(key.Order))
                {
                    due.Add(timer);
                }
            }
        }

        foreach (var timer in due)
        {
            timer.Fire();
        }

        return true;
    }

    /// <summary>Queues <paramref name="timer"/> to fire after <paramref name="delay"/>; returns its order stamp.</summary>
    internal long Arm(SimTimer timer, TimeSpan delay)
    {
        lock (Gate)
        {
            var order = _nextOrder++;
            _timers.Enqueue(timer, (_nowTicks + Math.Max(0, delay.Ticks), order));
            return order;
        }
    }

    /// <summary>A fresh order stamp that disarms whatever stamp a timer held (used when it is stopped).</summary>
    internal long NextOrder()
    {
        lock (Gate)
        {
            return _nextOrder++;
        }
    }
}
