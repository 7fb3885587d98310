namespace P2PSim.Transport.Capture;

/// <summary>Records each connection an inner listener accepts.</summary>
internal sealed class CapturingListener(IConnectionListener inner, TrafficCapture capture) : IConnectionListener
{
    public TransportEndPoint LocalEndPoint => inner.LocalEndPoint;

    public async ValueTask<IConnection?> AcceptAsync(CancellationToken cancellationToken = default) =>
        await inner.AcceptAsync(cancellationToken) is { } connection
            ? new CapturingConnection(connection, capture, capture.Open(connection.RemoteEndPoint, connection.LocalEndPoint), isClient: false)
            : null;

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
