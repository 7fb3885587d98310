using P2PSim.Transport;
using P2PSim.Transport.InMemory;

namespace P2PSim.Simulation.Network;

/// <summary>A listener on a simulated host. Its host's crash disposes it: pending accepts then return null.</summary>
internal sealed class SimListener(SimNetwork network, TransportEndPoint localEndPoint, int backlog) : IConnectionListener
{
    private readonly object _gate = new();
    private readonly Queue<IConnection> _pending = new();
    private TaskCompletionSource<bool>? _arrival;
    private bool _disposed;

    public TransportEndPoint LocalEndPoint { get; } = localEndPoint;

    public bool TryEnqueue(IConnection connection)
    {
        TaskCompletionSource<bool>? wake;
        lock (_gate)
        {
            if (_disposed || _pending.Count >= backlog)
            {
                return false;
            }

            _pending.Enqueue(connection);
            wake = Waiting.Take(ref _arrival);
        }

        wake?.TrySetResult(true);
        return true;
    }

    public async ValueTask<IConnection?> AcceptAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            TaskCompletionSource<bool> arrival;
            lock (_gate)
            {
                if (_pending.TryDequeue(out var connection))
                {
                    return connection;
                }

                if (_disposed)
                {
                    return null;
                }

                arrival = Waiting.Live(ref _arrival);
            }

            await Waiting.WaitAsync(arrival, cancellationToken);
        }
    }

    public ValueTask DisposeAsync()
    {
        Close();
        network.Unbind(this);
        return ValueTask.CompletedTask;
    }

    /// <summary>Stops accepting; connections not yet accepted are reset.</summary>
    public void Close()
    {
        TaskCompletionSource<bool>? wake;
        IConnection[] refused;
        lock (_gate)
        {
            _disposed = true;
            wake = Waiting.Take(ref _arrival);
            refused = [.. _pending];
            _pending.Clear();
        }

        wake?.TrySetResult(false);
        foreach (var connection in refused)
        {
            connection.Abort();
        }
    }
}
