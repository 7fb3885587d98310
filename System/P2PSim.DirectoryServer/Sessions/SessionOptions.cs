namespace P2PSim.DirectoryServer.Sessions;

/// <summary>Bounds of the directory's persistent sessions (docs/sessions.md §4).</summary>
public sealed record SessionOptions
{
    /// <summary>Whether the server answers a session hello; off, a hello gets -1 as from a classic server.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>
    /// Requests a client may have unanswered; the server reads at most this many ahead of the replies it has
    /// written, so a client past it is slowed by TCP flow control, never answered out of order.
    /// </summary>
    public int Window { get; init; } = 64;

    /// <summary>How often a client should ping when it has nothing else to send (advertised in the terms).</summary>
    public TimeSpan Heartbeat { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// A session with no frame from its client for this long is closed (the client pings every
    /// <see cref="Heartbeat"/>, so a live one is never idle that long). Infinite in systematic tests.
    /// </summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>A client that leaves its replies unread for this long is closed (it would hold the server's buffers).</summary>
    public TimeSpan WriteTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Flood control: requests a second one session may make in the long run (OpenNap's flood limit).</summary>
    public double RequestsPerSecond { get; init; } = 100_000;

    /// <summary>Flood control: requests a session may make at once before the rate applies.</summary>
    public int Burst { get; init; } = 10_000;

    /// <summary>
    /// How long a user connected over a session that was lost without DISCONNECT stays connected (orphaned) for
    /// its peer to resume it from a new session (docs/sessions.md §7); zero disconnects it at once.
    /// </summary>
    public TimeSpan PresenceGrace { get; init; } = TimeSpan.FromSeconds(30);
}
