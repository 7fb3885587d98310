namespace P2PSim.Simulation.Runtime;

/// <summary>
/// A timer on a <see cref="SimClock"/>. Each arming gets a fresh order stamp; a queue entry whose stamp is no
/// longer the timer's current one is stale and skipped, so <see cref="Change"/> and <see cref="Dispose"/> are O(1).
/// </summary>
internal sealed class SimTimer(SimClock clock, TimerCallback callback, object? state) : ITimer
{
    private long _armedOrder = -1;
    private TimeSpan _period = Timeout.InfiniteTimeSpan;
    private bool _disposed;

    public bool Change(TimeSpan dueTime, TimeSpan period)
    {
        lock (clock.Gate)
        {
            if (_disposed)
            {
                return false;
            }

            _period = period;
            _armedOrder = dueTime == Timeout.InfiniteTimeSpan ? clock.NextOrder() ^ long.MinValue : clock.Arm(this, dueTime);
            return true;
        }
    }

    public bool IsArmed(long order)
    {
        lock (clock.Gate)
        {
            return !_disposed && _armedOrder == order;
        }
    }

    public void Fire()
    {
        lock (clock.Gate)
        {
            if (_disposed)
            {
                return;
            }

            // A periodic timer re-arms before its callback, as System.Threading.Timer does; a zero period means none.
            _armedOrder = _period == Timeout.InfiniteTimeSpan || _period <= TimeSpan.Zero
                ? clock.NextOrder() ^ long.MinValue
                : clock.Arm(this, _period);
        }

        callback(state);
    }

    public void Dispose()
    {
        lock (clock.Gate)
        {
            _disposed = true;
        }
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
