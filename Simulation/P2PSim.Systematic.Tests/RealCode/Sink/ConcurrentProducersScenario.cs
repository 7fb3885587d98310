using Microsoft.Coyote.Specifications;
using P2PSim.DirectoryServer;
using P2PSim.LogSink;
using P2PSim.Protocol;
using P2PSim.Systematic.Tests.Logging;
using P2PSim.Transport;
using P2PSim.Transport.InMemory;

namespace P2PSim.Systematic.Tests.RealCode.Sink;

/// <summary>
/// The real <see cref="RpcLogSink"/> (its queue, sender, <c>PendingBatch</c>es and, with a journal, the
/// <c>OperationJournal</c> spill) fed by several producers at once, shipping to the real log server over the
/// in-memory transport. Safety (<see cref="DeliveryMonitor"/>): every entry reaches the service exactly once and in
/// sequence order. Liveness: every entry is delivered by the sink's own signalling, with no later operation and no
/// dispose to wake its sender: the scenario waits for the last delivery before it disposes anything, so a lost
/// wake-up leaves every task blocked (Coyote reports the deadlock) with the monitor hot. Nothing else can deliver:
/// no linger (a partial batch goes at once), infinite call and flush timeouts, no failures to retry.
/// </summary>
internal static class ConcurrentProducersScenario
{
    private static readonly TransportEndPoint LogService = new("127.0.0.1", 4060);
    private static readonly string JournalFolder = Path.Combine(Path.GetTempPath(), $"p2psim-coyote-sink-{Environment.ProcessId}");
    private static int s_journals;

    public static async Task RunAsync(int producers, int entriesEach, bool journal)
    {
        var total = producers * entriesEach;
        Specification.RegisterMonitor<DeliveryMonitor>();
        Specification.Monitor<DeliveryMonitor>(new DeliveryMonitor.Expect(total));

        // A fresh network, store and journal file per iteration: nothing that synchronizes outlives an iteration.
        var store = new RecordingLogStore(total);
        var transport = new InMemoryNetwork().CreateTransport("127.0.0.1");
        var service = await LogServiceInstance.StartAsync(transport, LogService, store);
        var journalPath = journal ? NewJournalPath() : null;
        var sink = new RpcLogSink(transport, new RpcLogSinkOptions(LogService, "server-1")
        {
            BatchSize = 2,
            BatchLinger = TimeSpan.Zero,
            MaxQueuedEntries = journal ? 1 : 10_000, // with a journal: the second queued entry already spills
            JournalPath = journalPath,
            MinRetryDelay = TimeSpan.FromMilliseconds(1),
            MaxRetryDelay = TimeSpan.FromMilliseconds(1),
            CallTimeout = Timeout.InfiniteTimeSpan,
            FlushTimeout = Timeout.InfiniteTimeSpan,
        });

        var running = new Task[producers];
        for (var p = 0; p < producers; p++)
        {
            var user = $"user{p}";
            running[p] = Task.Run(async () =>
            {
                for (var i = 0; i < entriesEach; i++)
                {
                    sink.OnOperation(new OperationRecord(Operation.Publish, user, $"file{i}.txt", "24/11/2026 22:00:00", 0, "127.0.0.1"));
                    await Task.Yield();
                }
            });
        }

        await Task.WhenAll(running);

        // Liveness: from here on nothing but the sender's own wake-ups can deliver what is still queued.
        await store.AllDelivered;

        // Stored is not yet acknowledged (the reply may be on its way): dispose flushes that last step.
        await sink.DisposeAsync();
        Specification.Assert(sink.Pending == 0 && sink.Dropped == 0, $"pending {sink.Pending}, dropped {sink.Dropped} after every delivery");
        await service.CrashAsync();
        if (journalPath is not null)
        {
            File.Delete(journalPath);
            File.Delete(journalPath + ".state");
        }

        var logged = store.Entries.Select(e => e.Sequence).ToArray();
        Specification.Assert(logged.SequenceEqual(Enumerable.Range(1, total).Select(i => (ulong)i)),
            $"logged [{string.Join(", ", logged)}], expected each of 1..{total} once and in order");
    }

    private static string NewJournalPath()
    {
        Directory.CreateDirectory(JournalFolder);
        var path = Path.Combine(JournalFolder, $"journal-{Interlocked.Increment(ref s_journals)}.log");
        File.Delete(path);
        return path;
    }
}
