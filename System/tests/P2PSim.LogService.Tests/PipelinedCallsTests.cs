using P2PSim.Rpc.OncRpc;
using P2PSim.TestKit;

namespace P2PSim.LogService.Tests;

/// <summary>
/// A stream session answers every call it has buffered before it reads again, and its buffer bound is the record
/// bound plus room for fragment headers, not less; input that is mostly fragment headers is cut off at that bound.
/// </summary>
public sealed class PipelinedCallsTests
{
    [Fact]
    public async Task Calls_sent_in_one_write_are_all_answered_without_more_input()
    {
        var store = new MemoryLogStore();
        var (transport, endPoint) = TestNetwork.Create(TransportKind.InMemory).Server("log");
        await using var server = await LogServerHost.StartAsync(transport, datagramTransport: null, endPoint, store);
        await using var connection = await transport.ConnectAsync(server.EndPoint);

        byte[] calls = [.. RpcCalls.Record(RpcCalls.Null(1)), .. RpcCalls.Record(RpcCalls.LogEntryCall(RpcCalls.Entry(1), 2)),
            .. RpcCalls.Record(RpcCalls.LogEntryCall(RpcCalls.Entry(2), 3))];
        await connection.Stream.WriteAsync(calls);

        var client = new RpcStreamClient(connection.Stream);
        for (uint xid = 1; xid <= 3; xid++)
        {
            var reply = await client.ReadRecordAsync();
            Assert.NotNull(reply);
            Assert.Equal(xid, RpcMessageCodec.DecodeReply(reply).Xid);
        }

        Assert.Equal(2, store.Entries.Count);
    }

    [Fact]
    public async Task A_record_under_a_small_bound_but_over_the_header_room_is_served()
    {
        // 80,000 bytes of record bound: a session buffers up to that plus 64 KiB, so a 40 KB batch fits well.
        var store = new MemoryLogStore();
        var (transport, endPoint) = TestNetwork.Create(TransportKind.InMemory).Server("log");
        await using var server = await LogServerHost.StartAsync(
            transport, datagramTransport: null, endPoint, store, new LogServerOptions { MaxRecordBytes = 80_000 });
        await using var connection = await transport.ConnectAsync(server.EndPoint);

        var entries = Enumerable.Range(1, 200).Select(i => RpcCalls.Entry((ulong)i, file: new string('f', 150))).ToList();
        var call = RpcCalls.LogBatchCall(entries);
        Assert.InRange(RpcCalls.Record(call).Length, 30_000, 79_000);
        var reply = await new RpcStreamClient(connection.Stream).CallAsync(call);

        Assert.Equal(200, RpcCalls.ReadInt(reply));
        Assert.Equal(200, store.Entries.Count);
    }

    [Fact]
    public async Task A_record_of_tiny_fragments_that_fills_the_buffer_is_refused_as_bad_framing()
    {
        // Bound 20,000: the session buffers at most 85,536 bytes. One-byte fragments (5 bytes each) fill that
        // with 17,107 bytes of record, under the bound, so it is the buffer limit that ends the connection.
        var logger = new CapturingLogger();
        var (transport, endPoint) = TestNetwork.Create(TransportKind.InMemory).Server("log");
        await using var server = await LogServerHost.StartAsync(
            transport, datagramTransport: null, endPoint, new MemoryLogStore(), new LogServerOptions { MaxRecordBytes = 20_000 }, logger);
        await using var connection = await transport.ConnectAsync(server.EndPoint);

        var fragments = Enumerable.Range(0, 18_000).SelectMany(_ => new byte[] { 0, 0, 0, 1, 0x55 }).ToArray();
        var write = connection.Stream.WriteAsync(fragments).AsTask();
        Assert.Null(await new RpcStreamClient(connection.Stream).ReadRecordAsync());
        await Record.ExceptionAsync(() => write); // the server may close before it took everything

        // 5002 bad framing, and no 5006 (a session that crashed on its full buffer instead).
        await Poll.UntilAsync(() => server.Server.ActiveConnections == 0, "the session ended");
        Assert.Contains(5002, logger.Events);
        Assert.DoesNotContain(5006, logger.Events);
    }
}
