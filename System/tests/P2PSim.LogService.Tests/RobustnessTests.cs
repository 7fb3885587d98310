using P2PSim.Rpc;
using P2PSim.Rpc.OncRpc;
using P2PSim.TestKit;
using P2PSim.Transport.Hosting;

namespace P2PSim.LogService.Tests;

public sealed class RobustnessTests
{
    public static TheoryData<TransportKind, byte[]> BadInputs()
    {
        var data = new TheoryData<TransportKind, byte[]>();
        foreach (var kind in Enum.GetValues<TransportKind>())
        {
            data.Add(kind, [0x00, 0x00, 0x00, 0x00]); // zero-length fragment that is not the last
            data.Add(kind, [0xFF, 0xFF, 0xFF, 0xFF]); // last fragment of 2 GiB
            data.Add(kind, [0x00, 0x20, 0x00, 0x00]); // 2 MiB fragment, over the 1 MiB bound
            data.Add(kind, [0x80, 0x00, 0x00, 0x08, 1, 2, 3, 4, 5, 6, 7, 8]); // a framed record that is not a call
            data.Add(kind, [0x80, 0x00, 0x00, 0x00]); // an empty record
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_input_closes_the_connection_and_the_next_client_is_served(TransportKind kind, byte[] input)
    {
        var store = new MemoryLogStore();
        var (transport, endPoint) = TestNetwork.Create(kind).Server("log");
        await using var server = await LogServerHost.StartAsync(
            transport, datagramTransport: null, endPoint, store);

        await using (var bad = await transport.ConnectAsync(server.EndPoint))
        {
            await bad.Stream.WriteAsync(input);
            Assert.Null(await new RpcStreamClient(bad.Stream).ReadRecordAsync());
        }

        await AssertServesAsync(transport, server);
    }

    [Theory]
    [MemberData(nameof(TestNetwork.Kinds), MemberType = typeof(TestNetwork))]
    public async Task Silent_connections_are_closed_after_the_idle_timeout_and_others_are_served(TransportKind kind)
    {
        var store = new MemoryLogStore();
        var (transport, endPoint) = TestNetwork.Create(kind).Server("log");
        await using var server = await LogServerHost.StartAsync(
            transport, datagramTransport: null, endPoint, store, new LogServerOptions { MaxConnections = 2, IdleTimeout = TimeSpan.FromMilliseconds(200), RequestTimeout = TimeSpan.FromMilliseconds(200) });

        // Two silent clients take every slot; once the idle timeout closes them, a real client is served again.
        await using var first = await transport.ConnectAsync(server.EndPoint);
        await using var second = await transport.ConnectAsync(server.EndPoint);
        Assert.Null(await new RpcStreamClient(first.Stream).ReadRecordAsync());
        Assert.Null(await new RpcStreamClient(second.Stream).ReadRecordAsync());

        await AssertServesAsync(transport, server);
    }

    [Theory]
    [MemberData(nameof(TestNetwork.Kinds), MemberType = typeof(TestNetwork))]
    public async Task Truncated_record_then_close_is_dropped_and_the_next_client_is_served(TransportKind kind)
    {
        var store = new MemoryLogStore();
        var (transport, endPoint) = TestNetwork.Create(kind).Server("log");
        await using var server = await LogServerHost.StartAsync(
            transport, datagramTransport: null, endPoint, store);

        await using (var bad = await transport.ConnectAsync(server.EndPoint))
        {
            var record = RpcCalls.Record(RpcCalls.LogEntryCall(RpcCalls.Entry(1)));
            await bad.Stream.WriteAsync(record.AsMemory(0, record.Length - 3));
            bad.ShutdownOutput();
            Assert.Null(await new RpcStreamClient(bad.Stream).ReadRecordAsync());
        }

        Assert.Empty(store.Entries);
        await AssertServesAsync(transport, server);
    }

    [Fact]
    public async Task Record_bound_is_configurable()
    {
        var (transport, endPoint) = TestNetwork.Create(TransportKind.InMemory).Server("log");
        await using var server = await LogServerHost.StartAsync(
            transport, datagramTransport: null, endPoint, new MemoryLogStore(), new LogServerOptions { MaxRecordBytes = 64 });
        await using var connection = await transport.ConnectAsync(server.EndPoint);
        await connection.Stream.WriteAsync(RpcCalls.Record(RpcCalls.LogBatchCall([RpcCalls.Entry(1), RpcCalls.Entry(2)])));
        Assert.Null(await new RpcStreamClient(connection.Stream).ReadRecordAsync());
    }

    private static async Task AssertServesAsync(P2PSim.Transport.ITransport transport, RunningServer<LogServer> server)
    {
        await using var good = await transport.ConnectAsync(server.EndPoint);
        var reply = await new RpcStreamClient(good.Stream).CallAsync(RpcCalls.LogEntryCall(RpcCalls.Entry(5)));
        Assert.Equal(LogProgram.StatusOk, RpcCalls.ReadInt(reply));
        Assert.Equal(ReplyStatus.Accepted, reply.Status);
    }
}
