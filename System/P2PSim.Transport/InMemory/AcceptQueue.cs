namespace P2PSim.Transport.InMemory;

/// <summary>
/// A listener's backlog of connections not yet accepted, bounded like a TCP listen backlog. Shared by the in-memory
/// listener and the simulated network's, which differ only in what binds them and what a close does to the
/// connections left in it.
/// </summary>
internal sealed class AcceptQueue(int backlog)
{
    private readonly object _gate = new();
    private readonly Queue<IConnection> _pending = new();
    private TaskCompletionSource<bool>? _arrival;
    private bool _closed;

    /// <summary>Queues a connection for <see cref="AcceptAsync"/>; false when the backlog is full or the queue closed.</summary>
    public bool TryEnqueue(IConnection connection)
    {
        TaskCompletionSource<bool>? wake;
        lock (_gate)
        {
            if (_closed || _pending.Count >= backlog)
            {
                return false;
            }

            _pending.Enqueue(connection);
            wake = Waiting.Take(ref _arrival);
        }

        wake?.TrySetResult(true);
        return true;
    }

    /// <summary>The next queued connection, waiting for one; null once the queue is closed.</summary>
    public async ValueTask<IConnection?> AcceptAsync(CancellationToken cancellationToken)
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

                if (_closed)
                {
                    return null;
                }

                arrival = Waiting.Live(ref _arrival);
            }

            await Waiting.WaitAsync(arrival, cancellationToken);
        }
    }

    /// <summary>Stops queueing, wakes waiting accepts (they return null) and hands back the connections never accepted.</summary>
    public IConnection[] Close()
    {
        TaskCompletionSource<bool>? wake;
        IConnection[] unaccepted;
        lock (_gate)
        {
            _closed = true;
            wake = Waiting.Take(ref _arrival);
            unaccepted = [.. _pending];
            _pending.Clear();
        }

        wake?.TrySetResult(false);
        return unaccepted;
    }
}
