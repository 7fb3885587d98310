using System.Buffers;
using P2PSim.DirectoryServer.Registry.Durable;

namespace P2PSim.DirectoryServer.Tests.Durable;

/// <summary>What recovery keeps, cuts and refuses, from hand-made storage contents.</summary>
public sealed class RegistryRecoveryTests
{
    private static readonly RegistryRecord[] Three =
        [RegistryRecord.Registered("a"), RegistryRecord.Connected("a", "127.0.0.1", 7000, 3), RegistryRecord.Published("a", "f", "d")];

    [Fact]
    public void Empty_storage_recovers_an_empty_registry_at_generation_zero()
    {
        var recovered = RegistryRecovery.Load(new MemoryJournalStorage());

        Assert.Empty(recovered.Records);
        Assert.Equal((0L, 0L, 0L, 0L), (recovered.Generation, recovered.AppendGeneration, recovered.LastSession, recovered.LastAccount));
        Assert.False(recovered.Report.SnapshotLoaded);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(12)]
    public void A_torn_tail_of_the_last_journal_is_cut_and_reported(int tornBytes)
    {
        var storage = new MemoryJournalStorage();
        var whole = Records.Encode(Three);
        var torn = Records.Encode(RegistryRecord.Deleted("a", "f"))[..tornBytes];
        storage.SetJournal(0, [.. whole, .. torn]);

        var recovered = RegistryRecovery.Load(storage);

        Assert.Equal(Three, recovered.Records);
        Assert.Equal(new DiscardedTail(0, whole.Length, tornBytes, RegistryDecodeStatus.Incomplete), recovered.Report.DiscardedTail);
        Assert.Equal(whole, storage.ReadJournal(0));
        Assert.Contains("truncated tail of journal 0", recovered.Report.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_torn_write_at_a_crash_is_recovered_and_appending_continues_after_it()
    {
        var storage = new MemoryJournalStorage();
        var writer = new JournalWriter(storage, 0);
        foreach (var record in Three)
        {
            writer.Append(record);
        }

        await writer.WhenDurableAsync(3).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        var hold = new TaskCompletionSource();
        storage.BeforeFlush = () => new ValueTask(hold.Task);
        writer.Append(RegistryRecord.Published("a", "g", "a long description that the crash tears"));
        while (storage.ReadJournal(0).Length == Records.Encode(Three).Length)
        {
            await Task.Delay(1);
        }

        storage.Crash(keepUnflushed: 20);
        hold.SetResult();
        await writer.DisposeAsync();

        var recovered = RegistryRecovery.Load(storage);
        Assert.Equal(Three, recovered.Records);
        Assert.Equal(20, recovered.Report.DiscardedTail!.Value.Length);

        storage.BeforeFlush = null;
        await using (var next = new JournalWriter(storage, recovered.AppendGeneration))
        {
            next.Append(RegistryRecord.Deleted("a", "f"));
        }

        Assert.Equal([.. Three, RegistryRecord.Deleted("a", "f")], RegistryRecovery.Load(storage).Records);
    }

    [Fact]
    public void A_corrupt_tail_of_the_last_journal_is_cut_and_reported_as_corrupt()
    {
        var storage = new MemoryJournalStorage();
        var bytes = Records.Encode([.. Three, RegistryRecord.Deleted("a", "f")]);
        bytes[^1] ^= 0x40;
        storage.SetJournal(0, bytes);

        var recovered = RegistryRecovery.Load(storage);

        Assert.Equal(Three, recovered.Records);
        var tail = recovered.Report.DiscardedTail!.Value;
        Assert.Equal((RegistryDecodeStatus.Corrupt, (long)Records.Encode(Three).Length), (tail.Reason, tail.Offset));
    }

    [Fact]
    public void Damage_in_a_journal_that_has_a_successor_is_fatal()
    {
        var storage = new MemoryJournalStorage { Location = "/data/registry" };
        var bytes = Records.Encode(Three);
        bytes[10] ^= 1;
        storage.SetJournal(0, bytes);
        storage.SetJournal(1, Records.Encode(RegistryRecord.Registered("b")));

        var error = Assert.Throws<RegistryRecoveryException>(() => RegistryRecovery.Load(storage));

        Assert.Contains("generation 0", error.Message, StringComparison.Ordinal);
        Assert.Contains("/data/registry", error.Message, StringComparison.Ordinal);
        Assert.Equal(bytes, storage.ReadJournal(0));
    }

    [Fact]
    public void A_missing_generation_is_fatal()
    {
        var storage = new MemoryJournalStorage();
        storage.SetJournal(0, Records.Encode(Three));
        storage.SetJournal(2, Records.Encode(RegistryRecord.Registered("b")));

        var error = Assert.Throws<RegistryRecoveryException>(() => RegistryRecovery.Load(storage));

        Assert.Contains("generation 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Journals_after_generation_zero_without_a_snapshot_are_refused_unless_the_loss_is_accepted()
    {
        var storage = new MemoryJournalStorage();
        storage.SetJournal(3, Records.Encode(Three));

        Assert.Throws<RegistryRecoveryException>(() => RegistryRecovery.Load(storage));
        var recovered = RegistryRecovery.Load(storage, new RecoveryOptions { AcceptSnapshotLoss = true });
        Assert.Equal(Three, recovered.Records);
        Assert.Equal(3, recovered.AppendGeneration);
    }

    [Fact]
    public void A_snapshot_starts_replay_at_its_generation_and_older_journals_are_ignored()
    {
        var storage = new MemoryJournalStorage();
        storage.SetJournal(1, Records.Encode(RegistryRecord.Registered("stale")));
        storage.SetJournal(2, Records.Encode(RegistryRecord.Published("a", "g", "e")));
        storage.SetSnapshot(Snapshot(new RegistrySnapshot(2, 7, 0, Three)));

        var recovered = RegistryRecovery.Load(storage);

        Assert.Equal([.. Three, RegistryRecord.Published("a", "g", "e")], recovered.Records);
        Assert.Equal([1L], recovered.Report.StaleJournals);
        Assert.Equal([2L], recovered.Report.JournalsReplayed);
        Assert.Equal(7, recovered.LastSession);
    }

    [Fact]
    public void A_truncated_snapshot_is_fatal_unless_the_loss_is_accepted()
    {
        var storage = new MemoryJournalStorage { Location = "/data/registry" };
        var snapshot = Snapshot(new RegistrySnapshot(1, 0, 0, Three));
        storage.SetSnapshot(snapshot[..^5]);
        storage.SetJournal(1, Records.Encode(RegistryRecord.Registered("b")));

        var error = Assert.Throws<RegistryRecoveryException>(() => RegistryRecovery.Load(storage));
        Assert.Contains("snapshot in '/data/registry' is unreadable: truncated", error.Message, StringComparison.Ordinal);

        var recovered = RegistryRecovery.Load(storage, new RecoveryOptions { AcceptSnapshotLoss = true });
        Assert.Equal([RegistryRecord.Registered("b")], recovered.Records);
        Assert.NotNull(recovered.Report.SnapshotProblem);
        Assert.False(recovered.Report.SnapshotLoaded);
    }

    [Fact]
    public void Garbage_journals_and_snapshots_never_throw_anything_but_the_recovery_exception()
    {
        var random = new Random(99);
        for (var i = 0; i < 300; i++)
        {
            var storage = new MemoryJournalStorage();
            var journal = Records.Encode(Three);
            journal[random.Next(journal.Length)] ^= (byte)(1 << random.Next(8));
            storage.SetJournal(0, journal);
            if (i % 2 == 0)
            {
                var snapshot = Snapshot(new RegistrySnapshot(0, 1, 1, Three));
                snapshot[random.Next(snapshot.Length)] ^= (byte)(1 << random.Next(8));
                storage.SetSnapshot(snapshot);
            }

            try
            {
                var recovered = RegistryRecovery.Load(storage);
                Assert.True(recovered.Records.Count <= 6);
            }
            catch (RegistryRecoveryException)
            {
            }
        }
    }

    private static byte[] Snapshot(RegistrySnapshot snapshot)
    {
        var output = new ArrayBufferWriter<byte>();
        RegistrySnapshotCodec.Encode(snapshot, output);
        return output.WrittenSpan.ToArray();
    }
}
