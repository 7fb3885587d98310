using P2PSim.DirectoryServer;
using P2PSim.Protocol;
using P2PSim.TestKit;
using P2PSim.Transport;
using P2PSim.Transport.InMemory;

namespace P2PSim.LogSink.Tests;

/// <summary>
/// <c>BatchLinger</c>: a partial batch waits that long to fill, then goes as one call; with a linger of zero it goes
/// at once. The linger is long (a second) so that only the linger itself, never a slow machine, decides.
/// </summary>
public sealed class SinkBatchingTests
{
    private static readonly TransportEndPoint LogEndPoint = new("logsvc", 111);

    private readonly InMemoryNetwork _network = new();

    [Fact]
    public async Task A_partial_batch_lingers_and_leaves_as_one_call()
    {
        await using var server = new FakeLogServer(_network.CreateTransport(), LogEndPoint);
        await server.StartAsync();
        await using var sink = Sink(batchSize: 256, linger: TimeSpan.FromSeconds(1));
        Operate(sink, 10);

        await Poll.UntilAsync(() => sink.Sent == 10, "10 entries sent");
        Assert.Equal([10], server.BatchSizes());
    }

    [Fact]
    public async Task With_no_linger_a_single_entry_goes_at_once()
    {
        await using var server = new FakeLogServer(_network.CreateTransport(), LogEndPoint);
        await server.StartAsync();
        await using var sink = Sink(batchSize: 256, linger: TimeSpan.Zero);
        Operate(sink, 1);

        await Poll.UntilAsync(() => sink.Sent == 1, "one entry sent");
    }

    private RpcLogSink Sink(int batchSize, TimeSpan linger) => new(
        _network.CreateTransport(),
        new RpcLogSinkOptions(LogEndPoint, "dir-1") { BatchSize = batchSize, BatchLinger = linger, FlushTimeout = TimeSpan.FromSeconds(10) });

    private static void Operate(RpcLogSink sink, int count)
    {
        for (var i = 0; i < count; i++)
        {
            sink.OnOperation(new OperationRecord(Operation.Connect, "user" + i, null, "24/11/2026 21:00:00", 0, "10.0.0.1"));
        }
    }
}
