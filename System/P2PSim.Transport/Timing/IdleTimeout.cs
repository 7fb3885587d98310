namespace P2PSim.Transport.Timing;

/// <summary>
/// A timeout that restarts whenever the connection makes progress: a transfer or a long-lived connection may take
/// as long as it needs while bytes keep moving, but a peer that goes silent is dropped after <c>idle</c>. The timer
/// comes from the injected <see cref="TimeProvider"/>, so tests drive it with a fake or simulated clock. An
/// infinite timeout creates no timer and no linked source (see <see cref="LinkedDeadline"/>): the token is then
/// the caller's own.
/// </summary>
/// <remarks>
/// The countdown starts at the first <see cref="Restart"/>, not at construction; callers restart it before each
/// network wait, or after each read that brought input, whichever their protocol calls progress. A class, unlike
/// <see cref="LinkedDeadline"/>: one lives per connection, not per request, and <see cref="Framing.FrameReader"/>
/// takes it by reference, which keeps the state of every frame read small on the directory server's path.
/// </remarks>
public sealed class IdleTimeout : IDisposable
{
    private readonly TimeSpan _idle;
    private readonly CancellationToken _outer;
    private readonly CancellationTokenSource? _timer;
    private readonly CancellationTokenSource? _linked;

    /// <summary>A stopped countdown of <paramref name="idle"/> on <paramref name="timeProvider"/>, linked to <paramref name="outer"/>.</summary>
    public IdleTimeout(TimeSpan idle, TimeProvider timeProvider, CancellationToken outer)
    {
        _idle = idle;
        _outer = outer;
        if (idle == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        // Created on the injected clock so that CancelAfter below runs on it too.
        _timer = new CancellationTokenSource(Timeout.InfiniteTimeSpan, timeProvider);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(outer, _timer.Token);
    }

    /// <summary>True once the countdown ran out (as opposed to the caller cancelling).</summary>
    public bool Expired => _timer?.IsCancellationRequested == true;

    /// <summary>The token of the current countdown, without restarting it.</summary>
    public CancellationToken Token => _linked?.Token ?? _outer;

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

    /// <summary>
    /// Stops the countdown until the next <see cref="Restart"/>: for a connection that also waits on other things
    /// (its own writes, a rate limit) between the network waits this timeout bounds.
    /// </summary>
    public void Stop()
    {
        if (_timer is not null && !_timer.IsCancellationRequested)
        {
            _timer.CancelAfter(Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Releases the timer and the linked source.</summary>
    public void Dispose()
    {
        _linked?.Dispose();
        _timer?.Dispose();
    }
}
