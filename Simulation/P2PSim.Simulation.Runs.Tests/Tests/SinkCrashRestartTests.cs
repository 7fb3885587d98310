using P2PSim.DirectoryServer;
using P2PSim.LogService;
using P2PSim.LogSink;
using P2PSim.Protocol;
using P2PSim.Simulation.Network;
using P2PSim.Simulation.Runtime;
using P2PSim.Transport;

namespace P2PSim.Simulation.Runs.Tests.Tests;

/// <summary>
/// The directory server's process dies (no dispose) and a new one starts on the same journal, the way the CLI runs
/// it: a fresh sender id per process. Everything the dead sink had delivered, and everything the new one handles,
/// must be in the log store exactly once.
/// </summary>
/// <remarks>
/// With one fixed sender id instead, the new sink starts numbering from the journal's saved state, which is written
/// only when journal batches are acknowledged: after a crash with nothing spilled it reuses 1, 2, … and the log
/// service drops those new entries as duplicates. The per-process sender id of <c>p2psim server</c> avoids that.
/// </remarks>
public sealed class SinkCrashRestartTests
{
    private static readonly TransportEndPoint LogService = new("logd", 5000);

    [Theory]
    [InlineData(10_000)] // nothing spills: everything goes through memory
    [InlineData(1)] // almost everything spills to the journal
    public void AfterAServerCrashEveryEntryIsLoggedExactlyOnce(int memoryEntries)
    {
        var clock = new SimClock();
        var network = new SimNetwork(1, clock, new SimTrace(clock));
        var root = Directory.CreateTempSubdirectory("p2psim-sink-crash").FullName;
        try
        {
            var storePath = Path.Join(root, "log.jsonl");
            var lines = SimPump.Run(clock, async () =>
            {
                using var store = new LogStore(storePath, TextWriter.Null);
                await using var logd = await LogServerHost.StartAsync(
                    network.Host("logd"), datagramTransport: null, LogService, store,
                    new LogServerOptions { TimeProvider = clock, DrainTimeout = TimeSpan.Zero });
                var before = await SendAsync(network, clock, root, memoryEntries, "server@run1", "before");
                Assert.Equal(0, before.Pending);
                network.Crash("directory"); // the process dies: the first sink is never disposed
                network.Restart("directory");
                var after = await SendAsync(network, clock, root, memoryEntries, "server@run2", "after");
                await after.DisposeAsync();
                return File.ReadAllLines(storePath);
            });

            for (var i = 1; i <= 5; i++)
            {
                Assert.Single(lines, l => l.Contains($"\"before{i}\"", StringComparison.Ordinal));
                Assert.Single(lines, l => l.Contains($"\"after{i}\"", StringComparison.Ordinal));
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<RpcLogSink> SendAsync(SimNetwork network, SimClock clock, string root, int memoryEntries, string sender, string prefix)
    {
        var sink = new RpcLogSink(network.Host("directory"), new RpcLogSinkOptions(LogService, sender)
        {
            TimeProvider = clock,
            JournalPath = Path.Join(root, "sink.journal"),
            MaxQueuedEntries = memoryEntries,
        });
        for (var i = 1; i <= 5; i++)
        {
            sink.OnOperation(new OperationRecord(Operation.Register, prefix + i, null, null, 0, "peer1"));
        }

        for (var wait = 0; wait < 600 && sink.Pending > 0; wait++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), clock);
        }

        return sink;
    }
}
