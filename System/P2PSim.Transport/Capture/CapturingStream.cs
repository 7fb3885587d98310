namespace P2PSim.Transport.Capture;

/// <summary>
/// An inner connection stream reporting what it writes (this side's bytes) and reads (the other side's) to its
/// capture, each with its offset in its direction; a read that ends the stream is the other side's FIN, one that
/// fails is its reset.
/// </summary>
internal sealed class CapturingStream(Stream inner, TrafficCapture capture, CaptureFlow flow, bool isClient) : Stream
{
    private long _written;
    private long _read;

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
        int read;
        try
        {
            read = await inner.ReadAsync(buffer, cancellationToken);
        }
        catch (IOException)
        {
            capture.Abort(flow, !isClient);
            throw;
        }

        if (!buffer.IsEmpty)
        {
            Report(buffer.Span[..read]);
        }

        return read;
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await inner.WriteAsync(buffer, cancellationToken);
        capture.Data(flow, isClient, _written, buffer.Span);
        _written += buffer.Length;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count)
    {
        var read = inner.Read(buffer, offset, count);
        if (count > 0)
        {
            Report(buffer.AsSpan(offset, read));
        }

        return read;
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        inner.Write(buffer, offset, count);
        capture.Data(flow, isClient, _written, buffer.AsSpan(offset, count));
        _written += count;
    }

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

    /// <summary>A read into a non-empty buffer: its bytes, or (none) the other side's end of stream.</summary>
    private void Report(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            capture.Finish(flow, !isClient); // the other side's end of stream
            return;
        }

        capture.Data(flow, !isClient, _read, bytes);
        _read += bytes.Length;
    }
}
