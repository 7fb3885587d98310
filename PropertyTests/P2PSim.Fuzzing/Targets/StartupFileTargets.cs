using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using P2PSim.DirectoryServer.Registry.Durable;

namespace P2PSim.Fuzzing.Targets;

/// <summary>Files read at start-up: the durable registry's journal and snapshot.</summary>
internal static class StartupFileTargets
{
    public static IEnumerable<FuzzTarget> All()
    {
        yield return new FuzzTarget(
            "registry-journal",
            "A registry journal file as recovery reads it (RegistryRecordCodec.TryDecode frame after frame); every " +
            "record read must encode back to its own bytes.",
            Journal);
        yield return new FuzzTarget(
            "registry-record",
            "One registry record payload; the target frames it with its length and CRC-32 so the fuzzer reaches the " +
            "parser behind the checksum.",
            Record);
        yield return new FuzzTarget(
            "registry-snapshot",
            "A registry snapshot (RegistrySnapshotCodec.TryDecode); the target rewrites the trailing CRC-32 so the " +
            "fuzzer reaches the checks behind it.",
            Snapshot);
    }

    private static void Journal(byte[] input)
    {
        var rest = input.AsSpan();
        while (RegistryRecordCodec.TryDecode(rest, out var record, out var consumed) == RegistryDecodeStatus.Ok)
        {
            if (consumed <= 0 || consumed > rest.Length)
            {
                throw new FuzzFindingException($"A record decoded from {consumed} of {rest.Length} bytes.");
            }

            CheckRoundTrip(record, rest[..consumed]);
            rest = rest[consumed..];
        }
    }

    private static void Record(byte[] input)
    {
        var frame = new byte[RegistryRecordCodec.HeaderLength + input.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(frame, (uint)input.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(4), Crc32.HashToUInt32(input));
        input.CopyTo(frame, RegistryRecordCodec.HeaderLength);
        Journal(frame);
    }

    private static void Snapshot(byte[] input)
    {
        var bytes = (byte[])input.Clone();
        if (bytes.Length >= sizeof(uint))
        {
            var crcAt = bytes.Length - sizeof(uint);
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(crcAt), Crc32.HashToUInt32(bytes.AsSpan(0, crcAt)));
        }

        if (RegistrySnapshotCodec.TryDecode(bytes, out var snapshot, out var error))
        {
            if (snapshot is null || error is not null)
            {
                throw new FuzzFindingException("A snapshot decoded without a value, or with an error.");
            }

            // A snapshot read at start-up is written again at the next compaction: it must encode, to the same bytes.
            var output = new ArrayBufferWriter<byte>();
            RegistrySnapshotCodec.Encode(snapshot, output);
            if (!output.WrittenSpan.SequenceEqual(bytes))
            {
                throw new FuzzFindingException("A decoded snapshot encodes to other bytes.");
            }
        }
        else if (snapshot is not null || string.IsNullOrEmpty(error))
        {
            throw new FuzzFindingException("A snapshot refused without an error, or with a value.");
        }
    }

    private static void CheckRoundTrip(in RegistryRecord record, ReadOnlySpan<byte> frame)
    {
        var output = new ArrayBufferWriter<byte>();
        RegistryRecordCodec.Encode(record, output);
        if (!output.WrittenSpan.SequenceEqual(frame))
        {
            throw new FuzzFindingException(
                $"The record {record} decoded from {Convert.ToHexString(frame)} encodes to {Convert.ToHexString(output.WrittenSpan)}.");
        }
    }
}
