namespace P2PSim.Transport.InMemory;

internal sealed class InMemoryListener(InMemoryNetwork network, TransportEndPoint localEndPoint, int backlog)
    : IConnectionListener
{
    private readonly AcceptQueue _queue = new(backlog);

    public TransportEndPoint LocalEndPoint { get; } = localEndPoint;

    public bool TryEnqueue(IConnection connection) => _queue.TryEnqueue(connection);

    // Awaited rather than passed through: the Coyote rewriter mishandles some forwarded ValueTasks (1.7.11).
    public async ValueTask<IConnection?> AcceptAsync(CancellationToken cancellationToken = default) => await _queue.AcceptAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        var refused = _queue.Close();
        network.Unbind(this);
        foreach (var connection in refused)
        {
            connection.Abort();
            await connection.DisposeAsync();
        }
    }
}
