namespace P2PSim.Peer.Sessions;

/// <summary>Tunables of a <see cref="DirectorySessionClient"/>.</summary>
public sealed record SessionClientOptions
{
    /// <summary>
    /// Bound on opening the session (connect and hello), on each reply and on each write. A reply that does not come
    /// within this time of its request being queued, or a write that does not finish within it, ends the session:
    /// every waiting call fails, as on a broken connection. One watchdog per session checks it rather than a timer
    /// per call, looking at least every quarter of it, so a late reply is noticed between 1 and 1.25 times this
    /// after its request was queued. A call waiting for a place in the window has no bound of its own: the window
    /// is full only while requests are in flight, and the end of the session wakes it. Infinite in systematic tests
    /// (then no watchdog runs unless heartbeats do).
    /// </summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Largest reply accepted; a longer one ends the session.</summary>
    public int MaxReplyBytes { get; init; } = DirectoryClient.DefaultMaxReplyBytes;

    /// <summary>Whether to ping when nothing was sent for the server's heartbeat interval (off in systematic tests).</summary>
    public bool Heartbeats { get; init; } = true;

    /// <summary>Clock for timeouts and heartbeats; a fake one in tests.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
