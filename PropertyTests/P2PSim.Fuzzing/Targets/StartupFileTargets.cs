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
            "registry-recovery",
            "A whole registry folder through RegistryRecovery.Load: a flags byte (snapshot present, AcceptSnapshotLoss, " +
            "0-3 journals, first generation, a missing one), a u16 snapshot length and the snapshot (its CRC " +
            "rewritten), then the journals' bytes split evenly. A cut tail must leave a journal that reads whole.",
            Recovery);
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

    private static void Recovery(byte[] input)
    {
        if (input.Length == 0)
        {
            return;
        }

        var flags = input[0];
        var rest = input.AsSpan(1);
        var storage = new MemoryJournalStorage();
        if ((flags & 1) != 0 && rest.Length >= sizeof(ushort))
        {
            var length = Math.Min(BinaryPrimitives.ReadUInt16LittleEndian(rest), rest.Length - sizeof(ushort));
            storage.SetSnapshot(WithCrc(rest.Slice(sizeof(ushort), length)));
            rest = rest[(sizeof(ushort) + length)..];
        }

        var count = (flags >> 2) & 3;
        var generation = (long)((flags >> 4) & 3);
        var journals = new Dictionary<long, int>();
        for (var i = 0; i < count; i++)
        {
            var part = i == count - 1 ? rest : rest[..(rest.Length / (count - i))];
            storage.SetJournal(generation, part);
            journals[generation] = part.Length;
            rest = rest[part.Length..];
            generation += i == 0 && (flags & 0x40) != 0 ? 2 : 1;
        }

        RegistryRecoveryResult result;
        try
        {
            result = RegistryRecovery.Load(storage, new RecoveryOptions { AcceptSnapshotLoss = (flags & 2) != 0 });
        }
        catch (RegistryRecoveryException)
        {
            return;
        }

        var report = result.Report;
        if (result.Records.Count != report.RecordsReplayed)
        {
            throw new FuzzFindingException($"{result.Records.Count} records recovered, the report says {report.RecordsReplayed}.");
        }

        if (report.DiscardedTail is { } tail)
        {
            var kept = storage.ReadJournal(tail.Generation);
            if (kept.Length != tail.Offset || tail.Offset + tail.Length != journals[tail.Generation])
            {
                throw new FuzzFindingException($"The tail {tail} does not match the journal left ({kept.Length} bytes).");
            }

            // Appending goes on after what recovery kept: those bytes must read whole.
            Journal(kept);
            for (var offset = 0; offset < kept.Length;)
            {
                if (RegistryRecordCodec.TryDecode(kept.AsSpan(offset), out _, out var consumed) != RegistryDecodeStatus.Ok)
                {
                    throw new FuzzFindingException($"The journal kept after a cut tail does not read whole at byte {offset}.");
                }

                offset += consumed;
            }
        }
    }

    /// <summary>The bytes with their last four rewritten as the CRC-32 of those before, as a snapshot's trailer ends.</summary>
    private static byte[] WithCrc(ReadOnlySpan<byte> input)
    {
        var bytes = input.ToArray();
        if (bytes.Length >= sizeof(uint))
        {
            var crcAt = bytes.Length - sizeof(uint);
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(crcAt), Crc32.HashToUInt32(bytes.AsSpan(0, crcAt)));
        }

        return bytes;
    }

    private static void Snapshot(byte[] input)
    {
        var bytes = WithCrc(input);

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
