namespace P2PSim.Transport.Throttling;

/// <summary>Wraps each accepted connection of an inner listener in the transport's cap.</summary>
internal sealed class ThrottledListener(IConnectionListener inner, ThrottledTransport transport) : IConnectionListener
{
    public TransportEndPoint LocalEndPoint => inner.LocalEndPoint;

    public async ValueTask<IConnection?> AcceptAsync(CancellationToken cancellationToken = default) =>
        await inner.AcceptAsync(cancellationToken) is { } connection ? transport.Wrap(connection) : null;

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
