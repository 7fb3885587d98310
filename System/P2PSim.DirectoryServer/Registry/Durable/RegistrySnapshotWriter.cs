using System.Buffers;

namespace P2PSim.DirectoryServer.Registry.Durable;

/// <summary>The last step of compaction: the snapshot replaces the journals it stands for.</summary>
public static class RegistrySnapshotWriter
{
    /// <summary>
    /// Writes <paramref name="snapshot"/> atomically, then deletes the journals before its generation, which it
    /// holds. Call it after <see cref="JournalWriter.Rotate"/> and once the journal has written everything appended
    /// before the rotation (<see cref="JournalWriter.WhenDurableAsync"/> of the sequence read at the rotation), so
    /// no old file is still being appended to. A crash anywhere in between leaves a state recovery reads: the old
    /// snapshot with every journal, or the new one with journals it makes redundant.
    /// </summary>
    public static void Write(IJournalStorage storage, RegistrySnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var bytes = new ArrayBufferWriter<byte>();
        RegistrySnapshotCodec.Encode(snapshot, bytes);
        storage.WriteSnapshot(bytes.WrittenSpan);
        foreach (var generation in storage.ListJournals())
        {
            if (generation < snapshot.Generation)
            {
                storage.DeleteJournal(generation);
            }
        }
    }
}
