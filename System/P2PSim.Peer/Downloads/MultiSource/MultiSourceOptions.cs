namespace P2PSim.Peer.Downloads.MultiSource;

/// <summary>Tunables of a multi-source download. Defaults suit loopback and LAN peers.</summary>
public sealed record MultiSourceOptions
{
    /// <summary>Range requests kept in flight on each source's connection, so a source never idles between blocks.</summary>
    public int RequestsInFlightPerSource { get; init; } = 4;

    /// <summary>How long the next block may take to arrive before its source is counted faulty and its blocks reassigned.</summary>
    public TimeSpan BlockTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long connecting to a source and fetching its manifest may take.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Faults (corrupt blocks, timeouts, refused ranges) after which a source is dropped.</summary>
    public int MaxFaultsPerSource { get; init; } = 3;

    /// <summary>Reconnection attempts in a row after a source's connection breaks before it is dropped.</summary>
    public int MaxReconnectAttempts { get; init; } = 5;

    /// <summary>
    /// Connections in a row to one source that break before delivering a block, after which it is dropped. Every
    /// reconnect to a source that serves its manifest but breaks each range request succeeds, and a broken
    /// connection is not a fault: without this bound it would be reconnected for as long as the download lasts,
    /// and forever when no other source can finish the file. The first connection (the manifest probe's) counts.
    /// </summary>
    public int MaxConnectionsWithoutBlock { get; init; } = 3;

    /// <summary>The first pause before reconnecting; doubled on each failed attempt, up to 2 s.</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// When no block is left unrequested, idle sources also request blocks still in flight elsewhere; the first
    /// verified copy wins and the others are discarded. Shortens the tail a slow source would otherwise set.
    /// </summary>
    public bool Endgame { get; init; } = true;

    /// <summary>Sources that may fetch the same block at once during the endgame.</summary>
    public int EndgameCopies { get; init; } = 3;

    /// <summary>Keep the verified part file when the download fails, so a later attempt resumes from it.</summary>
    public bool KeepPartialOnFailure { get; init; } = true;

    /// <summary>Clock for timeouts and pauses; a fake one in tests.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
