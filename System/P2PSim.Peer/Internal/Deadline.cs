namespace P2PSim.Peer.Internal;

/// <summary>Timeout token sources on an injected clock.</summary>
internal static class Deadline
{
    /// <summary>
    /// A source cancelled after <paramref name="timeout"/> on <paramref name="timeProvider"/>'s clock. An infinite
    /// timeout creates no timer at all, which systematic (Coyote) tests rely on.
    /// </summary>
    public static CancellationTokenSource After(TimeSpan timeout, TimeProvider timeProvider) =>
        timeout == Timeout.InfiniteTimeSpan ? new CancellationTokenSource() : new CancellationTokenSource(timeout, timeProvider);
}
