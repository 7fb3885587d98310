using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;

namespace P2PSim.DirectoryServer.Registry.Durable;

/// <summary>
/// The byte form of a <see cref="RegistrySnapshot"/>. Header: <c>"P2PREG" | u16 version | i64 generation |
/// i64 lastSession | i64 lastAccount</c>; then the records, framed as in the journal
/// (<see cref="RegistryRecordCodec"/>); then a trailer <c>u32 0xFFFFFFFF | i64 record count | u32 CRC-32 of every
/// byte before this CRC</c>. The marker is no valid frame length, and a snapshot without its trailer is truncated.
/// Pure: no I/O, and the decoder never throws.
/// </summary>
public static class RegistrySnapshotCodec
{
    /// <summary>The format version this code writes and reads.</summary>
    public const ushort FormatVersion = 1;

    private const int HeaderLength = 6 + sizeof(ushort) + 3 * sizeof(long);
    private const int TrailerLength = sizeof(uint) + sizeof(long) + sizeof(uint);
    private const uint EndMarker = uint.MaxValue;

    private static ReadOnlySpan<byte> Magic => "P2PREG"u8;

    /// <summary>Writes <paramref name="snapshot"/> to <paramref name="output"/>.</summary>
    /// <exception cref="ArgumentException">A record cannot be encoded (see <see cref="RegistryRecordCodec.Encode"/>).</exception>
    public static void Encode(RegistrySnapshot snapshot, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfNegative(snapshot.Generation);

        // Built whole first: the trailer's CRC covers every byte, and a half-written output helps nobody.
        var body = new ArrayBufferWriter<byte>();
        var header = body.GetSpan(HeaderLength);
        Magic.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], FormatVersion);
        BinaryPrimitives.WriteInt64LittleEndian(header[8..], snapshot.Generation);
        BinaryPrimitives.WriteInt64LittleEndian(header[16..], snapshot.LastSession);
        BinaryPrimitives.WriteInt64LittleEndian(header[24..], snapshot.LastAccount);
        body.Advance(HeaderLength);
        foreach (var record in snapshot.Records)
        {
            RegistryRecordCodec.Encode(record, body);
        }

        var trailer = body.GetSpan(TrailerLength - sizeof(uint));
        BinaryPrimitives.WriteUInt32LittleEndian(trailer, EndMarker);
        BinaryPrimitives.WriteInt64LittleEndian(trailer[4..], snapshot.Records.Count);
        body.Advance(TrailerLength - sizeof(uint));
        var crc = Crc32.HashToUInt32(body.WrittenSpan);
        BinaryPrimitives.WriteUInt32LittleEndian(body.GetSpan(sizeof(uint)), crc);
        body.Advance(sizeof(uint));
        output.Write(body.WrittenSpan);
    }

    /// <summary>
    /// Reads a whole snapshot. False, with <paramref name="error"/> saying what is wrong and where, when the bytes
    /// are not one: truncated (no trailer), corrupt, or another format version.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> source, out RegistrySnapshot? snapshot, out string? error)
    {
        snapshot = null;
        error = null;
        if (source.Length < HeaderLength)
        {
            error = $"truncated: {source.Length} bytes, shorter than the {HeaderLength}-byte header";
            return false;
        }

        if (!source.StartsWith(Magic))
        {
            error = "not a registry snapshot (no P2PREG magic)";
            return false;
        }

        var version = BinaryPrimitives.ReadUInt16LittleEndian(source[6..]);
        if (version != FormatVersion)
        {
            error = $"format version {version}; this server reads version {FormatVersion}";
            return false;
        }

        var generation = BinaryPrimitives.ReadInt64LittleEndian(source[8..]);
        var lastSession = BinaryPrimitives.ReadInt64LittleEndian(source[16..]);
        var lastAccount = BinaryPrimitives.ReadInt64LittleEndian(source[24..]);
        if (generation < 0)
        {
            error = $"corrupt header: generation {generation}";
            return false;
        }

        var records = new List<RegistryRecord>();
        var offset = HeaderLength;
        while (true)
        {
            var rest = source[offset..];
            if (rest.Length >= sizeof(uint) && BinaryPrimitives.ReadUInt32LittleEndian(rest) == EndMarker)
            {
                if (!TryTrailer(source, offset, records, out error))
                {
                    return false;
                }

                snapshot = new RegistrySnapshot(generation, lastSession, lastAccount, records);
                return true;
            }

            switch (RegistryRecordCodec.TryDecode(rest, out var record, out var consumed))
            {
                case RegistryDecodeStatus.Ok:
                    records.Add(record);
                    offset += consumed;
                    break;
                case RegistryDecodeStatus.Incomplete:
                    error = $"truncated at byte {offset} after {records.Count} records (no end marker)";
                    return false;
                default:
                    error = $"corrupt record at byte {offset} after {records.Count} records";
                    return false;
            }
        }
    }

    private static bool TryTrailer(ReadOnlySpan<byte> source, int offset, List<RegistryRecord> records, out string? error)
    {
        error = null;
        var trailer = source[offset..];
        if (trailer.Length < TrailerLength)
        {
            error = $"truncated in the trailer at byte {offset}";
            return false;
        }

        if (trailer.Length > TrailerLength)
        {
            error = $"{trailer.Length - TrailerLength} bytes after the trailer at byte {offset}";
            return false;
        }

        var crcAt = offset + TrailerLength - sizeof(uint);
        if (Crc32.HashToUInt32(source[..crcAt]) != BinaryPrimitives.ReadUInt32LittleEndian(source[crcAt..]))
        {
            error = "the snapshot's CRC does not match its bytes";
            return false;
        }

        var count = BinaryPrimitives.ReadInt64LittleEndian(trailer[4..]);
        if (count != records.Count)
        {
            error = $"the trailer counts {count} records, the snapshot holds {records.Count}";
            return false;
        }

        return true;
    }
}
