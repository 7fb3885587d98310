namespace P2PSim.DirectoryServer.Registry.Durable;

/// <summary>
/// One generation's journal file, open for appending. Used by one flusher at a time, never concurrently.
/// </summary>
public interface IJournalFile : IDisposable
{
    /// <summary>Appends <paramref name="bytes"/> at the end of the file (to the OS, not yet to the disk).</summary>
    ValueTask WriteAsync(ReadOnlyMemory<byte> bytes);

    /// <summary>Returns once everything written so far is on the disk (fsync).</summary>
    ValueTask FlushToDiskAsync();
}
