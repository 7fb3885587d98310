using P2PSim.Transport.Timing;

namespace P2PSim.Transport.Throttling;

/// <summary>
/// A token bucket for one direction of one connection: each transfer of n bytes is scheduled n/rate seconds after
/// the previous one ends, with up to <see cref="Burst"/> of credit so short idle spells are not lost.
/// </summary>
internal sealed class Pacer(long bytesPerSecond, TimeProvider timeProvider)
{
    /// <summary>The credit a connection may build up while idle: 50 ms at the cap.</summary>
    private static readonly TimeSpan Burst = TimeSpan.FromMilliseconds(50);

    private readonly object _gate = new();
    private long _nextFreeTimestamp = timeProvider.GetTimestamp();

    /// <summary>Waits until <paramref name="bytes"/> may pass.</summary>
    public Task WaitAsync(int bytes, CancellationToken cancellationToken)
    {
        TimeSpan delay;
        lock (_gate)
        {
            var now = timeProvider.GetTimestamp();
            var frequency = timeProvider.TimestampFrequency;
            var earliest = now - (long)(Burst.TotalSeconds * frequency);
            var start = Math.Max(_nextFreeTimestamp, earliest);
            _nextFreeTimestamp = start + (long)((double)bytes / bytesPerSecond * frequency);
            delay = timeProvider.GetElapsedTime(now, _nextFreeTimestamp) - Burst;
        }

        return delay > TimeSpan.Zero ? ClockDelay.DelayAsync(delay, timeProvider, cancellationToken) : Task.CompletedTask;
    }
}
