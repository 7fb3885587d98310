namespace P2PSim.Peer.Sessions;

/// <summary>Tunables of a <see cref="DirectorySessionClient"/>.</summary>
public sealed record SessionClientOptions
{
    /// <summary>
    /// Bound on opening the session (connect and hello) and on each reply. A reply that does not come in time ends
    /// the session: the calls waiting on it fail, as they would on a broken connection. Infinite in systematic tests.
    /// </summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Largest reply accepted; a longer one ends the session.</summary>
    public int MaxReplyBytes { get; init; } = DirectoryClient.DefaultMaxReplyBytes;

    /// <summary>Whether to ping when nothing was sent for the server's heartbeat interval (off in systematic tests).</summary>
    public bool Heartbeats { get; init; } = true;

    /// <summary>Clock for timeouts and heartbeats; a fake one in tests.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
