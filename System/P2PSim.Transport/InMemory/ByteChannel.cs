namespace P2PSim.Transport.InMemory;

/// <summary>
/// One direction of an in-memory connection: a bounded byte queue. A writer waits while the queue holds
/// <c>capacity</c> bytes or more (back-pressure, like a TCP window); a reader waits while it is empty.
/// </summary>
internal sealed class ByteChannel(int capacity) : IByteChannel
{
    private readonly object _gate = new();
    private readonly Queue<byte[]> _chunks = new();
    private int _headOffset;
    private long _buffered;
    private bool _writerCompleted;
    private bool _readerClosed;
    private bool _reset;
    private TaskCompletionSource<bool>? _dataAvailable;
    private TaskCompletionSource<bool>? _spaceAvailable;

    public async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        if (destination.IsEmpty)
        {
            return 0;
        }

        int read;
        TaskCompletionSource<bool>? wakeWriter;
        while (true)
        {
            TaskCompletionSource<bool> dataAvailable;
            lock (_gate)
            {
                if (_reset)
                {
                    throw new IOException("The connection was reset by the peer.");
                }

                if (_buffered > 0)
                {
                    read = CopyOut(destination.Span);
                    wakeWriter = _spaceAvailable;
                    _spaceAvailable = null;
                    break;
                }

                if (_writerCompleted || _readerClosed)
                {
                    return 0;
                }

                dataAvailable = Waiting.Live(ref _dataAvailable);
            }

            await Waiting.WaitAsync(dataAvailable, cancellationToken);
        }

        wakeWriter?.TrySetResult(true);
        return read;
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken)
    {
        if (source.IsEmpty)
        {
            return;
        }

        TaskCompletionSource<bool>? wakeReader;
        while (true)
        {
            TaskCompletionSource<bool> spaceAvailable;
            lock (_gate)
            {
                if (_reset || _readerClosed)
                {
                    throw new IOException("The connection was closed by the peer (broken pipe).");
                }

                if (_writerCompleted)
                {
                    throw new ObjectDisposedException(nameof(InMemoryStream), "Cannot write after the connection was closed.");
                }

                if (_buffered < capacity)
                {
                    _chunks.Enqueue(source.ToArray());
                    _buffered += source.Length;
                    wakeReader = _dataAvailable;
                    _dataAvailable = null;
                    break;
                }

                spaceAvailable = Waiting.Live(ref _spaceAvailable);
            }

            await Waiting.WaitAsync(spaceAvailable, cancellationToken);
        }

        wakeReader?.TrySetResult(true);
    }

    /// <summary>The writer is done: the reader sees end of stream after the buffered bytes.</summary>
    public void CompleteWriter() => Update(() => _writerCompleted = true);

    /// <summary>The reader is gone: buffered bytes are dropped and further writes fail.</summary>
    public void CloseReader() => Update(() =>
    {
        _readerClosed = true;
        _chunks.Clear();
        _buffered = 0;
    });

    /// <summary>Both sides fail at once, like a TCP reset.</summary>
    public void Reset() => Update(() => _reset = true);

    private void Update(Action change)
    {
        TaskCompletionSource<bool>? wakeReader;
        TaskCompletionSource<bool>? wakeWriter;
        lock (_gate)
        {
            change();
            wakeReader = _dataAvailable;
            wakeWriter = _spaceAvailable;
            _dataAvailable = null;
            _spaceAvailable = null;
        }

        wakeReader?.TrySetResult(true);
        wakeWriter?.TrySetResult(true);
    }

    private int CopyOut(Span<byte> destination)
    {
        var total = 0;
        while (total < destination.Length && _chunks.TryPeek(out var head))
        {
            var available = head.AsSpan(_headOffset);
            var count = Math.Min(available.Length, destination.Length - total);
            available[..count].CopyTo(destination[total..]);
            total += count;
            _headOffset += count;
            if (_headOffset == head.Length)
            {
                _chunks.Dequeue();
                _headOffset = 0;
            }
        }

        _buffered -= total;
        return total;
    }
}
