namespace P2PSim.Transport.Timing;

/// <summary>
/// A caller's token plus a timeout on an injected clock, as one token: what bounds one request, one call or one
/// drain. An infinite timeout creates neither a timer nor a linked source, and the token is the caller's own.
/// Systematic (Coyote) tests rely on that: disposing a linked source while its parent is being cancelled on another
/// task waits (spinning) for the parent's callback, which Coyote may have paused, and reports a hang that no
/// schedule reproduces.
/// </summary>
/// <remarks>
/// A struct: it is created once per request on the directory server's hot path, and it only carries the two
/// sources (copies share them; dispose exactly one, with <c>using</c>).
/// </remarks>
public readonly struct LinkedDeadline : IDisposable
{
    private readonly CancellationTokenSource? _timer;
    private readonly CancellationTokenSource? _linked;

    /// <summary>Starts the countdown of <paramref name="timeout"/> on <paramref name="timeProvider"/> now.</summary>
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

    /// <summary>Releases the timer and the linked source.</summary>
    public void Dispose()
    {
        _linked?.Dispose();
        _timer?.Dispose();
    }
}
