namespace P2PSim.Transport.Throttling;

/// <summary>
/// Paces reads and writes of an inner stream to a byte rate. Writes go out in slices of at most 1/20 s of the
/// rate, so a large write is spread out instead of sent at once and followed by a long pause.
/// </summary>
internal sealed class ThrottledStream(Stream inner, long bytesPerSecond, TimeProvider timeProvider) : Stream
{
    private readonly Pacer _reads = new(bytesPerSecond, timeProvider);
    private readonly Pacer _writes = new(bytesPerSecond, timeProvider);
    private readonly int _slice = (int)Math.Clamp(bytesPerSecond / 20, 1, 64 * 1024);

    public override bool CanRead => inner.CanRead;

    public override bool CanSeek => false;

    public override bool CanWrite => inner.CanWrite;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer[..Math.Min(buffer.Length, _slice)], cancellationToken);
        if (read > 0)
        {
            await _reads.WaitAsync(read, cancellationToken);
        }

        return read;
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (!buffer.IsEmpty)
        {
            var slice = buffer[..Math.Min(buffer.Length, _slice)];
            await _writes.WaitAsync(slice.Length, cancellationToken);
            await inner.WriteAsync(slice, cancellationToken);
            buffer = buffer[slice.Length..];
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override void Flush() => inner.Flush();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
