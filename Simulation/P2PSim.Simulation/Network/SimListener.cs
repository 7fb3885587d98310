using P2PSim.Transport;
using P2PSim.Transport.InMemory;

namespace P2PSim.Simulation.Network;

/// <summary>A listener on a simulated host. Its host's crash closes it: pending accepts then return null.</summary>
internal sealed class SimListener(SimNetwork network, TransportEndPoint localEndPoint, int backlog) : IConnectionListener
{
    private readonly AcceptQueue _queue = new(backlog);

    public TransportEndPoint LocalEndPoint { get; } = localEndPoint;

    public bool TryEnqueue(IConnection connection) => _queue.TryEnqueue(connection);

    // Awaited rather than passed through: the Coyote rewriter mishandles some forwarded ValueTasks (1.7.11).
    public async ValueTask<IConnection?> AcceptAsync(CancellationToken cancellationToken = default) => await _queue.AcceptAsync(cancellationToken);

    public ValueTask DisposeAsync()
    {
        Close();
        network.Unbind(this);
        return ValueTask.CompletedTask;
    }

    /// <summary>Stops accepting; connections not yet accepted are reset.</summary>
    public void Close()
    {
        foreach (var connection in _queue.Close())
        {
            connection.Abort();
        }
    }
}
