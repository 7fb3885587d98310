using Microsoft.Coyote.Specifications;
using P2PSim.DirectoryServer.Registry.Durable;

namespace P2PSim.Systematic.Tests.RealCode.Journal;

/// <summary>
/// The real <see cref="JournalWriter"/> over <see cref="MemoryJournalStorage"/>: several registry operations
/// append in a lock (the registry's write lock) and wait for durability outside it, while another rotates the
/// journal and, in the faulting variant, the disk fills up. Safety: when a wait completes, its record is in the
/// flushed bytes; after a crash, recovery replays every acknowledged record in append order. Liveness: no wait is
/// left hanging (a lost batch would leave its waiter blocked, which Coyote reports as a deadlock).
/// </summary>
internal static class GroupCommitScenario
{
    public static async Task RunAsync(int operations, int recordsEach, bool fault)
    {
        // Fresh per iteration: nothing that synchronizes outlives one.
        var storage = new MemoryJournalStorage();
        var writer = new JournalWriter(storage, 0);
        var registryLock = new object();
        var appended = new List<RegistryRecord>();
        var acknowledged = 0L;

        var running = new List<Task>();
        for (var o = 0; o < operations; o++)
        {
            var user = $"user{o}";
            running.Add(Task.Run(async () =>
            {
                for (var i = 0; i < recordsEach; i++)
                {
                    long sequence;
                    lock (registryLock)
                    {
                        var record = RegistryRecord.Published(user, $"file{i}", "d");
                        try
                        {
                            writer.Append(record);
                        }
                        catch (JournalFaultedException)
                        {
                            return;
                        }

                        appended.Add(record);
                        sequence = writer.Appended;
                    }

                    try
                    {
                        await writer.WhenDurableAsync(sequence);
                    }
                    catch (JournalFaultedException)
                    {
                        Specification.Assert(fault, "a wait failed with no fault injected");
                        return;
                    }

                    var flushed = FlushedRecords(storage);
                    Specification.Assert(flushed >= sequence, $"record {sequence} acknowledged with {flushed} records flushed");
                    lock (registryLock)
                    {
                        acknowledged = Math.Max(acknowledged, sequence);
                    }
                }
            }));
        }

        running.Add(Task.Run(() =>
        {
            lock (registryLock)
            {
                try
                {
                    writer.Rotate();
                }
                catch (JournalFaultedException)
                {
                }
            }

            if (fault)
            {
                storage.FlushFailure = new IOException("No space left on device");
            }
        }));

        await Task.WhenAll(running.ToArray());
        await writer.DisposeAsync();
        storage.Crash();

        if (fault)
        {
            return;
        }

        var recovered = RegistryRecovery.Load(storage).Records;
        Specification.Assert(recovered.SequenceEqual(appended), $"recovered {recovered.Count} records of {appended.Count}, or out of order");
        Specification.Assert(acknowledged == appended.Count, $"{acknowledged} of {appended.Count} acknowledged");
    }

    private static long FlushedRecords(MemoryJournalStorage storage)
    {
        var count = 0L;
        foreach (var generation in storage.ListJournals())
        {
            var bytes = storage.ReadFlushed(generation);
            var offset = 0;
            while (RegistryRecordCodec.TryDecode(bytes.AsSpan(offset), out _, out var consumed) == RegistryDecodeStatus.Ok)
            {
                offset += consumed;
                count++;
            }
        }

        return count;
    }
}
