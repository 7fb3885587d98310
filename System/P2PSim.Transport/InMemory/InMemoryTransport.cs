namespace P2PSim.Transport.InMemory;

internal sealed class InMemoryTransport(InMemoryNetwork network, string host) : ITransport
{
    public ValueTask<IConnectionListener> BindAsync(TransportEndPoint endPoint, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<IConnectionListener>(network.Bind(endPoint));

    public ValueTask<IConnection> ConnectAsync(TransportEndPoint endPoint, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(network.Connect(host, endPoint));
    }
}
