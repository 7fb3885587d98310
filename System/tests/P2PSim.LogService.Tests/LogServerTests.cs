using P2PSim.Rpc;
using P2PSim.Rpc.OncRpc;
using P2PSim.TestKit;
using P2PSim.Transport;
using P2PSim.Transport.InMemory;
using P2PSim.Transport.Tcp;
using P2PSim.Transport.Udp;

namespace P2PSim.LogService.Tests;

public sealed class LogServerTests
{
    private readonly MemoryLogStore _store = new();

    public static TheoryData<TransportKind> Transports => TestNetwork.Kinds;

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Null_entry_and_batch_on_one_connection(TransportKind kind)
    {
        var (transport, endPoint) = TestNetwork.Create(kind).Server("log");
        await using var server = await LogServerHost.StartAsync(
            transport, datagramTransport: null, endPoint, _store);
        await using var connection = await transport.ConnectAsync(server.EndPoint);
        var client = new RpcStreamClient(connection.Stream);

        var ping = await client.CallAsync(RpcCalls.Null(1));
        Assert.Equal(AcceptStatus.Success, ping.AcceptStatus);
        Assert.True(ping.Results.IsEmpty);

        Assert.Equal(LogProgram.StatusOk, RpcCalls.ReadInt(await client.CallAsync(RpcCalls.LogEntryCall(RpcCalls.Entry(1), 2))));
        Assert.Equal(2, RpcCalls.ReadInt(await client.CallAsync(RpcCalls.LogBatchCall([RpcCalls.Entry(2), RpcCalls.Entry(3)], 3))));
        Assert.Equal(3, _store.Entries.Count);
        Assert.Null(server.Server.UdpEndPoint?.Port);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Error_replies_keep_the_connection_open(TransportKind kind)
    {
        var (transport, endPoint) = TestNetwork.Create(kind).Server("log");
        await using var server = await LogServerHost.StartAsync(
            transport, datagramTransport: null, endPoint, _store);
        await using var connection = await transport.ConnectAsync(server.EndPoint);
        var client = new RpcStreamClient(connection.Stream);

        Assert.Equal(AcceptStatus.ProcedureUnavailable, (await client.CallAsync(RpcCalls.Call(1, 9, []))).AcceptStatus);
        Assert.Equal(AcceptStatus.GarbageArguments, (await client.CallAsync(RpcCalls.Call(2, 1, [0, 0, 0, 1]))).AcceptStatus);
        Assert.Equal(AcceptStatus.Success, (await client.CallAsync(RpcCalls.Null(3))).AcceptStatus);
    }

    [Fact]
    public async Task Call_split_into_one_byte_fragments_and_writes_is_answered()
    {
        var network = new InMemoryNetwork();
        var transport = network.CreateTransport();
        await using var server = await LogServerHost.StartAsync(
            transport, datagramTransport: null, new TransportEndPoint("log", 0), _store);
        await using var connection = await transport.ConnectAsync(server.EndPoint);
        var output = new System.Buffers.ArrayBufferWriter<byte>();
        RecordMarking.WriteRecord(output, RpcCalls.Message(RpcCalls.LogEntryCall(RpcCalls.Entry(1))), maxFragmentBytes: 1);
        foreach (var b in output.WrittenMemory.ToArray())
        {
            await connection.Stream.WriteAsync(new[] { b });
        }

        var reply = await new RpcStreamClient(connection.Stream).ReadRecordAsync();
        Assert.NotNull(reply);
        Assert.Equal(LogProgram.StatusOk, RpcCalls.ReadInt(RpcMessageCodec.DecodeReply(reply)));
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Udp_round_trips_on_the_tcp_port(TransportKind kind)
    {
        var network = TestNetwork.Create(kind);
        var (transport, endPoint) = network.Server("log");
        await using var server = await LogServerHost.StartAsync(transport, network.Datagrams, endPoint, _store);
        Assert.Equal(server.EndPoint.Port, server.Server.UdpEndPoint?.Port);

        await using var socket = await network.Datagrams.BindAsync(TestNetwork.AnyPort);
        Assert.Equal(AcceptStatus.Success, (await UdpCallAsync(socket, server.Server.UdpEndPoint!, RpcCalls.Null(1))).AcceptStatus);
        Assert.Equal(LogProgram.StatusOk, RpcCalls.ReadInt(await UdpCallAsync(socket, server.Server.UdpEndPoint!, RpcCalls.LogEntryCall(RpcCalls.Entry(1), 2))));
        Assert.Equal(1, RpcCalls.ReadInt(await UdpCallAsync(socket, server.Server.UdpEndPoint!, RpcCalls.LogBatchCall([RpcCalls.Entry(2)], 3))));
        Assert.Equal(AcceptStatus.ProgramMismatch, (await UdpCallAsync(socket, server.Server.UdpEndPoint!, RpcCalls.Null(4) with { Version = 5 })).AcceptStatus);

        // Garbage is dropped without an answer; the endpoint keeps serving.
        await socket.SendAsync(new byte[] { 1, 2, 3 }, server.Server.UdpEndPoint!);
        Assert.Equal(5u, (await UdpCallAsync(socket, server.Server.UdpEndPoint!, RpcCalls.Null(5))).Xid);
        Assert.Equal(2, _store.Entries.Count);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Udp_on_a_taken_fixed_port_throws_address_in_use(TransportKind kind)
    {
        var network = TestNetwork.Create(kind);
        var (transport, endPoint) = network.Server("log");
        await using var blocker = await network.Datagrams.BindAsync(endPoint);
        await Assert.ThrowsAsync<AddressInUseException>(() =>
            LogServerHost.StartAsync(transport, network.Datagrams, blocker.LocalEndPoint, _store));
    }

    [Fact]
    public async Task End_to_end_duplicate_is_acknowledged_but_printed_once()
    {
        var path = Path.Combine(Path.GetTempPath(), "p2psim-logserver-" + Path.GetRandomFileName());
        var output = new StringWriter();
        try
        {
            using (var store = new LogStore(path, output))
            {
                await using var server = await LogServerHost.StartAsync(
                    TcpTransport.Instance, UdpTransport.Instance, new TransportEndPoint("127.0.0.1", 0), store);
                await using var connection = await TcpTransport.Instance.ConnectAsync(server.EndPoint);
                var client = new RpcStreamClient(connection.Stream);
                var call = RpcCalls.LogEntryCall(RpcCalls.Entry(1, file: "x.bin"));
                Assert.Equal(LogProgram.StatusOk, RpcCalls.ReadInt(await client.CallAsync(call)));
                Assert.Equal(LogProgram.StatusOk, RpcCalls.ReadInt(await client.CallAsync(call)));
            }

            Assert.Equal("alice PUBLISH x.bin 24/11/2026 21:05:09" + Environment.NewLine, output.ToString());
        }
        finally
        {
            File.Delete(path);
        }
    }

    internal static async Task<RpcReplyMessage> UdpCallAsync(IDatagramSocket socket, TransportEndPoint server, RpcCallMessage call)
    {
        await socket.SendAsync(RpcCalls.Message(call), server);
        var buffer = new byte[IDatagramSocket.MaxDatagramBytes];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var received = await socket.ReceiveAsync(buffer, timeout.Token);
        Assert.NotNull(received);
        return RpcMessageCodec.DecodeReply(buffer.AsSpan(0, received.Value.Length));
    }
}
