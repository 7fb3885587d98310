namespace P2PSim.Peer.Tests.Infrastructure;

/// <summary>
/// A stream that passes everything through and counts the writes and bytes written; <see cref="HoldNextWrite"/>
/// keeps the next write waiting (cancellable) until <see cref="Release"/>.
/// </summary>
internal sealed class WriteCountingStream(Stream inner) : Stream
{
    private readonly object _gate = new();
    private TaskCompletionSource? _hold;
    private TaskCompletionSource? _held;
    private int _writes;
    private long _bytes;

    public int Writes => Volatile.Read(ref _writes);

    public long BytesWritten => Interlocked.Read(ref _bytes);

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Makes the next write wait; the returned task completes once that write has started waiting.</summary>
    public Task HoldNextWrite()
    {
        lock (_gate)
        {
            _hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _held.Task;
        }
    }

    /// <summary>Lets the held write through.</summary>
    public void Release()
    {
        lock (_gate)
        {
            _hold?.TrySetResult();
            _hold = null;
        }
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Task? wait = null;
        lock (_gate)
        {
            if (_held is { } held)
            {
                _held = null;
                wait = _hold!.Task;
                held.TrySetResult();
            }
        }

        if (wait is not null)
        {
            await wait.WaitAsync(cancellationToken);
        }

        Interlocked.Increment(ref _writes);
        Interlocked.Add(ref _bytes, buffer.Length);
        await inner.WriteAsync(buffer, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        inner.ReadAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        inner.ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Asynchronous reads only.");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("Asynchronous writes only.");

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    // No Dispose override: the wrapped connection owns the inner stream and closes it.
}
