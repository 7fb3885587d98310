using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace P2PSim.Rpc.Xdr;

/// <summary>
/// Writes XDR (RFC 4506) to an <see cref="IBufferWriter{T}"/>: every item is a multiple of four bytes, big-endian,
/// and opaque data and strings are followed by zero padding to the next multiple of four. Bounds passed to the
/// variable-length methods are the ones declared in the <c>.x</c> file; writing past one is a caller bug and throws
/// <see cref="ArgumentOutOfRangeException"/>, never bytes a strict peer would reject.
/// </summary>
public sealed class XdrWriter
{
    /// <summary>Strict UTF-8 so a string with lone surrogates fails here rather than going out as U+FFFD.</summary>
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly IBufferWriter<byte> _output;

    /// <summary>Creates a writer appending to <paramref name="output"/>.</summary>
    public XdrWriter(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
    }

    /// <summary>How many bytes this writer has written so far.</summary>
    public long BytesWritten { get; private set; }

    /// <summary>Writes an XDR <c>int</c> (RFC 4506 §4.1).</summary>
    public void WriteInt32(int value) => WriteUInt32(unchecked((uint)value));

    /// <summary>Writes an XDR <c>unsigned int</c> (§4.2).</summary>
    public void WriteUInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(_output.GetSpan(4), value);
        Advance(4);
    }

    /// <summary>Writes an XDR <c>hyper</c> (§4.5).</summary>
    public void WriteInt64(long value) => WriteUInt64(unchecked((ulong)value));

    /// <summary>Writes an XDR <c>unsigned hyper</c> (§4.5).</summary>
    public void WriteUInt64(ulong value)
    {
        BinaryPrimitives.WriteUInt64BigEndian(_output.GetSpan(8), value);
        Advance(8);
    }

    /// <summary>Writes an XDR <c>bool</c> (§4.4): 1 for true, 0 for false.</summary>
    public void WriteBoolean(bool value) => WriteUInt32(value ? 1u : 0u);

    /// <summary>Writes an XDR <c>enum</c> (§4.3), which is encoded as a signed <c>int</c>.</summary>
    public void WriteEnum(int value) => WriteInt32(value);

    /// <summary>Writes fixed-length opaque data (§4.9): the bytes, then zero padding to a multiple of four.</summary>
    public void WriteFixedOpaque(ReadOnlySpan<byte> data)
    {
        var padded = XdrPadding.Padded(data.Length);
        var span = _output.GetSpan(padded);
        data.CopyTo(span);
        span[data.Length..padded].Clear(); // RFC 4506 §3: residual bytes are zero
        Advance(padded);
    }

    /// <summary>Writes variable-length opaque data (§4.10) declared <c>opaque&lt;maxLength&gt;</c>.</summary>
    public void WriteVariableOpaque(ReadOnlySpan<byte> data, int maxLength = int.MaxValue)
    {
        if (data.Length > maxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(data), data.Length, $"Opaque data is over its bound of {maxLength} bytes.");
        }

        WriteUInt32((uint)data.Length);
        WriteFixedOpaque(data);
    }

    /// <summary>
    /// Writes a string (§4.11) declared <c>string&lt;maxLength&gt;</c> as its UTF-8 bytes; the bound counts bytes.
    /// </summary>
    public void WriteString(string value, int maxLength = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(value);
        var byteCount = StrictUtf8.GetByteCount(value);
        if (byteCount > maxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(value), byteCount, $"The string is over its bound of {maxLength} bytes.");
        }

        WriteUInt32((uint)byteCount);
        var padded = XdrPadding.Padded(byteCount);
        var span = _output.GetSpan(padded);
        var written = StrictUtf8.GetBytes(value, span);
        span[written..padded].Clear();
        Advance(padded);
    }

    /// <summary>
    /// Writes the element count of a variable-length array (§4.13) declared <c>T name&lt;maxCount&gt;</c>; the caller
    /// then writes the elements.
    /// </summary>
    public void WriteArrayLength(int count, int maxCount = int.MaxValue)
    {
        if (count < 0 || count > maxCount)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"The array count must be 0..{maxCount}.");
        }

        WriteUInt32((uint)count);
    }

    private void Advance(int count)
    {
        _output.Advance(count);
        BytesWritten += count;
    }
}
