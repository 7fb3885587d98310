namespace P2PSim.Transport.Throttling;

/// <summary>
/// Caps every connection made or accepted through it at <see cref="BytesPerSecond"/> in each direction, over any
/// inner transport: models a slow peer or link in tests and benchmarks. Each connection has its own budget, so K
/// connections together move K times the cap.
/// </summary>
public sealed class ThrottledTransport(ITransport inner, long bytesPerSecond, TimeProvider? timeProvider = null) : ITransport
{
    private readonly TimeProvider _timeProvider = timeProvider ?? TimeProvider.System;

    /// <summary>The cap of each connection, each direction.</summary>
    public long BytesPerSecond { get; } = bytesPerSecond > 0
        ? bytesPerSecond
        : throw new ArgumentOutOfRangeException(nameof(bytesPerSecond), bytesPerSecond, "The rate must be positive.");

    /// <inheritdoc/>
    public async ValueTask<IConnectionListener> BindAsync(TransportEndPoint endPoint, CancellationToken cancellationToken = default) =>
        new ThrottledListener(await inner.BindAsync(endPoint, cancellationToken), this);

    /// <inheritdoc/>
    public async ValueTask<IConnection> ConnectAsync(TransportEndPoint endPoint, CancellationToken cancellationToken = default) =>
        Wrap(await inner.ConnectAsync(endPoint, cancellationToken));

    internal IConnection Wrap(IConnection connection) =>
        new ThrottledConnection(connection, new ThrottledStream(connection.Stream, BytesPerSecond, _timeProvider));
}
