using System.Buffers;
using System.Buffers.Binary;

namespace P2PSim.Rpc.OncRpc;

/// <summary>
/// TCP record marking (RFC 5531 §11): a record is one or more fragments, each a 4-byte big-endian header (bit 31
/// set on the last fragment, bits 0-30 the fragment length) followed by that many bytes. UDP needs none of this:
/// one datagram carries one message.
/// </summary>
public static class RecordMarking
{
    /// <summary>Bit 31 of a fragment header: this fragment ends the record.</summary>
    public const uint LastFragmentBit = 0x8000_0000;

    /// <summary>The largest length a fragment header can carry (31 bits).</summary>
    public const int MaxFragmentLength = 0x7FFF_FFFF;

    private const int HeaderBytes = 4;

    /// <summary>
    /// Writes <paramref name="record"/> as fragments of at most <paramref name="maxFragmentBytes"/> bytes, the last
    /// one marked. An empty record is one empty last fragment.
    /// </summary>
    public static void WriteRecord(IBufferWriter<byte> output, ReadOnlySpan<byte> record, int maxFragmentBytes = MaxFragmentLength)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxFragmentBytes);
        do
        {
            var length = Math.Min(record.Length, maxFragmentBytes);
            var last = length == record.Length;
            var span = output.GetSpan(HeaderBytes + length);
            BinaryPrimitives.WriteUInt32BigEndian(span, (uint)length | (last ? LastFragmentBit : 0));
            record[..length].CopyTo(span[HeaderBytes..]);
            output.Advance(HeaderBytes + length);
            record = record[length..];
        }
        while (!record.IsEmpty);
    }

    /// <summary>
    /// Reads one complete record from <paramref name="reader"/>, joining its fragments. Returns false, without
    /// advancing, when the record has not fully arrived; the caller keeps the bytes and calls again with more.
    /// Every fragment header is checked as soon as it arrives, before its payload is waited for, so memory stays
    /// bounded: a fragment that would take the record over <paramref name="maxRecordBytes"/> throws
    /// <see cref="RpcProtocolException"/>, as does an empty fragment that is not the last (it carries nothing, and
    /// a stream of them would keep the caller buffering headers forever).
    /// </summary>
    /// <remarks>
    /// Stateless: each call rescans the fragment headers from the start of the record. Buffered input is at most
    /// <paramref name="maxRecordBytes"/> of payload plus one header per non-empty fragment.
    /// </remarks>
    public static bool TryReadRecord(ref SequenceReader<byte> reader, int maxRecordBytes, out byte[] record)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxRecordBytes);
        record = [];

        // First pass: validate headers and find the end of the record without copying anything.
        var probe = reader;
        var total = 0L;
        while (true)
        {
            if (!probe.TryReadBigEndian(out int rawHeader))
            {
                return false;
            }

            var header = unchecked((uint)rawHeader);
            var last = (header & LastFragmentBit) != 0;
            var length = header & ~LastFragmentBit;
            if (length > maxRecordBytes - total)
            {
                throw new RpcProtocolException(
                    $"A fragment of {length} bytes takes the record over its bound of {maxRecordBytes} bytes.");
            }

            if (length == 0 && !last)
            {
                throw new RpcProtocolException("An empty fragment that is not the last one.");
            }

            if (probe.Remaining < length)
            {
                return false;
            }

            probe.Advance(length);
            total += length;
            if (last)
            {
                break;
            }
        }

        // Second pass: the whole record is here; copy the fragment payloads into one array.
        var result = new byte[total];
        var offset = 0;
        while (reader.Consumed < probe.Consumed)
        {
            reader.TryReadBigEndian(out int rawHeader);
            var length = (int)(unchecked((uint)rawHeader) & ~LastFragmentBit);
            reader.TryCopyTo(result.AsSpan(offset, length));
            reader.Advance(length);
            offset += length;
        }

        record = result;
        return true;
    }
}
