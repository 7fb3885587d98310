namespace P2PSim.Peer.Internal;

/// <summary>
/// A caller's token plus a timeout on an injected clock, as one token. An infinite timeout creates neither a timer
/// nor a linked source: the token is the caller's own. Systematic (Coyote) tests rely on that: disposing a linked
/// source while its parent is being cancelled on another task waits (spinning) for the parent's callback, which
/// Coyote may have paused, and reports a hang that no schedule reproduces.
/// </summary>
internal sealed class LinkedDeadline : IDisposable
{
    private readonly CancellationTokenSource? _timer;
    private readonly CancellationTokenSource? _linked;

    public LinkedDeadline(TimeSpan timeout, TimeProvider timeProvider, CancellationToken outer)
    {
        if (timeout == Timeout.InfiniteTimeSpan)
        {
            Token = outer;
            return;
        }

        _timer = new CancellationTokenSource(timeout, timeProvider);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(outer, _timer.Token);
        Token = _linked.Token;
    }

    /// <summary>Cancelled when the caller cancels or the timeout runs out.</summary>
    public CancellationToken Token { get; }

    /// <summary>True once the timeout ran out (as opposed to the caller cancelling).</summary>
    public bool Expired => _timer?.IsCancellationRequested == true;

    public void Dispose()
    {
        _linked?.Dispose();
        _timer?.Dispose();
    }
}
