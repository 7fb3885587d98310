namespace P2PSim.DirectoryServer.Registry.Durable;

/// <summary>
/// Where the registry's journal generations and its snapshot live: <see cref="FileJournalStorage"/> on disk,
/// <see cref="MemoryJournalStorage"/> in tests and systematic scenarios. Generation numbers are non-negative and
/// grow by one at each rotation.
/// </summary>
public interface IJournalStorage
{
    /// <summary>Where this is (a directory path), for messages that tell an operator what failed.</summary>
    string Location { get; }

    /// <summary>
    /// Opens generation <paramref name="generation"/>'s journal for appending at its end, creating it (durably: the
    /// new name survives a crash) when it does not exist.
    /// </summary>
    IJournalFile OpenJournal(long generation);

    /// <summary>The generations that have a journal, ascending.</summary>
    IReadOnlyList<long> ListJournals();

    /// <summary>The whole content of generation <paramref name="generation"/>'s journal.</summary>
    byte[] ReadJournal(long generation);

    /// <summary>Cuts generation <paramref name="generation"/>'s journal to <paramref name="length"/> bytes, durably.</summary>
    void TruncateJournal(long generation, long length);

    /// <summary>Removes generation <paramref name="generation"/>'s journal, if there is one.</summary>
    void DeleteJournal(long generation);

    /// <summary>The snapshot's content; null when none was ever written.</summary>
    byte[]? ReadSnapshot();

    /// <summary>
    /// Replaces the snapshot atomically and durably: after a crash, the snapshot is the old one or the new one,
    /// whole (a temporary file, fsync, rename over the old one, fsync of the directory).
    /// </summary>
    void WriteSnapshot(ReadOnlySpan<byte> contents);
}
