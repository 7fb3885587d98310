using System.Buffers;
using P2PSim.Protocol.Sessions;

namespace P2PSim.Peer.Sessions;

/// <summary>
/// Session frames waiting to go out in one write. Callers encode their frames straight into it, body first and the
/// header filled in after (the body's length is known only then), so a request costs no array of its own. Not
/// thread-safe: the session's lock guards it, and the writer owns it alone while it writes it out.
/// </summary>
internal sealed class OutgoingFrames : IBufferWriter<byte>
{
    private byte[] _buffer = new byte[1024];
    private int _count;

    /// <summary>True when nothing waits to be written.</summary>
    public bool IsEmpty => _count == 0;

    /// <summary>The frames written so far, in order.</summary>
    public ReadOnlyMemory<byte> Written => _buffer.AsMemory(0, _count);

    /// <summary>Starts a frame: reserves its header and returns where it begins, for <see cref="EndFrame"/> or <see cref="Abandon"/>.</summary>
    public int BeginFrame()
    {
        var start = _count;
        GetSpan(SessionFrameCodec.HeaderLength);
        _count += SessionFrameCodec.HeaderLength;
        return start;
    }

    /// <summary>Fills in the header of the frame begun at <paramref name="start"/>, whose body is everything written since.</summary>
    public void EndFrame(int start, SessionFrameKind kind, uint id) =>
        SessionFrameCodec.WriteHeader(
            _buffer.AsSpan(start, SessionFrameCodec.HeaderLength), kind, id, _count - start - SessionFrameCodec.HeaderLength);

    /// <summary>Drops the frame begun at <paramref name="start"/> (its body could not be encoded).</summary>
    public void Abandon(int start) => _count = start;

    /// <summary>Empties it once its frames are written; the buffer is kept for the next batch.</summary>
    public void Clear() => _count = 0;

    public void Advance(int count) => _count += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _buffer.AsMemory(_count);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _buffer.AsSpan(_count);
    }

    private void Reserve(int sizeHint)
    {
        var needed = _count + Math.Max(sizeHint, 1);
        if (needed > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(needed, _buffer.Length * 2));
        }
    }
}
