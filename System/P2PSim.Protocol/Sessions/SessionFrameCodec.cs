using System.Buffers;
using System.Buffers.Binary;

namespace P2PSim.Protocol.Sessions;

/// <summary>
/// The session frame (docs/sessions.md §3): <c>length</c> (u32, big-endian: the bytes after it), <c>kind</c>
/// (u8), <c>id</c> (u32, big-endian), then the body. Pure: no I/O, byte-exact both ways.
/// </summary>
public static class SessionFrameCodec
{
    /// <summary>Bytes before the body: length, kind and id.</summary>
    public const int HeaderLength = 9;

    private const int LengthFieldLength = 4;

    /// <summary>
    /// Tries to decode one frame from the start of <paramref name="reader"/>; on success advances past it. False when
    /// more bytes are needed. Frames longer than <paramref name="maxFrameBytes"/> (header included) are refused from
    /// their length alone, before their body is buffered.
    /// </summary>
    /// <exception cref="SessionProtocolException">Not a frame, or one over the limit.</exception>
    public static bool TryDecode(ref SequenceReader<byte> reader, int maxFrameBytes, out SessionFrame frame)
    {
        frame = default;
        if (!reader.TryReadBigEndian(out int signedLength))
        {
            return false;
        }

        var length = (uint)signedLength;
        if (length < HeaderLength - LengthFieldLength)
        {
            throw new SessionProtocolException(SessionCloseCode.Malformed, $"A frame length of {length} is shorter than its header.");
        }

        if (length > (uint)(maxFrameBytes - LengthFieldLength))
        {
            throw new SessionProtocolException(
                SessionCloseCode.FrameTooLarge, $"A frame of {length + LengthFieldLength} bytes is over the limit of {maxFrameBytes}.");
        }

        if (reader.Remaining < length)
        {
            return false;
        }

        reader.TryRead(out var kindByte);
        var kind = (SessionFrameKind)kindByte;
        if (kind is < SessionFrameKind.Request or > SessionFrameKind.Close)
        {
            throw new SessionProtocolException(SessionCloseCode.Malformed, $"Unknown frame kind {kindByte}.");
        }

        reader.TryReadBigEndian(out int id);
        var bodyLength = (int)length - (HeaderLength - LengthFieldLength);
        frame = new SessionFrame(kind, (uint)id, reader.UnreadSequence.Slice(0, bodyLength));
        reader.Advance(bodyLength);
        return true;
    }

    /// <summary>Writes one frame: header, then <paramref name="body"/>.</summary>
    public static void Write(IBufferWriter<byte> output, SessionFrameKind kind, uint id, ReadOnlySpan<byte> body)
    {
        var span = output.GetSpan(HeaderLength + body.Length);
        WriteHeader(span, kind, id, body.Length);
        body.CopyTo(span[HeaderLength..]);
        output.Advance(HeaderLength + body.Length);
    }

    /// <summary>
    /// Writes the <see cref="HeaderLength"/> header bytes of a frame whose body of <paramref name="bodyLength"/>
    /// bytes follows them: for a writer that encodes the body in place first and fills the header in after.
    /// </summary>
    public static void WriteHeader(Span<byte> header, SessionFrameKind kind, uint id, int bodyLength)
    {
        BinaryPrimitives.WriteUInt32BigEndian(header, (uint)(bodyLength + HeaderLength - LengthFieldLength));
        header[LengthFieldLength] = (byte)kind;
        BinaryPrimitives.WriteUInt32BigEndian(header[(LengthFieldLength + 1)..HeaderLength], id);
    }
}
