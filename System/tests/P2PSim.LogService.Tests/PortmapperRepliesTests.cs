using System.Buffers;
using Microsoft.Extensions.Time.Testing;
using P2PSim.Rpc;
using P2PSim.Rpc.OncRpc;
using P2PSim.Transport;
using P2PSim.Transport.InMemory;

namespace P2PSim.LogService.Tests;

/// <summary>
/// The portmapper client's defaults (127.0.0.1:111, one second on the given clock) and the replies it does not take
/// for a yes: another call's xid, no reply at all; and a reply of up to 4 KiB is read whole.
/// </summary>
public sealed class PortmapperRepliesTests
{
    private readonly ITransport _transport = new InMemoryNetwork().CreateTransport();

    [Fact]
    public void A_transport_is_required()
    {
        Assert.Throws<ArgumentNullException>(() => new PortmapperClient(null!));
    }

    [Fact]
    public async Task By_default_it_calls_127_0_0_1_port_111()
    {
        await using var listener = await _transport.BindAsync(new TransportEndPoint("127.0.0.1", PortmapperClient.DefaultPort));
        var register = new PortmapperClient(_transport).TryRegisterAsync(LogProgram.Program, 1, PortmapperProtocol.Tcp, 5000);

        await AnswerAsync(listener, xid => Reply(xid, true));

        Assert.True(await register.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_reply_to_another_call_is_no()
    {
        await using var listener = await _transport.BindAsync(new TransportEndPoint("rpcbind", 111));
        var client = new PortmapperClient(_transport, listener.LocalEndPoint, TimeSpan.FromSeconds(10));
        var register = client.TryRegisterAsync(LogProgram.Program, 1, PortmapperProtocol.Tcp, 5000);

        await AnswerAsync(listener, xid => Reply(xid + 1, true));

        Assert.False(await register.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_portmapper_that_closes_without_a_reply_is_no()
    {
        await using var listener = await _transport.BindAsync(new TransportEndPoint("rpcbind", 111));
        var client = new PortmapperClient(_transport, listener.LocalEndPoint, TimeSpan.FromSeconds(10));
        var register = client.TryRegisterAsync(LogProgram.Program, 1, PortmapperProtocol.Tcp, 5000);

        await AnswerAsync(listener, _ => null);

        Assert.False(await register.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_reply_of_nearly_4_kib_is_read_whole()
    {
        await using var listener = await _transport.BindAsync(new TransportEndPoint("rpcbind", 111));
        var client = new PortmapperClient(_transport, listener.LocalEndPoint, TimeSpan.FromSeconds(10));
        var register = client.TryRegisterAsync(LogProgram.Program, 1, PortmapperProtocol.Tcp, 5000);

        // TRUE followed by padding: a 4,090-byte message, a 4,094-byte record.
        await AnswerAsync(listener, xid => Reply(xid, true, padding: 4_090 - 28));

        Assert.True(await register.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task The_default_timeout_is_one_second_on_the_given_clock()
    {
        var clock = new FakeTimeProvider();
        await using var listener = await _transport.BindAsync(new TransportEndPoint("rpcbind", 111));
        var register = new PortmapperClient(_transport, listener.LocalEndPoint, timeProvider: clock)
            .TryRegisterAsync(LogProgram.Program, 1, PortmapperProtocol.Tcp, 5000);
        await using var silent = await listener.AcceptAsync();

        clock.Advance(TimeSpan.FromMilliseconds(999));
        await Task.Delay(100);
        Assert.False(register.IsCompleted, "gave up before its second was over");

        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.False(await register.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_given_timeout_runs_on_the_given_clock()
    {
        var clock = new FakeTimeProvider();
        await using var listener = await _transport.BindAsync(new TransportEndPoint("rpcbind", 111));
        var register = new PortmapperClient(_transport, listener.LocalEndPoint, TimeSpan.FromHours(1), clock)
            .TryRegisterAsync(LogProgram.Program, 1, PortmapperProtocol.Tcp, 5000);
        await using var silent = await listener.AcceptAsync();

        clock.Advance(TimeSpan.FromSeconds(1));
        await Task.Delay(100);
        Assert.False(register.IsCompleted, "gave up before its hour was over");

        clock.Advance(TimeSpan.FromHours(1));
        Assert.False(await register.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    /// <summary>Accepts one call and answers it with the record <paramref name="reply"/> makes of its xid (none: close).</summary>
    private static async Task AnswerAsync(IConnectionListener listener, Func<uint, byte[]?> reply)
    {
        await using var connection = await listener.AcceptAsync();
        Assert.NotNull(connection);
        var record = await new RpcStreamClient(connection.Stream).ReadRecordAsync();
        Assert.NotNull(record);
        if (reply(RpcMessageCodec.DecodeCall(record).Xid) is { } bytes)
        {
            await connection.Stream.WriteAsync(bytes);
        }
    }

    private static byte[] Reply(uint xid, bool result, int padding = 0)
    {
        var results = RpcCalls.Encode(w => w.WriteBoolean(result));
        var message = new ArrayBufferWriter<byte>();
        RpcMessageCodec.WriteReply(message, RpcReplyMessage.Success(xid, results.Concat(new byte[padding]).ToArray()));
        var output = new ArrayBufferWriter<byte>();
        RecordMarking.WriteRecord(output, message.WrittenSpan);
        return output.WrittenSpan.ToArray();
    }
}
