namespace P2PSim.LogService;

/// <summary>Limits of the log server.</summary>
public sealed record LogServerOptions
{
    /// <summary>
    /// TCP connections served at once: those that have sent a record. A connection whose first record arrives past
    /// this is closed. Connections that have sent nothing yet do not count (see <see cref="MaxIdleConnections"/>),
    /// so silent sockets cannot lock real senders out.
    /// </summary>
    public int MaxConnections { get; init; } = 256;

    /// <summary>
    /// TCP connections kept while they have not sent their first record; past this the oldest of them is closed to
    /// make room.
    /// </summary>
    public int MaxIdleConnections { get; init; } = 64;

    /// <summary>
    /// TCP connections open at once from one client address, idle or not. Past it the address's oldest idle
    /// connection is closed to make room; a new one is closed at once only when all of them have sent a record.
    /// </summary>
    public int MaxConnectionsPerAddress { get; init; } = 256;

    /// <summary>
    /// How long a TCP connection has, from connecting, to send its complete first record (a header timeout); then
    /// <see cref="IdleTimeout"/> applies between records. <see cref="Timeout.InfiniteTimeSpan"/> disables it.
    /// </summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The largest record (one call, fragments joined) a TCP connection may send; more closes it.</summary>
    public int MaxRecordBytes { get; init; } = 1024 * 1024;

    /// <summary>How long running connections may go on after a stop before they are aborted.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A TCP connection that sends nothing for this long is closed, so silent clients cannot hold every connection
    /// slot. Senders that keep a connection across quiet periods just reconnect. <see cref="Timeout.InfiniteTimeSpan"/>
    /// disables it.
    /// </summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Clock for the idle timeout; a fake one in tests.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
