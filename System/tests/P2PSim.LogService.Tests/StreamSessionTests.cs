using P2PSim.Rpc.OncRpc;
using P2PSim.TestKit;

namespace P2PSim.LogService.Tests;

/// <summary>
/// A stream session grows its buffer for records larger than its first 4 KiB, and any input restarts the idle
/// clock, so a slow but live client is never cut off for being slow.
/// </summary>
public sealed class StreamSessionTests
{
    [Theory]
    [MemberData(nameof(TestNetwork.Kinds), MemberType = typeof(TestNetwork))]
    public async Task A_batch_of_many_kilobytes_is_answered(TransportKind kind)
    {
        var store = new MemoryLogStore();
        var (transport, endPoint) = TestNetwork.Create(kind).Server("log");
        await using var server = await LogServerHost.StartAsync(transport, datagramTransport: null, endPoint, store);
        await using var connection = await transport.ConnectAsync(server.EndPoint);

        var entries = Enumerable.Range(1, 500).Select(i => RpcCalls.Entry((ulong)i, file: new string('f', 100))).ToList();
        var reply = await new RpcStreamClient(connection.Stream).CallAsync(RpcCalls.LogBatchCall(entries));

        Assert.Equal(AcceptStatus.Success, reply.AcceptStatus);
        Assert.Equal(500, RpcCalls.ReadInt(reply));
        Assert.Equal(500, store.Entries.Count);
    }

    [Fact]
    public async Task Input_restarts_the_idle_clock()
    {
        var store = new MemoryLogStore();
        var (transport, endPoint) = TestNetwork.Create(TransportKind.InMemory).Server("log");
        // The header timeout (the whole first record within RequestTimeout, 5 s by default) is not what this test
        // is about, and the trickle below takes five seconds: it gets room.
        await using var server = await LogServerHost.StartAsync(
            transport, datagramTransport: null, endPoint, store,
            new LogServerOptions { IdleTimeout = TimeSpan.FromSeconds(3), RequestTimeout = TimeSpan.FromSeconds(60) });
        await using var connection = await transport.ConnectAsync(server.EndPoint);

        // One call trickled out over five seconds, one piece every half second: never three seconds of silence.
        var record = RpcCalls.Record(RpcCalls.LogEntryCall(RpcCalls.Entry(1)));
        var pieces = record.Chunk((record.Length / 10) + 1).ToList();
        foreach (var piece in pieces)
        {
            await connection.Stream.WriteAsync(piece);
            await connection.Stream.FlushAsync();
            await Task.Delay(500);
        }

        var reply = await new RpcStreamClient(connection.Stream).ReadRecordAsync();
        Assert.NotNull(reply);
        Assert.Equal(AcceptStatus.Success, RpcMessageCodec.DecodeReply(reply).AcceptStatus);
        Assert.Single(store.Entries);
    }
}
