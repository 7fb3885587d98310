namespace P2PSim.Transport.Tests.Framing;

/// <summary>
/// A read-only stream that hands out its bytes in the chunks given (each read returns at most one chunk, and at
/// most what the reader asked for), then end of stream; it records how many bytes each read asked for.
/// </summary>
internal sealed class ScriptedStream(params byte[][] chunks) : Stream
{
    private readonly Queue<byte[]> _chunks = new(chunks);
    private byte[] _current = [];
    private int _offset;

    /// <summary>The room each read offered, in order.</summary>
    public List<int> Asked { get; } = [];

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>One chunk per byte of <paramref name="bytes"/>.</summary>
    public static ScriptedStream OneBytePerRead(byte[] bytes) => new([.. bytes.Select(b => new[] { b })]);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Asked.Add(buffer.Length);
        return ValueTask.FromResult(Read(buffer.Span));
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_offset == _current.Length)
        {
            if (!_chunks.TryDequeue(out var next))
            {
                return 0;
            }

            _current = next;
            _offset = 0;
        }

        var count = Math.Min(buffer.Length, _current.Length - _offset);
        _current.AsSpan(_offset, count).CopyTo(buffer);
        _offset += count;
        return count;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
