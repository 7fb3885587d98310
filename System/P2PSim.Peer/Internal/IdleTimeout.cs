namespace P2PSim.Peer.Internal;

/// <summary>
/// A timeout that restarts before every network wait: a transfer may take as long as it needs while bytes keep
/// moving, but a peer that goes silent is dropped after <c>idle</c>. The timer comes from the injected
/// <see cref="TimeProvider"/>, so tests can drive it with a fake clock.
/// </summary>
internal sealed class IdleTimeout : IDisposable
{
    private readonly TimeSpan _idle;
    private readonly CancellationToken _outer;
    private readonly CancellationTokenSource? _timer;
    private readonly CancellationTokenSource? _linked;

    public IdleTimeout(TimeSpan idle, TimeProvider timeProvider, CancellationToken outer)
    {
        _idle = idle;
        _outer = outer;
        if (idle == Timeout.InfiniteTimeSpan)
        {
            // No clock and no linked source for an infinite timeout (see LinkedDeadline): the waits use the outer token.
            return;
        }

        // Created on the injected clock so that CancelAfter below runs on it too.
        _timer = new CancellationTokenSource(Timeout.InfiniteTimeSpan, timeProvider);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(outer, _timer.Token);
    }

    /// <summary>True once the countdown ran out (as opposed to the caller cancelling).</summary>
    public bool Expired => _timer?.IsCancellationRequested == true;

    /// <summary>Restarts the countdown and returns the token for the next wait.</summary>
    public CancellationToken Restart()
    {
        if (_timer is null || _linked is null)
        {
            return _outer;
        }

        if (!_timer.IsCancellationRequested)
        {
            _timer.CancelAfter(_idle);
        }

        return _linked.Token;
    }

    public void Dispose()
    {
        _linked?.Dispose();
        _timer?.Dispose();
    }
}
