namespace P2PSim.Systematic.Tests.Downloads;

/// <summary>
/// Flips one byte in the middle of every write of at least <see cref="TamperingTransport.LargeWrite"/> bytes, or,
/// given <paramref name="holdUntil"/>, holds each such write back until that task completes.
/// </summary>
internal sealed class TamperingStream(Stream inner, Task? holdUntil) : Stream
{
    public override bool CanRead => inner.CanRead;

    public override bool CanSeek => false;

    public override bool CanWrite => inner.CanWrite;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    // Every ValueTask is awaited rather than passed through: Coyote's rewrite of the pass-through form is an invalid
    // program (1.7.11), which made every session of this stream crash on its first read.
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        await inner.ReadAsync(buffer, cancellationToken);

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.Length < TamperingTransport.LargeWrite)
        {
            await inner.WriteAsync(buffer, cancellationToken);
        }
        else if (holdUntil is not null)
        {
            await holdUntil;
            await inner.WriteAsync(buffer, cancellationToken);
        }
        else
        {
            // A copy: the caller's buffer is its pooled block, which must stay as read from the file.
            var rotten = buffer.ToArray();
            rotten[rotten.Length / 2] ^= 0x5A;
            await inner.WriteAsync(rotten, cancellationToken);
        }
    }

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        await ReadAsync(buffer.AsMemory(offset, count), cancellationToken);

    public override async Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        await WriteAsync(buffer.AsMemory(offset, count), cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override async Task FlushAsync(CancellationToken cancellationToken) => await inner.FlushAsync(cancellationToken);

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
