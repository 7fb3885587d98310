using Microsoft.Coyote.Specifications;
using P2PSim.DirectoryServer;
using P2PSim.LogSink;
using P2PSim.Protocol;
using P2PSim.Transport;
using P2PSim.Transport.InMemory;

namespace P2PSim.Systematic.Tests.Logging;

/// <summary>
/// The real <see cref="RpcLogSink"/> shipping operations to the real log server over the in-memory transport while
/// the service crashes (every connection reset) and restarts at moments Coyote chooses. The property: the service logs every operation
/// exactly once and in order. No timer may fire at a moment Coyote does not choose: call and flush timeouts are
/// infinite, and the 1 ms retry delay is a controlled <c>Task.Delay</c> (Coyote ignores its length; a delay rather
/// than none lets the restart run instead of the sender spinning through thousands of reconnects).
/// </summary>
internal static class SinkAcrossRestarts
{
    private static readonly TransportEndPoint LogService = new("127.0.0.1", 4050);

    public static async Task RunAsync(MemoryLogStore store, int operations, int restarts)
    {
        var transport = new InMemoryNetwork().CreateTransport("127.0.0.1");
        var service = await LogServiceInstance.StartAsync(transport, LogService, store);
        var sink = new RpcLogSink(transport, new RpcLogSinkOptions(LogService, "server-1")
        {
            BatchSize = 2,
            MinRetryDelay = TimeSpan.FromMilliseconds(1),
            MaxRetryDelay = TimeSpan.FromMilliseconds(1),
            CallTimeout = Timeout.InfiniteTimeSpan,
            FlushTimeout = Timeout.InfiniteTimeSpan,
        });

        var restarter = Task.Run(async () =>
        {
            for (var i = 0; i < restarts; i++)
            {
                await service.CrashAsync();
                service = await LogServiceInstance.StartAsync(transport, LogService, store);
            }
        });
        var producer = Task.Run(async () =>
        {
            for (var i = 1; i <= operations; i++)
            {
                sink.OnOperation(new OperationRecord(Operation.Publish, "alice", $"file{i}.txt", "24/11/2026 22:00:00", 0, "127.0.0.1"));
                await Task.Yield(); // requests arrive one by one, while the sender is busy
            }
        });
        await Task.WhenAll(new[] { restarter, producer });
        await sink.DisposeAsync(); // with an infinite flush timeout: returns once everything is acknowledged
        await service.CrashAsync();

        var logged = store.Entries.Select(e => e.Sequence).ToArray();
        var expected = Enumerable.Range(1, operations).Select(i => (ulong)i).ToArray();
        Specification.Assert(logged.SequenceEqual(expected),
            $"logged [{string.Join(", ", logged)}], expected each of 1..{operations} once and in order (sent {sink.Sent}, retried {sink.Retried})");
        Specification.Assert(sink.Pending == 0 && sink.Dropped == 0, $"pending {sink.Pending}, dropped {sink.Dropped}");
    }
}
