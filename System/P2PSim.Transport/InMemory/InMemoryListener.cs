namespace P2PSim.Transport.InMemory;

internal sealed class InMemoryListener(InMemoryNetwork network, TransportEndPoint localEndPoint, int backlog)
    : IConnectionListener
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
            wake = _arrival;
            _arrival = null;
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

    public async ValueTask DisposeAsync()
    {
        TaskCompletionSource<bool>? wake;
        IConnection[] refused;
        lock (_gate)
        {
            _disposed = true;
            wake = _arrival;
            _arrival = null;
            refused = [.. _pending];
            _pending.Clear();
        }

        network.Unbind(this);
        wake?.TrySetResult(false);
        foreach (var connection in refused)
        {
            connection.Abort();
            await connection.DisposeAsync();
        }
    }
}
