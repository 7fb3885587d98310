using P2PSim.DirectoryServer.Registry.Durable;

namespace P2PSim.DirectoryServer.Tests.Durable;

/// <summary>Group commit, rotation and failure of the journal writer, over the in-memory storage.</summary>
public sealed class JournalWriterTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Concurrent_changes_share_flushes_and_every_acknowledged_one_survives_a_crash()
    {
        var storage = new MemoryJournalStorage();
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        storage.BeforeFlush = () => new ValueTask(hold.Task);
        var writer = new JournalWriter(storage, 0);
        var registryLock = new object();
        var records = Records.Numbered(64).ToArray();

        // Each task is one registry operation: append in the write lock, then wait for durability outside it.
        var changes = records.Select(record => Task.Run(async () =>
        {
            long sequence;
            lock (registryLock)
            {
                writer.Append(record);
                sequence = writer.Appended;
            }

            await writer.WhenDurableAsync(sequence);
            return sequence;
        })).ToArray();

        // The first flush is held until every change waits, so the rest must pile up behind it.
        while (writer.Appended < records.Length)
        {
            await Task.Delay(1);
        }

        hold.SetResult();
        var sequences = await Task.WhenAll(changes).WaitAsync(Bound);

        Assert.Equal(Enumerable.Range(1, 64).Select(i => (long)i), sequences.Order());
        Assert.InRange(storage.FlushCount, 1, 2);
        Assert.Equal(64, writer.Durable);

        storage.Crash();
        var recovered = RegistryRecovery.Load(storage);
        Assert.Equal(64, recovered.Records.Count);
        Assert.Equal(64, recovered.Report.JournalRecords);
        Assert.Null(recovered.Report.DiscardedTail);
        Assert.Equal(records.OrderBy(r => r.ToString()), recovered.Records.OrderBy(r => r.ToString()));
        await writer.DisposeAsync();
    }

    [Fact]
    public async Task Records_land_in_append_order_and_waits_resolve_without_flushing_twice()
    {
        var storage = new MemoryJournalStorage();
        await using var writer = new JournalWriter(storage, 0);
        var records = Records.Numbered(10).ToArray();
        foreach (var record in records)
        {
            writer.Append(record);
        }

        await writer.WhenDurableAsync(10).AsTask().WaitAsync(Bound);
        var flushes = storage.FlushCount;

        Assert.True(writer.WhenDurableAsync(3).IsCompletedSuccessfully);
        Assert.True(writer.WhenDurableAsync(0).IsCompletedSuccessfully);
        Assert.Equal(flushes, storage.FlushCount);
        Assert.Equal(records, Records.DecodeAll(storage.ReadFlushed(0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.WhenDurableAsync(11));
    }

    [Fact]
    public async Task Only_what_was_acknowledged_is_promised_to_survive_a_crash()
    {
        var storage = new MemoryJournalStorage();
        var writer = new JournalWriter(storage, 0);
        writer.Append(RegistryRecord.Registered("alice"));
        await writer.WhenDurableAsync(1).AsTask().WaitAsync(Bound);

        // The next flush never happens: the power goes first.
        var hold = new TaskCompletionSource();
        storage.BeforeFlush = () => new ValueTask(hold.Task);
        writer.Append(RegistryRecord.Connected("alice", "127.0.0.1", 7000, 1));
        var pending = writer.WhenDurableAsync(2);
        while (storage.ReadJournal(0).Length == Records.Encode(RegistryRecord.Registered("alice")).Length)
        {
            await Task.Delay(1);
        }

        storage.Crash();

        Assert.False(pending.IsCompleted);
        Assert.Equal([RegistryRecord.Registered("alice")], RegistryRecovery.Load(storage).Records);
        hold.SetResult();
        await Assert.ThrowsAnyAsync<IOException>(() => pending.AsTask().WaitAsync(Bound));
        await writer.DisposeAsync();
    }

    [Fact]
    public async Task Rotation_sends_later_records_to_the_next_generation_and_recovery_replays_both_in_order()
    {
        var storage = new MemoryJournalStorage();
        var writer = new JournalWriter(storage, 0);
        writer.Append(RegistryRecord.Registered("a"));
        writer.Append(RegistryRecord.Registered("b"));
        Assert.Equal(1, writer.Rotate());
        writer.Append(RegistryRecord.Registered("c"));
        Assert.Equal(2, writer.Rotate());
        Assert.Equal(3, writer.Rotate());
        writer.Append(RegistryRecord.Registered("d"));
        await writer.WhenDurableAsync(writer.Appended).AsTask().WaitAsync(Bound);
        await writer.DisposeAsync();
        storage.Crash();

        Assert.Equal([0, 1, 2, 3], storage.ListJournals());
        Assert.Equal([RegistryRecord.Registered("a"), RegistryRecord.Registered("b")], Records.DecodeAll(storage.ReadJournal(0)));
        Assert.Equal([RegistryRecord.Registered("c")], Records.DecodeAll(storage.ReadJournal(1)));
        Assert.Empty(storage.ReadJournal(2));
        Assert.Equal([RegistryRecord.Registered("d")], Records.DecodeAll(storage.ReadJournal(3)));
        var recovered = RegistryRecovery.Load(storage);
        Assert.Equal(["a", "b", "c", "d"], recovered.Records.Select(r => r.User));
        Assert.Equal(3, recovered.AppendGeneration);
    }

    [Fact]
    public async Task Compaction_replaces_the_old_generations_with_a_snapshot()
    {
        var storage = new MemoryJournalStorage();
        var writer = new JournalWriter(storage, 0);
        writer.Append(RegistryRecord.AccountCreated("a", Records.Password, 1));
        writer.Append(RegistryRecord.Connected("a", "127.0.0.1", 7000, 5));
        writer.Append(RegistryRecord.Published("a", "f", "d"));
        writer.Append(RegistryRecord.Registered("b"));
        writer.Append(RegistryRecord.Unregistered("b"));

        // In the registry's write lock: rotate, and take the state as records.
        var generation = writer.Rotate();
        var atRotation = writer.Appended;
        var state = new List<RegistryRecord>();
        RegistrySnapshot.AddUser(state, "a", Records.Password, 1, true, "127.0.0.1", 7000, 5, orphaned: true, [new("f", "d")]);
        writer.Append(RegistryRecord.Deleted("a", "f"));

        await writer.WhenDurableAsync(atRotation).AsTask().WaitAsync(Bound);
        RegistrySnapshotWriter.Write(storage, new RegistrySnapshot(generation, 5, 1, state));
        await writer.DisposeAsync();

        Assert.Equal([1], storage.ListJournals());
        var recovered = RegistryRecovery.Load(storage);
        Assert.Equal(
            [
                RegistryRecord.AccountCreated("a", Records.Password, 1),
                RegistryRecord.Connected("a", "127.0.0.1", 7000, 5),
                RegistryRecord.Orphaned("a"),
                RegistryRecord.Published("a", "f", "d"),
                RegistryRecord.Deleted("a", "f"),
            ],
            recovered.Records);
        Assert.Equal((1L, 5L, 1L), (recovered.Generation, recovered.LastSession, recovered.LastAccount));
        Assert.Equal(4, recovered.Report.SnapshotRecords);
        Assert.Equal(1, recovered.Report.JournalRecords);
    }

    [Fact]
    public async Task Compaction_may_delete_the_old_generation_once_the_records_before_the_rotation_are_durable()
    {
        // The rotation comes while the flusher holds the last batch of generation 0: that batch's waiters complete
        // before the flusher switches files, and compaction deletes journal 0 meanwhile.
        var storage = new MemoryJournalStorage();
        var holds = new[] { new TaskCompletionSource(), new TaskCompletionSource() };
        var flushes = 0;
        storage.BeforeFlush = () => new ValueTask(holds[Math.Min(Interlocked.Increment(ref flushes), 2) - 1].Task);
        var writer = new JournalWriter(storage, 0);
        writer.Append(RegistryRecord.Registered("a"));
        while (Volatile.Read(ref flushes) == 0)
        {
            await Task.Delay(1);
        }

        var generation = writer.Rotate();
        holds[0].SetResult();
        await writer.WhenDurableAsync(1).AsTask().WaitAsync(Bound);
        RegistrySnapshotWriter.Write(storage, new RegistrySnapshot(generation, 0, 0, [RegistryRecord.Registered("a")]));
        holds[1].SetResult();
        storage.BeforeFlush = null;

        writer.Append(RegistryRecord.Registered("b"));
        await writer.WhenDurableAsync(2).AsTask().WaitAsync(Bound);
        await writer.DisposeAsync();

        Assert.Equal([1L], storage.ListJournals());
        Assert.Equal(["a", "b"], RegistryRecovery.Load(storage).Records.Select(r => r.User));
    }

    [Fact]
    public async Task A_failing_flush_faults_the_waiters_and_every_later_use()
    {
        var storage = new MemoryJournalStorage { Location = "/var/lib/p2psim/registry" };
        var writer = new JournalWriter(storage, 0);
        writer.Append(RegistryRecord.Registered("a"));
        await writer.WhenDurableAsync(1).AsTask().WaitAsync(Bound);
        storage.FlushFailure = new IOException("No space left on device");

        writer.Append(RegistryRecord.Registered("b"));
        writer.Append(RegistryRecord.Registered("c"));
        var waits = new[] { writer.WhenDurableAsync(2).AsTask(), writer.WhenDurableAsync(3).AsTask() };

        foreach (var wait in waits)
        {
            var fault = await Assert.ThrowsAsync<JournalFaultedException>(() => wait.WaitAsync(Bound));
            Assert.Contains("/var/lib/p2psim/registry", fault.Message, StringComparison.Ordinal);
            Assert.Contains("No space left on device", fault.Message, StringComparison.Ordinal);
        }

        Assert.Throws<JournalFaultedException>(() => writer.Append(RegistryRecord.Registered("d")));
        Assert.Throws<JournalFaultedException>(() => writer.Rotate());
        await Assert.ThrowsAsync<JournalFaultedException>(() => writer.WhenDurableAsync(3).AsTask());
        Assert.True(writer.WhenDurableAsync(1).IsCompletedSuccessfully);
        await writer.DisposeAsync().AsTask().WaitAsync(Bound);
    }

    [Fact]
    public async Task A_failing_write_faults_the_waiters()
    {
        var storage = new MemoryJournalStorage { WriteFailure = new IOException("I/O error") };
        var writer = new JournalWriter(storage, 0);
        writer.Append(RegistryRecord.Registered("a"));

        var fault = await Assert.ThrowsAsync<JournalFaultedException>(() => writer.WhenDurableAsync(1).AsTask().WaitAsync(Bound));

        Assert.IsType<IOException>(fault.InnerException);
        await writer.DisposeAsync();
    }

    [Fact]
    public async Task Dispose_flushes_what_is_pending_and_refuses_more()
    {
        var storage = new MemoryJournalStorage();
        var writer = new JournalWriter(storage, 0);
        writer.Append(RegistryRecord.Registered("a"));
        writer.Append(RegistryRecord.Registered("b"));

        await writer.DisposeAsync().AsTask().WaitAsync(Bound);

        Assert.Equal(2, writer.Durable);
        Assert.Equal(2, Records.DecodeAll(storage.ReadFlushed(0)).Count);
        Assert.Throws<ObjectDisposedException>(() => writer.Append(RegistryRecord.Registered("c")));
        await writer.DisposeAsync();
    }

    [Fact]
    public async Task A_record_that_cannot_be_encoded_is_refused_and_the_journal_goes_on()
    {
        var storage = new MemoryJournalStorage();
        await using var writer = new JournalWriter(storage, 0);

        Assert.Throws<ArgumentException>(() => writer.Append(RegistryRecord.Registered("\uDC00")));
        writer.Append(RegistryRecord.Registered("a"));
        await writer.WhenDurableAsync(1).AsTask().WaitAsync(Bound);

        Assert.Equal([RegistryRecord.Registered("a")], Records.DecodeAll(storage.ReadFlushed(0)));
    }

    [Fact]
    public async Task A_writer_that_never_appended_creates_no_file()
    {
        var storage = new MemoryJournalStorage();
        await new JournalWriter(storage, 4).DisposeAsync();

        Assert.Empty(storage.ListJournals());
    }
}
