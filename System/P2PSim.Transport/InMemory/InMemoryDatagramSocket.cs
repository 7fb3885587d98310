namespace P2PSim.Transport.InMemory;

/// <summary>
/// A datagram socket in memory: a bounded queue of whole datagrams, woken as the in-memory connections are
/// (<see cref="Waiting"/>: a lock and a <see cref="TaskCompletionSource{T}"/>, which Coyote controls). A full queue
/// drops new datagrams, as a full UDP receive buffer does.
/// </summary>
internal sealed class InMemoryDatagramSocket(DatagramRouter router, TransportEndPoint localEndPoint, int queueLimit)
    : IDatagramSocket
{
    private readonly object _gate = new();
    private readonly Queue<(byte[] Bytes, TransportEndPoint From)> _queue = new();
    private TaskCompletionSource<bool>? _arrival;
    private bool _closed;

    public TransportEndPoint LocalEndPoint { get; } = localEndPoint;

    public async ValueTask<ReceivedDatagram?> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty)
        {
            throw new ArgumentException("A receive needs room for at least one byte.", nameof(buffer));
        }

        cancellationToken.ThrowIfCancellationRequested();
        while (true)
        {
            TaskCompletionSource<bool> arrival;
            lock (_gate)
            {
                if (_closed)
                {
                    return null;
                }

                if (_queue.TryDequeue(out var datagram))
                {
                    var length = Math.Min(datagram.Bytes.Length, buffer.Length);
                    datagram.Bytes.AsSpan(0, length).CopyTo(buffer.Span);
                    return new ReceivedDatagram(length, datagram.From);
                }

                arrival = Waiting.Live(ref _arrival);
            }

            await Waiting.WaitAsync(arrival, cancellationToken);
        }
    }

    public ValueTask SendAsync(ReadOnlyMemory<byte> datagram, TransportEndPoint remote, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(remote);
        if (datagram.Length > IDatagramSocket.MaxDatagramBytes)
        {
            throw new ArgumentException(
                $"A datagram of {datagram.Length} bytes is over the {IDatagramSocket.MaxDatagramBytes}-byte limit.", nameof(datagram));
        }

        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_closed, this);
        }

        router.Deliver(LocalEndPoint, remote, datagram);
        return ValueTask.CompletedTask;
    }

    /// <summary>Queues a datagram that arrived; dropped when the queue is full or the socket closed.</summary>
    public void Enqueue(byte[] datagram, TransportEndPoint from)
    {
        TaskCompletionSource<bool>? wake;
        lock (_gate)
        {
            if (_closed || _queue.Count >= queueLimit)
            {
                return;
            }

            _queue.Enqueue((datagram, from));
            wake = Waiting.Take(ref _arrival);
        }

        wake?.TrySetResult(true);
    }

    public ValueTask DisposeAsync()
    {
        TaskCompletionSource<bool>? wake;
        lock (_gate)
        {
            if (_closed)
            {
                return ValueTask.CompletedTask;
            }

            _closed = true;
            _queue.Clear();
            wake = Waiting.Take(ref _arrival);
        }

        router.Unbind(this);
        wake?.TrySetResult(false);
        return ValueTask.CompletedTask;
    }
}
