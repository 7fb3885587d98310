namespace P2PSim.Transport.Capture;

/// <summary>An inner transport whose connections, made or accepted, are recorded by a <see cref="TrafficCapture"/>.</summary>
internal sealed class CapturingTransport(ITransport inner, TrafficCapture capture) : ITransport
{
    public async ValueTask<IConnectionListener> BindAsync(TransportEndPoint endPoint, CancellationToken cancellationToken = default) =>
        new CapturingListener(await inner.BindAsync(endPoint, cancellationToken), capture);

    public async ValueTask<IConnection> ConnectAsync(TransportEndPoint endPoint, CancellationToken cancellationToken = default)
    {
        var connection = await inner.ConnectAsync(endPoint, cancellationToken);
        return new CapturingConnection(connection, capture, capture.Open(connection.LocalEndPoint, connection.RemoteEndPoint), isClient: true);
    }
}
