using P2PSim.Rpc.Xdr;

namespace P2PSim.Rpc;

/// <summary>
/// <c>struct log_entry</c> of <c>p2psim_log.x</c>: one request the directory server received. Encoded as five
/// bounded strings then an <c>unsigned hyper</c>, in declaration order.
/// </summary>
/// <param name="User">The user name, at most <see cref="LogProgram.MaxUserBytes"/> UTF-8 bytes.</param>
/// <param name="Operation">The operation name, at most <see cref="LogProgram.MaxOperationBytes"/> bytes.</param>
/// <param name="FileName">The file name for PUBLISH/DELETE, otherwise empty; at most <see cref="LogProgram.MaxFileNameBytes"/> bytes.</param>
/// <param name="Timestamp">The request's timestamp text, at most <see cref="LogProgram.MaxTimestampBytes"/> bytes.</param>
/// <param name="Sender">Which directory server sent it, at most <see cref="LogProgram.MaxSenderBytes"/> bytes.</param>
/// <param name="Sequence">Per-sender sequence number, from 1, for spotting gaps and retried duplicates.</param>
public sealed record LogEntry(string User, string Operation, string FileName, string Timestamp, string Sender, ulong Sequence)
{
    /// <summary>The smallest encoding of one entry (five empty strings and the hyper), for array-count checks.</summary>
    internal const int MinEncodedBytes = (5 * 4) + 8;

    /// <summary>Writes the entry; a field over its bound throws <see cref="ArgumentOutOfRangeException"/>.</summary>
    public void Encode(XdrWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteString(User, LogProgram.MaxUserBytes);
        writer.WriteString(Operation, LogProgram.MaxOperationBytes);
        writer.WriteString(FileName, LogProgram.MaxFileNameBytes);
        writer.WriteString(Timestamp, LogProgram.MaxTimestampBytes);
        writer.WriteString(Sender, LogProgram.MaxSenderBytes);
        writer.WriteUInt64(Sequence);
    }

    /// <summary>Reads an entry; a field over its bound throws <see cref="XdrException"/>.</summary>
    public static LogEntry Decode(ref XdrReader reader)
    {
        var user = reader.ReadString(LogProgram.MaxUserBytes);
        var operation = reader.ReadString(LogProgram.MaxOperationBytes);
        var fileName = reader.ReadString(LogProgram.MaxFileNameBytes);
        var timestamp = reader.ReadString(LogProgram.MaxTimestampBytes);
        var sender = reader.ReadString(LogProgram.MaxSenderBytes);
        return new LogEntry(user, operation, fileName, timestamp, sender, reader.ReadUInt64());
    }

    /// <summary>
    /// Writes the <c>LOG_BATCH</c> argument (<c>struct log_batch</c>, on the wire exactly
    /// <c>log_entry entries&lt;1024&gt;</c>): the count, then each entry.
    /// </summary>
    public static void EncodeBatch(XdrWriter writer, IReadOnlyList<LogEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(entries);
        writer.WriteArrayLength(entries.Count, LogProgram.MaxBatchEntries);
        foreach (var entry in entries)
        {
            entry.Encode(writer);
        }
    }

    /// <summary>Reads the <c>LOG_BATCH</c> argument; more than 1024 entries throws <see cref="XdrException"/>.</summary>
    public static IReadOnlyList<LogEntry> DecodeBatch(ref XdrReader reader)
    {
        var entries = new LogEntry[reader.ReadArrayLength(LogProgram.MaxBatchEntries, MinEncodedBytes)];
        for (var i = 0; i < entries.Length; i++)
        {
            entries[i] = Decode(ref reader);
        }

        return entries;
    }
}
