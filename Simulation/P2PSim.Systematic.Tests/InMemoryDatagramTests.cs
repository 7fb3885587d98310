using System.Buffers;
using Microsoft.Coyote.Specifications;
using P2PSim.LogService;
using P2PSim.Rpc;
using P2PSim.Rpc.OncRpc;
using P2PSim.Systematic.Tests.Logging;
using P2PSim.Transport;
using P2PSim.Transport.InMemory;
using Xunit.Abstractions;

namespace P2PSim.Systematic.Tests;

/// <summary>
/// The in-memory datagram transport under Coyote: an echo whose server socket is disposed while its next receive
/// may or may not have started, and the log service's datagram server answering a call and then stopping. Both
/// explore with no deadlock and no uncontrolled concurrency, so UDP code can be tested systematically too.
/// </summary>
public sealed class InMemoryDatagramTests(ITestOutputHelper output)
{
    private readonly CoyoteRunner _coyote = new(output);

    [Theory]
    [InlineData("datagram-echo-then-dispose")]
    [InlineData("datagram-log-server")]
    public void Datagram_scenarios_explore_cleanly(string scenario)
    {
        var report = _coyote.Explore(scenario, CoyoteRunner.Iterations(100));

        Assert.Empty(report.UncontrolledInvocations);
        Assert.Equal(0, report.NumOfFoundBugs);
    }

    internal static async Task EchoThenDisposeAsync()
    {
        var datagrams = new InMemoryNetwork().CreateDatagramTransport();
        var server = await datagrams.BindAsync(new TransportEndPoint("server", 0));
        await using var client = await datagrams.BindAsync(new TransportEndPoint("client", 0));
        var serving = Task.Run(async () =>
        {
            var buffer = new byte[16];
            var echoed = 0;
            while (await server.ReceiveAsync(buffer) is { } datagram)
            {
                await server.SendAsync(buffer.AsMemory(0, datagram.Length), datagram.RemoteEndPoint);
                echoed++;
            }

            return echoed;
        });

        await client.SendAsync(new byte[] { 1, 2 }, server.LocalEndPoint);
        var reply = new byte[16];
        var received = await client.ReceiveAsync(reply);
        Specification.Assert(received is { Length: 2 } && reply[0] == 1 && reply[1] == 2, $"echo returned {received}");

        // The server is between receives, or waiting in one: either way the dispose must end its loop.
        await server.DisposeAsync();
        var echoed = await serving;
        Specification.Assert(echoed == 1, $"the server echoed {echoed} datagrams");
    }

    internal static async Task LogServerAnswersThenStopsAsync()
    {
        var datagrams = new InMemoryNetwork().CreateDatagramTransport();
        var socket = await datagrams.BindAsync(new TransportEndPoint("logd", 0));
        using var stopping = new CancellationTokenSource();
        var run = new DatagramLogServer(new LogRpcDispatcher(new MemoryLogStore())).RunAsync(socket, stopping.Token);

        await using var client = await datagrams.BindAsync(new TransportEndPoint("directory", 0));
        var call = new ArrayBufferWriter<byte>();
        RpcMessageCodec.WriteCall(call, new RpcCallMessage(
            7, LogProgram.Program, LogProgram.Version, LogProgram.ProcedureNull, OpaqueAuth.None, OpaqueAuth.None, ReadOnlyMemory<byte>.Empty));
        await client.SendAsync(call.WrittenMemory, socket.LocalEndPoint);
        var buffer = new byte[IDatagramSocket.MaxDatagramBytes];
        var received = await client.ReceiveAsync(buffer);
        Specification.Assert(received is not null, "no reply");
        var reply = RpcMessageCodec.DecodeReply(buffer.AsSpan(0, received!.Value.Length));
        Specification.Assert(reply.Xid == 7 && reply.AcceptStatus == AcceptStatus.Success, $"reply {reply.Xid} {reply.AcceptStatus}");

        stopping.Cancel(); // Cancel, not CancelAsync: its callbacks would run on a thread Coyote does not control
        await socket.DisposeAsync();
        await run;
    }
}
