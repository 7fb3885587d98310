namespace P2PSim.Transport.InMemory;

internal sealed class InMemoryDatagramTransport(DatagramRouter router, int queueLimit) : IDatagramTransport
{
    public ValueTask<IDatagramSocket> BindAsync(TransportEndPoint endPoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult<IDatagramSocket>(router.Bind(endPoint, queueLimit));
    }
}
