using P2PSim.Transport;

namespace P2PSim.Fixtures.Cluster;

/// <summary>A listener of a <see cref="NodeTransport"/>: its accepted connections are tracked for a crash.</summary>
internal sealed class NodeListener(NodeTransport node, IConnectionListener inner) : IConnectionListener
{
    private int _disposed;

    public TransportEndPoint LocalEndPoint => inner.LocalEndPoint;

    public async ValueTask<IConnection?> AcceptAsync(CancellationToken cancellationToken = default)
    {
        var connection = await inner.AcceptAsync(cancellationToken);
        return connection is null ? null : node.Track(connection);
    }

    public async ValueTask DisposeAsync()
    {
        // Idempotent: a crash closes it, then the server's own stop disposes it again.
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            node.Forget(this);
            await inner.DisposeAsync();
        }
    }
}
