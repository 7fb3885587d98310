namespace P2PSim.Transport.InMemory;

/// <summary>A duplex stream over two <see cref="IByteChannel"/>s: reads from one, writes to the other.</summary>
/// <param name="inbound">The channel this end reads.</param>
/// <param name="outbound">The channel this end writes.</param>
/// <param name="blockingAllowed">
/// False where a blocking call would stall everything (the simulation runs on one thread): synchronous reads and
/// writes then throw instead.
/// </param>
internal sealed class InMemoryStream(IByteChannel inbound, IByteChannel outbound, bool blockingAllowed = true) : Stream
{
    private int _disposed;

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        inbound.ReadAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        inbound.ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        outbound.WriteAsync(buffer, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        outbound.WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // Synchronous calls exist for Stream's contract only; P2PSim code is asynchronous throughout.
    public override int Read(byte[] buffer, int offset, int count) =>
        blockingAllowed
            ? inbound.ReadAsync(buffer.AsMemory(offset, count), CancellationToken.None).AsTask().GetAwaiter().GetResult()
            : throw new NotSupportedException("Synchronous reads are refused on this connection: they would block the one thread that runs it.");

    public override void Write(byte[] buffer, int offset, int count)
    {
        if (!blockingAllowed)
        {
            throw new NotSupportedException("Synchronous writes are refused on this connection: they would block the one thread that runs it.");
        }

        outbound.WriteAsync(buffer.AsMemory(offset, count), CancellationToken.None).AsTask().GetAwaiter().GetResult();
    }

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public void ShutdownOutput() => outbound.CompleteWriter();

    public void Reset()
    {
        inbound.Reset();
        outbound.Reset();
    }

    protected override void Dispose(bool disposing)
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            outbound.CompleteWriter();
            inbound.CloseReader();
        }

        base.Dispose(disposing);
    }
}
