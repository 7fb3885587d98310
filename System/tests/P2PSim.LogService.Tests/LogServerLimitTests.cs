using P2PSim.Rpc;
using P2PSim.Rpc.OncRpc;
using P2PSim.TestKit;
using P2PSim.Transport;
using P2PSim.Transport.Hosting;

namespace P2PSim.LogService.Tests;

/// <summary>
/// Silent connections cannot lock a real sender (a directory server's sink) out of the log service: they do not
/// count toward <see cref="LogServerOptions.MaxConnections"/> until they send a record, the oldest of them gives way
/// when too many wait, and each has only <see cref="LogServerOptions.RequestTimeout"/> to send its first record.
/// </summary>
public sealed class LogServerLimitTests
{
    [Theory]
    [MemberData(nameof(TestNetwork.Kinds), MemberType = typeof(TestNetwork))]
    public async Task Idle_connections_from_the_senders_own_address_do_not_lock_it_out(TransportKind kind)
    {
        var (transport, endPoint) = TestNetwork.Create(kind).Server("log");
        await using var server = await LogServerHost.StartAsync(
            transport, datagramTransport: null, endPoint, new MemoryLogStore(),
            new LogServerOptions { MaxConnections = 4, MaxIdleConnections = 8, IdleTimeout = TimeSpan.FromMinutes(1), RequestTimeout = TimeSpan.FromMinutes(1) });
        var idle = new List<IConnection>();
        try
        {
            for (var i = 0; i < 12; i++)
            {
                idle.Add(await transport.ConnectAsync(server.EndPoint));
            }

            await Poll.UntilAsync(() => server.Server.OpenConnections == 8, "the idle connections accepted (the oldest gave way)");
            Assert.Equal(0, server.Server.ActiveConnections);
            await AssertServesAsync(transport, server);
        }
        finally
        {
            foreach (var connection in idle)
            {
                connection.Abort();
            }
        }
    }

    [Fact]
    public async Task A_connection_has_the_request_timeout_to_send_its_first_record_then_the_idle_timeout()
    {
        var (transport, endPoint) = TestNetwork.Create(TransportKind.InMemory).Server("log");
        await using var server = await LogServerHost.StartAsync(
            transport, datagramTransport: null, endPoint, new MemoryLogStore(),
            new LogServerOptions { IdleTimeout = TimeSpan.FromMinutes(1), RequestTimeout = TimeSpan.FromMilliseconds(200) });

        await using var silent = await transport.ConnectAsync(server.EndPoint);
        Assert.Null(await new RpcStreamClient(silent.Stream).ReadRecordAsync()); // within its own 10 s bound

        // A sender that has called keeps its connection across a quiet period longer than the request timeout.
        await using var sender = await transport.ConnectAsync(server.EndPoint);
        var client = new RpcStreamClient(sender.Stream);
        Assert.Equal(LogProgram.StatusOk, RpcCalls.ReadInt(await client.CallAsync(RpcCalls.LogEntryCall(RpcCalls.Entry(1)))));
        await Task.Delay(600);
        Assert.Equal(LogProgram.StatusOk, RpcCalls.ReadInt(await client.CallAsync(RpcCalls.LogEntryCall(RpcCalls.Entry(2)))));
    }

    private static async Task AssertServesAsync(ITransport transport, RunningServer<LogServer> server)
    {
        await using var good = await transport.ConnectAsync(server.EndPoint);
        var reply = await new RpcStreamClient(good.Stream).CallAsync(RpcCalls.LogEntryCall(RpcCalls.Entry(5)));
        Assert.Equal(ReplyStatus.Accepted, reply.Status);
        Assert.Equal(LogProgram.StatusOk, RpcCalls.ReadInt(reply));
    }
}
