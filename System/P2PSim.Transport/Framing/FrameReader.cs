using System.Buffers;
using P2PSim.Transport.Timing;

namespace P2PSim.Transport.Framing;

/// <summary>
/// The read side of every P2PSim session and client: reads from a <see cref="Stream"/> into one bounded buffer,
/// hands the buffered bytes to a protocol's pure decoder (a <see cref="FrameDecoder{TState, TFrame}"/>), consumes what it
/// decoded and slides the rest to the front before the next read. It never buffers more than its limit, so nothing
/// a peer sends can make a session grow without bound, and it tells a clean end of stream from one in the middle
/// of a frame. Readers whose protocol switches to raw bytes after a header (GET_FILE content, GET_RANGE payloads)
/// take the buffered remainder from <see cref="Buffered"/> or <see cref="ReadExactlyAsync"/> and then read the
/// stream directly, with no copy through the buffer.
/// </summary>
/// <remarks>
/// Two kinds of buffer: a caller's (the session already holds a pooled buffer it reuses for the transfer or the
/// drain; the reader never grows it) or the reader's own, rented from <see cref="ArrayPool{T}.Shared"/>, doubled up
/// to the limit when a frame outgrows it and returned by <see cref="Dispose"/>. Each read asks for exactly the free
/// room below the limit, after sliding: the sizes a simulated run's trace depends on. One reader serves one
/// connection and is used by one task at a time.
/// </remarks>
public sealed class FrameReader : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _owned;
    private byte[] _buffer;
    private int _start;
    private int _end;

    /// <summary>A reader over the caller's <paramref name="buffer"/>, buffering at most <paramref name="limit"/> bytes.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The limit is below 1 or larger than the buffer.</exception>
    public FrameReader(Stream stream, byte[] buffer, int limit)
        : this(stream, buffer, limit, owned: false)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, buffer.Length);
    }

    private FrameReader(Stream stream, byte[] buffer, int limit, bool owned)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        _stream = stream;
        _buffer = buffer;
        _owned = owned;
        Limit = limit;
    }

    /// <summary>The most bytes this reader buffers.</summary>
    public int Limit { get; }

    /// <summary>The bytes read and not yet consumed.</summary>
    public ReadOnlyMemory<byte> Buffered => _buffer.AsMemory(_start, _end - _start);

    /// <summary>How many bytes are read and not yet consumed.</summary>
    public int BufferedCount => _end - _start;

    /// <summary>True when the limit is buffered: another read would have no room.</summary>
    public bool IsFull => _end - _start >= Limit;

    /// <summary>
    /// A reader with its own pooled buffer of <paramref name="initialCapacity"/> bytes, doubled when a frame needs
    /// more, up to <paramref name="limit"/>.
    /// </summary>
    public static FrameReader Pooled(Stream stream, int initialCapacity, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(initialCapacity, 1);
        return new FrameReader(stream, ArrayPool<byte>.Shared.Rent(Math.Min(initialCapacity, limit)), limit, owned: true);
    }

    /// <summary>
    /// A pooled reader (see <see cref="Pooled(Stream, int, int)"/>) that starts with <paramref name="alreadyRead"/>
    /// buffered: bytes an earlier reader of the same stream took past the message it decoded, such as frames a
    /// client sent right behind its session hello.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="alreadyRead"/> is longer than the limit.</exception>
    public static FrameReader Pooled(Stream stream, int initialCapacity, int limit, ReadOnlySpan<byte> alreadyRead)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(alreadyRead.Length, limit);
        var reader = Pooled(stream, Math.Max(initialCapacity, alreadyRead.Length), limit);
        alreadyRead.CopyTo(reader._buffer);
        reader._end = alreadyRead.Length;
        return reader;
    }

    /// <summary>Marks <paramref name="count"/> buffered bytes as used.</summary>
    public void Consume(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, BufferedCount);
        _start += count;
    }

    /// <summary>Drops everything buffered.</summary>
    public void Clear()
    {
        _start = 0;
        _end = 0;
    }

    /// <summary>
    /// Decodes one frame from what is already buffered, without reading; consumes it on success. False when nothing
    /// is buffered or the bytes are not a whole frame yet. The decoder's exceptions reach the caller.
    /// </summary>
    public bool TryRead<TState, TFrame>(FrameDecoder<TState, TFrame> decode, TState state, out TFrame frame)
    {
        if (_end == _start)
        {
            frame = default!;
            return false;
        }

        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(_buffer, _start, _end - _start));
        if (!decode(ref reader, state, out frame))
        {
            return false;
        }

        _start += (int)reader.Consumed;
        return true;
    }

    /// <summary>
    /// Reads once: slides the buffered bytes to the front, grows an owned buffer when it is full, and reads into the
    /// free room below the limit. Returns the bytes read; 0 at end of stream.
    /// </summary>
    /// <exception cref="InvalidOperationException">The reader is full (check <see cref="IsFull"/> first).</exception>
    public async Task<int> FillAsync(CancellationToken cancellationToken)
    {
        var room = MakeRoom();
        var read = await _stream.ReadAsync(_buffer.AsMemory(_end, room), cancellationToken);
        _end += read;
        return read;
    }

    /// <summary>
    /// Reads until one frame decodes (consumed on return), the stream ends, or the limit is buffered without a whole
    /// frame. Tries what is already buffered before reading.
    /// </summary>
    public Task<FrameRead<TFrame>> ReadFrameAsync<TState, TFrame>(
        FrameDecoder<TState, TFrame> decode, TState state, CancellationToken cancellationToken) =>
        ReadFrameCoreAsync(decode, state, cancellationToken, idle: null);

    /// <summary>The same, restarting <paramref name="idle"/> before every read: a silent peer is dropped, a slow one is not.</summary>
    public Task<FrameRead<TFrame>> ReadFrameAsync<TState, TFrame>(FrameDecoder<TState, TFrame> decode, TState state, IdleTimeout idle) =>
        ReadFrameCoreAsync(decode, state, default, idle);

    /// <summary>Reads until at least <paramref name="minimum"/> bytes are buffered; false when the stream ended first.</summary>
    public Task<bool> FillAtLeastAsync(int minimum, CancellationToken cancellationToken) =>
        FillAtLeastCoreAsync(minimum, cancellationToken, idle: null);

    /// <summary>The same, restarting <paramref name="idle"/> before every read.</summary>
    public Task<bool> FillAtLeastAsync(int minimum, IdleTimeout idle) => FillAtLeastCoreAsync(minimum, default, idle);

    /// <summary>
    /// Fills <paramref name="destination"/>: first from the buffer, then straight from the stream (bulk payloads skip
    /// the buffer).
    /// </summary>
    /// <exception cref="EndOfStreamException">The stream ended first.</exception>
    public async Task ReadExactlyAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        var copied = Math.Min(destination.Length, BufferedCount);
        Buffered[..copied].CopyTo(destination);
        _start += copied;
        if (copied < destination.Length)
        {
            await BoundedRead.ReadExactlyAsync(_stream, destination[copied..], cancellationToken);
        }
    }

    /// <summary>Returns an owned buffer to the pool; a caller's buffer stays the caller's.</summary>
    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        Clear();
        if (_owned && buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task<FrameRead<TFrame>> ReadFrameCoreAsync<TState, TFrame>(
        FrameDecoder<TState, TFrame> decode, TState state, CancellationToken cancellationToken, IdleTimeout? idle)
    {
        while (true)
        {
            if (TryRead(decode, state, out var frame))
            {
                return new FrameRead<TFrame>(FrameStatus.Frame, frame);
            }

            if (IsFull)
            {
                return new FrameRead<TFrame>(FrameStatus.OverLimit, default!);
            }

            // The read inline rather than through FillAsync: one async frame less on every request's path.
            var room = MakeRoom();
            var read = await _stream.ReadAsync(_buffer.AsMemory(_end, room), idle?.Restart() ?? cancellationToken);
            _end += read;
            if (read == 0)
            {
                return new FrameRead<TFrame>(BufferedCount == 0 ? FrameStatus.End : FrameStatus.EndMidFrame, default!);
            }
        }
    }

    private async Task<bool> FillAtLeastCoreAsync(int minimum, CancellationToken cancellationToken, IdleTimeout? idle)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minimum, Limit);
        while (BufferedCount < minimum)
        {
            var room = MakeRoom();
            var read = await _stream.ReadAsync(_buffer.AsMemory(_end, room), idle?.Restart() ?? cancellationToken);
            _end += read;
            if (read == 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Slides the unconsumed bytes to the front and grows an owned buffer if needed; returns the room to read into.</summary>
    private int MakeRoom()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        if (_end >= Math.Min(_buffer.Length, Limit))
        {
            if (!_owned || _buffer.Length >= Limit)
            {
                throw new InvalidOperationException($"The reader already holds its limit of {Limit} bytes.");
            }

            var grown = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)_buffer.Length * 2, Limit));
            _buffer.AsSpan(0, _end).CopyTo(grown);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = grown;
        }

        return Math.Min(_buffer.Length, Limit) - _end;
    }
}
