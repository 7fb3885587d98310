using P2PSim.Transport;

namespace P2PSim.Fixtures.Cluster;

/// <summary>
/// An in-process node's view of the network: every listener it binds and every connection it makes or accepts
/// passes through here, so a crash can cut them all at once — connections aborted (the other side sees a reset),
/// listeners closed — which is what killing a process does to its sockets. A graceful stop does not use it.
/// </summary>
internal sealed class NodeTransport(ITransport inner) : ITransport
{
    private readonly object _gate = new();
    private readonly HashSet<NodeListener> _listeners = [];
    private readonly HashSet<NodeConnection> _connections = [];
    private bool _crashed;

    public async ValueTask<IConnectionListener> BindAsync(TransportEndPoint endPoint, CancellationToken cancellationToken = default)
    {
        ThrowIfCrashed(endPoint);
        var listener = new NodeListener(this, await inner.BindAsync(endPoint, cancellationToken));
        lock (_gate)
        {
            _listeners.Add(listener);
        }

        return listener;
    }

    public async ValueTask<IConnection> ConnectAsync(TransportEndPoint endPoint, CancellationToken cancellationToken = default)
    {
        ThrowIfCrashed(endPoint);
        return Track(await inner.ConnectAsync(endPoint, cancellationToken));
    }

    /// <summary>Aborts every open connection and closes every listener of this node.</summary>
    public async Task CrashAsync()
    {
        NodeConnection[] connections;
        NodeListener[] listeners;
        lock (_gate)
        {
            _crashed = true; // a crashed node makes no new connections: what it still tries, fails
            connections = [.. _connections];
            listeners = [.. _listeners];
        }

        foreach (var connection in connections)
        {
            connection.Abort();
        }

        foreach (var listener in listeners)
        {
            await listener.DisposeAsync();
        }
    }

    private void ThrowIfCrashed(TransportEndPoint endPoint)
    {
        lock (_gate)
        {
            if (_crashed)
            {
                throw new ConnectionRefusedException($"This node has crashed: no connection to {endPoint}.");
            }
        }
    }

    internal IConnection Track(IConnection connection)
    {
        var tracked = new NodeConnection(this, connection);
        lock (_gate)
        {
            _connections.Add(tracked);
        }

        return tracked;
    }

    internal void Forget(NodeConnection connection)
    {
        lock (_gate)
        {
            _connections.Remove(connection);
        }
    }

    internal void Forget(NodeListener listener)
    {
        lock (_gate)
        {
            _listeners.Remove(listener);
        }
    }
}
