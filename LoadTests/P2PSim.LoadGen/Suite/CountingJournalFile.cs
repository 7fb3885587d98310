using P2PSim.DirectoryServer.Registry.Durable;

namespace P2PSim.LoadGen.Suite;

/// <summary>One journal file of a <see cref="CountingJournalStorage"/>: tells it of each fsync.</summary>
internal sealed class CountingJournalFile(IJournalFile inner, Action flushed) : IJournalFile
{
    public ValueTask WriteAsync(ReadOnlyMemory<byte> bytes) => inner.WriteAsync(bytes);

    public async ValueTask FlushToDiskAsync()
    {
        await inner.FlushToDiskAsync();
        flushed();
    }

    public void Dispose() => inner.Dispose();
}
