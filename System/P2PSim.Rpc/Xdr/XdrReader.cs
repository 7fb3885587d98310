using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace P2PSim.Rpc.Xdr;

/// <summary>
/// Reads XDR (RFC 4506) from one complete message held in memory (a UDP datagram or a reassembled TCP record).
/// Strict: input ending inside an item, non-zero padding, a boolean other than 0/1, and any string, opaque or
/// array over its declared bound throw <see cref="XdrException"/>, and bounds are checked before anything is
/// allocated. Nothing else is thrown for bad bytes.
/// </summary>
public ref struct XdrReader
{
    /// <summary>Strict UTF-8: invalid bytes are malformed input, not silently replaced.</summary>
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _buffer;
    private int _position;

    /// <summary>Creates a reader over <paramref name="buffer"/>.</summary>
    public XdrReader(ReadOnlySpan<byte> buffer)
    {
        _buffer = buffer;
        _position = 0;
    }

    /// <summary>
    /// Creates a reader over <paramref name="buffer"/>; a multi-segment sequence is copied once into one array
    /// (callers bound the record size before they get here, see <see cref="OncRpc.RecordMarking"/>).
    /// </summary>
    public XdrReader(in ReadOnlySequence<byte> buffer)
        : this(buffer.IsSingleSegment ? buffer.FirstSpan : buffer.ToArray())
    {
    }

    /// <summary>Bytes consumed so far.</summary>
    public readonly int Position => _position;

    /// <summary>Bytes not yet consumed.</summary>
    public readonly int Remaining => _buffer.Length - _position;

    /// <summary>The bytes not yet consumed (for example the procedure arguments after an RPC call header).</summary>
    public readonly ReadOnlySpan<byte> RemainingSpan => _buffer[_position..];

    /// <summary>True when every byte has been consumed.</summary>
    public readonly bool IsAtEnd => _position == _buffer.Length;

    /// <summary>Reads an XDR <c>int</c> (§4.1).</summary>
    public int ReadInt32() => unchecked((int)ReadUInt32());

    /// <summary>Reads an XDR <c>unsigned int</c> (§4.2).</summary>
    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32BigEndian(Take(4, "an unsigned int"));

    /// <summary>Reads an XDR <c>hyper</c> (§4.5).</summary>
    public long ReadInt64() => unchecked((long)ReadUInt64());

    /// <summary>Reads an XDR <c>unsigned hyper</c> (§4.5).</summary>
    public ulong ReadUInt64() => BinaryPrimitives.ReadUInt64BigEndian(Take(8, "a hyper"));

    /// <summary>Reads an XDR <c>bool</c> (§4.4); anything but 0 or 1 is malformed.</summary>
    public bool ReadBoolean() => ReadUInt32() switch
    {
        0 => false,
        1 => true,
        var other => throw new XdrException($"A bool must be 0 or 1, not {other}."),
    };

    /// <summary>
    /// Reads an XDR <c>enum</c> (§4.3) as its signed value; the caller checks it is one of the declared values.
    /// </summary>
    public int ReadEnum() => ReadInt32();

    /// <summary>Reads fixed-length opaque data (§4.9) of <paramref name="length"/> bytes and its zero padding.</summary>
    public ReadOnlySpan<byte> ReadFixedOpaque(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (length > Remaining)
        {
            throw Truncated("opaque data");
        }

        var padded = XdrPadding.Padded(length);
        var item = Take(padded, "opaque padding");
        if (item[length..].ContainsAnyExcept((byte)0))
        {
            throw new XdrException("Padding bytes after opaque data or a string must be zero.");
        }

        return item[..length];
    }

    /// <summary>
    /// Reads variable-length opaque data (§4.10) declared <c>opaque&lt;maxLength&gt;</c>; a length over the bound
    /// throws before anything is read. The span points into the reader's buffer.
    /// </summary>
    public ReadOnlySpan<byte> ReadVariableOpaque(int maxLength = int.MaxValue)
    {
        var length = ReadUInt32();
        if (length > (uint)maxLength)
        {
            throw new XdrException($"Opaque data of {length} bytes is over its bound of {maxLength}.");
        }

        return ReadFixedOpaque((int)length);
    }

    /// <summary>
    /// Reads a string (§4.11) declared <c>string&lt;maxLength&gt;</c>; a length over the bound or bytes that are not
    /// valid UTF-8 throw <see cref="XdrException"/>.
    /// </summary>
    public string ReadString(int maxLength = int.MaxValue)
    {
        var length = ReadUInt32();
        if (length > (uint)maxLength)
        {
            throw new XdrException($"A string of {length} bytes is over its bound of {maxLength}.");
        }

        var bytes = ReadFixedOpaque((int)length);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new XdrException("A string is not valid UTF-8.");
        }
    }

    /// <summary>
    /// Reads the element count of a variable-length array (§4.13) declared <c>T name&lt;maxCount&gt;</c>. Each
    /// element takes at least <paramref name="minElementBytes"/> bytes, so a count the remaining input cannot hold
    /// is rejected before the caller allocates for it.
    /// </summary>
    public int ReadArrayLength(int maxCount = int.MaxValue, int minElementBytes = 4)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minElementBytes);
        var count = ReadUInt32();
        if (count > (uint)maxCount)
        {
            throw new XdrException($"An array of {count} elements is over its bound of {maxCount}.");
        }

        if ((long)count * minElementBytes > Remaining)
        {
            throw Truncated("an array");
        }

        return (int)count;
    }

    /// <summary>Throws <see cref="XdrException"/> unless every byte has been consumed (no trailing garbage).</summary>
    public readonly void EnsureAtEnd()
    {
        if (!IsAtEnd)
        {
            throw new XdrException($"{Remaining} unexpected bytes after the end of the message.");
        }
    }

    private static XdrException Truncated(string what) => new XdrException($"The input ends inside {what}.");

    private ReadOnlySpan<byte> Take(int count, string what)
    {
        if (count > Remaining)
        {
            throw Truncated(what);
        }

        var span = _buffer.Slice(_position, count);
        _position += count;
        return span;
    }
}
