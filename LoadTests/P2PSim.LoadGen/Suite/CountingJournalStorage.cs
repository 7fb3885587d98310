using P2PSim.DirectoryServer.Registry.Durable;

namespace P2PSim.LoadGen.Suite;

/// <summary>
/// A journal storage that counts the fsyncs of another (the journal's group commits and each snapshot written):
/// what the durable store's figures are paid in.
/// </summary>
internal sealed class CountingJournalStorage(IJournalStorage inner) : IJournalStorage
{
    private long _fsyncs;

    /// <summary>Journal fsyncs and snapshots written so far.</summary>
    public long Fsyncs => Interlocked.Read(ref _fsyncs);

    public string Location => inner.Location;

    public IJournalFile OpenJournal(long generation) => new CountingJournalFile(inner.OpenJournal(generation), () => Interlocked.Increment(ref _fsyncs));

    public IReadOnlyList<long> ListJournals() => inner.ListJournals();

    public byte[] ReadJournal(long generation) => inner.ReadJournal(generation);

    public void TruncateJournal(long generation, long length) => inner.TruncateJournal(generation, length);

    public void DeleteJournal(long generation) => inner.DeleteJournal(generation);

    public byte[]? ReadSnapshot() => inner.ReadSnapshot();

    public void WriteSnapshot(ReadOnlySpan<byte> contents)
    {
        inner.WriteSnapshot(contents);
        Interlocked.Increment(ref _fsyncs);
    }
}
