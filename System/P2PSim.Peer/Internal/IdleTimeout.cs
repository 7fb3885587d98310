namespace P2PSim.Peer.Internal;

/// <summary>
/// A timeout that restarts before every network wait: a transfer may take as long as it needs while bytes keep
/// moving, but a peer that goes silent is dropped after <c>idle</c>. The timer comes from the injected
/// <see cref="TimeProvider"/>, so tests can drive it with a fake clock.
/// </summary>
internal sealed class IdleTimeout : IDisposable
{
    private readonly TimeSpan _idle;
    private readonly CancellationTokenSource _timer;
    private readonly CancellationTokenSource _linked;

    public IdleTimeout(TimeSpan idle, TimeProvider timeProvider, CancellationToken outer)
    {
        _idle = idle;
        // Created on the injected clock so that CancelAfter below runs on it too; no clock for an infinite timeout.
        _timer = idle == Timeout.InfiniteTimeSpan
            ? new CancellationTokenSource()
            : new CancellationTokenSource(Timeout.InfiniteTimeSpan, timeProvider);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(outer, _timer.Token);
    }

    /// <summary>True once the countdown ran out (as opposed to the caller cancelling).</summary>
    public bool Expired => _timer.IsCancellationRequested;

    /// <summary>Restarts the countdown and returns the token for the next wait.</summary>
    public CancellationToken Restart()
    {
        if (_idle != Timeout.InfiniteTimeSpan && !_timer.IsCancellationRequested)
        {
            _timer.CancelAfter(_idle);
        }

        return _linked.Token;
    }

    public void Dispose()
    {
        _linked.Dispose();
        _timer.Dispose();
    }
}
