namespace P2PSim.LogService;

/// <summary>Limits of the log server.</summary>
public sealed record LogServerOptions
{
    /// <summary>TCP connections served at once; more are refused.</summary>
    public int MaxConnections { get; init; } = 256;

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
