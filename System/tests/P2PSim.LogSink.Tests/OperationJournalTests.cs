using P2PSim.Rpc;

namespace P2PSim.LogSink.Tests;

/// <summary>
/// The spill file on its own: a FIFO that survives reopening, whose read offset is durable once a batch is
/// acknowledged, that appends at the end even after a read moved the position, puts entries still in memory in
/// front on close, and drops a torn tail (a crash mid-append) instead of reading it as garbage.
/// </summary>
public sealed class OperationJournalTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("p2psim-journal-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Path => System.IO.Path.Combine(_directory, "operations.journal");

    [Fact]
    public void A_batch_holds_at_most_the_asked_count_and_appends_after_a_read_go_to_the_end()
    {
        using var journal = new OperationJournal(Path);
        Append(journal, 1, 2, 3);

        var first = journal.ReadBatch(2);
        Assert.Equal([1UL, 2UL], first.Entries.Select(e => e.Sequence));
        Append(journal, 4);
        var again = journal.ReadBatch(10);
        Assert.Equal([1UL, 2UL, 3UL, 4UL], again.Entries.Select(e => e.Sequence));
        Assert.Equal(4, journal.Unread);
    }

    [Fact]
    public void An_acknowledged_batch_stays_consumed_after_reopening()
    {
        using (var journal = new OperationJournal(Path))
        {
            Append(journal, 1, 2, 3);
            journal.Acknowledge(journal.ReadBatch(2), lastSequence: 3);
        }

        using var reopened = new OperationJournal(Path);
        Assert.Equal(1, reopened.Unread);
        Assert.Equal([3UL], reopened.ReadBatch(10).Entries.Select(e => e.Sequence));
        Assert.Equal(3UL, reopened.LastSequence);
    }

    [Fact]
    public void Acknowledging_everything_empties_the_file()
    {
        using var journal = new OperationJournal(Path);
        Append(journal, 1, 2);
        journal.Acknowledge(journal.ReadBatch(10), lastSequence: 2);

        Assert.Equal(0, journal.Unread);
        Assert.Equal(0, new FileInfo(Path).Length);
        Append(journal, 3);
        Assert.Equal([3UL], journal.ReadBatch(10).Entries.Select(e => e.Sequence));
    }

    [Fact]
    public void Close_puts_the_entries_still_in_memory_before_the_unread_records()
    {
        var journal = new OperationJournal(Path);
        Append(journal, 1, 2, 3);
        journal.Acknowledge(journal.ReadBatch(1), lastSequence: 3);
        journal.Close([Entry(10), Entry(11)], lastSequence: 11);

        using var reopened = new OperationJournal(Path);
        Assert.Equal(4, reopened.Unread);
        Assert.Equal([10UL, 11UL, 2UL, 3UL], reopened.ReadBatch(10).Entries.Select(e => e.Sequence));
        Assert.Equal(11UL, reopened.LastSequence);
    }

    [Theory]
    [InlineData("00000064 0102")] // a header announcing 100 bytes, 2 present
    [InlineData("000000")] // a header cut short
    [InlineData("7FFFFFFF 00000000")] // a length over the record bound
    [InlineData("00000000")] // an empty record
    [InlineData("00000004 FFFFFFFF")] // a record that is not a log entry
    public void A_torn_tail_is_cut_off_and_the_records_before_it_are_kept(string tail)
    {
        using (var journal = new OperationJournal(Path))
        {
            Append(journal, 1, 2);
        }

        var intact = new FileInfo(Path).Length;
        using (var file = new FileStream(Path, FileMode.Append))
        {
            file.Write(Convert.FromHexString(tail.Replace(" ", "", StringComparison.Ordinal)));
        }

        using var reopened = new OperationJournal(Path);
        Assert.Equal(2, reopened.Unread);
        Assert.Equal(intact, new FileInfo(Path).Length);
        Assert.Equal([1UL, 2UL], reopened.ReadBatch(10).Entries.Select(e => e.Sequence));
        Assert.Equal(2UL, reopened.LastSequence);
    }

    [Fact]
    public void A_file_holding_only_a_torn_record_is_emptied()
    {
        File.WriteAllBytes(Path, Convert.FromHexString("0000006401"));
        using var journal = new OperationJournal(Path);
        Assert.Equal(0, journal.Unread);
        Assert.Equal(0, new FileInfo(Path).Length);
    }

    [Fact]
    public void A_read_offset_past_the_end_of_the_file_starts_over()
    {
        using (var journal = new OperationJournal(Path))
        {
            Append(journal, 1, 2);
        }

        File.WriteAllText(Path + ".state", "100000 2");
        using var reopened = new OperationJournal(Path);
        Assert.Equal(2, reopened.Unread);
        Assert.Equal([1UL, 2UL], reopened.ReadBatch(10).Entries.Select(e => e.Sequence));
    }

    [Fact]
    public void A_reservation_survives_a_crash()
    {
        using (var journal = new OperationJournal(Path))
        {
            journal.Reserve(1024);
        }

        using var reopened = new OperationJournal(Path);
        Assert.Equal(1024UL, reopened.LastSequence);
        Assert.False(File.Exists(Path + ".state.tmp"));
    }

    private static void Append(OperationJournal journal, params ulong[] sequences)
    {
        foreach (var sequence in sequences)
        {
            journal.Append(Entry(sequence));
        }
    }

    private static LogEntry Entry(ulong sequence) => new("alice", "CONNECT", "", "24/11/2026 21:00:00", "dir-1", sequence);
}
