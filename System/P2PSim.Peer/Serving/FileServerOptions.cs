using P2PSim.Protocol;

namespace P2PSim.Peer.Serving;

/// <summary>Tunables of a peer's GET_FILE server. Defaults suit a loopback or LAN deployment.</summary>
/// <param name="ShareDirectory">The only folder whose files are served.</param>
public sealed record FileServerOptions(string ShareDirectory)
{
    /// <summary>How the result code is written (spec §1); ASCII + NUL by default.</summary>
    public ResultEncoding ResultEncoding { get; init; } = ResultEncoding.Ascii;

    /// <summary>Field limits; the spec's by default (a file name of at most 256 bytes).</summary>
    public FieldLimits Limits { get; init; } = FieldLimits.Classic;

    /// <summary>
    /// How long a client may take, from connecting, to send its complete first request (a header timeout). Bounds
    /// what a silent or trickling client can hold; <see cref="Timeout.InfiniteTimeSpan"/> disables it.
    /// </summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long one write of the content may wait for the client to take bytes. A transfer may last as long as it
    /// keeps moving; a client that stops reading is dropped after this.
    /// </summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Transfers served at once: connections that have sent a request. A request past this is refused by closing its
    /// connection at once. Connections still waiting for their first request do not count (see
    /// <see cref="MaxIdleConnections"/>), so idle connections cannot starve real ones.
    /// </summary>
    public int MaxConnections { get; init; } = 64;

    /// <summary>
    /// Connections kept open while they have not yet sent their first request; past this the oldest of them is
    /// closed to make room, so a flood of idle connections only cycles itself.
    /// </summary>
    public int MaxIdleConnections { get; init; } = 256;

    /// <summary>
    /// Connections open at once from one client address, idle or not. Past it the address's oldest idle connection is
    /// closed to make room; a new one is closed at once only when all of them are being served.
    /// </summary>
    public int MaxConnectionsPerAddress { get; init; } = 16;

    /// <summary>
    /// Bytes of GET_RANGE replies all connections together may hold in buffers at once. Ranges stream through
    /// chunks of <see cref="BufferSize"/>; a chunk past the budget waits (within <see cref="IdleTimeout"/>) for one
    /// to be sent. So clients that pipeline ranges and never read cannot grow the peer's memory.
    /// </summary>
    public long MaxRangeBytesInFlight { get; init; } = 16 * 1024 * 1024;

    /// <summary>Size of the pooled buffer each transfer streams through.</summary>
    public int BufferSize { get; init; } = 64 * 1024;

    /// <summary>Clock for timeouts; a fake one in tests.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
