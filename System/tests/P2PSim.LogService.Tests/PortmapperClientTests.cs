using System.Buffers;
using System.Diagnostics;
using P2PSim.Rpc;
using P2PSim.Rpc.OncRpc;
using P2PSim.Rpc.Xdr;
using P2PSim.Transport;
using P2PSim.Transport.InMemory;
using P2PSim.Transport.Tcp;

namespace P2PSim.LogService.Tests;

public sealed class PortmapperClientTests
{
    [Fact]
    public void Set_call_record_matches_rfc_1833_bytes()
    {
        // RFC 5531 §9 call header + RFC 1833 §3 mapping, each field a big-endian XDR unsigned int.
        byte[] expected =
        [
            0x80, 0x00, 0x00, 0x38, // record mark: last fragment, 56 bytes
            0x12, 0x34, 0x56, 0x78, // xid
            0x00, 0x00, 0x00, 0x00, // msg_type CALL
            0x00, 0x00, 0x00, 0x02, // rpcvers 2
            0x00, 0x01, 0x86, 0xA0, // prog 100000 (portmapper)
            0x00, 0x00, 0x00, 0x02, // vers 2
            0x00, 0x00, 0x00, 0x01, // proc PMAPPROC_SET
            0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // cred AUTH_NONE, empty body
            0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // verf AUTH_NONE, empty body
            0x20, 0x05, 0x01, 0x05, // mapping.prog P2PSIM_LOG_PROG
            0x00, 0x00, 0x00, 0x01, // mapping.vers 1
            0x00, 0x00, 0x00, 0x06, // mapping.prot IPPROTO_TCP
            0x00, 0x00, 0x13, 0x88, // mapping.port 5000
        ];
        var actual = PortmapperClient.BuildCallRecord(0x12345678, PortmapperClient.ProcedureSet, LogProgram.Program, 1, 6, 5000);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Unset_call_record_carries_procedure_2_and_udp()
    {
        var actual = PortmapperClient.BuildCallRecord(1, PortmapperClient.ProcedureUnset, LogProgram.Program, 1, 17, 0);
        Assert.Equal(new byte[] { 0, 0, 0, 2 }, actual[24..28]);
        Assert.Equal(new byte[] { 0, 0, 0, 17 }, actual[52..56]);
    }

    [Fact]
    public async Task Nothing_listening_returns_false_quickly()
    {
        TransportEndPoint unbound;
        await using (var probe = await TcpTransport.Instance.BindAsync(new TransportEndPoint("127.0.0.1", 0)))
        {
            unbound = probe.LocalEndPoint;
        }

        var client = new PortmapperClient(TcpTransport.Instance, unbound);
        var watch = Stopwatch.StartNew();
        Assert.False(await client.TryRegisterAsync(LogProgram.Program, 1, PortmapperProtocol.Tcp, 5000));
        Assert.False(await client.TryUnregisterAsync(LogProgram.Program, 1));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task Silent_portmapper_times_out_with_false()
    {
        var transport = new InMemoryNetwork().CreateTransport();
        await using var listener = await transport.BindAsync(new TransportEndPoint("rpcbind", 111));
        var client = new PortmapperClient(transport, listener.LocalEndPoint, TimeSpan.FromMilliseconds(200));
        var register = client.TryRegisterAsync(LogProgram.Program, 1, PortmapperProtocol.Udp, 5000);
        await using var accepted = await listener.AcceptAsync();
        Assert.False(await register);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Answering_portmapper_result_is_returned(bool result)
    {
        var transport = new InMemoryNetwork().CreateTransport();
        await using var listener = await transport.BindAsync(new TransportEndPoint("rpcbind", 111));
        var client = new PortmapperClient(transport, listener.LocalEndPoint, TimeSpan.FromSeconds(10));
        var register = client.TryRegisterAsync(LogProgram.Program, 1, PortmapperProtocol.Tcp, 4242);

        await using var connection = await listener.AcceptAsync();
        Assert.NotNull(connection);
        var record = await new RpcStreamClient(connection.Stream).ReadRecordAsync();
        Assert.NotNull(record);
        var call = RpcMessageCodec.DecodeCall(record);
        Assert.Equal((PortmapperClient.Program, PortmapperClient.Version, PortmapperClient.ProcedureSet), (call.Program, call.Version, call.Procedure));
        var reader = new XdrReader(call.Arguments.Span);
        Assert.Equal((LogProgram.Program, 1u, 6u, 4242u), (reader.ReadUInt32(), reader.ReadUInt32(), reader.ReadUInt32(), reader.ReadUInt32()));

        var results = RpcCalls.Encode(w => w.WriteBoolean(result));
        var message = new ArrayBufferWriter<byte>();
        RpcMessageCodec.WriteReply(message, RpcReplyMessage.Success(call.Xid, results));
        var output = new ArrayBufferWriter<byte>();
        RecordMarking.WriteRecord(output, message.WrittenSpan);
        await connection.Stream.WriteAsync(output.WrittenMemory);

        Assert.Equal(result, await register);
    }
}
