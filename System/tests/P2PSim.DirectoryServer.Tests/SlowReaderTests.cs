using System.Buffers;
using System.Text;
using P2PSim.DirectoryServer.Sessions;
using P2PSim.Protocol.Sessions;
using P2PSim.TestKit;
using P2PSim.Transport;

namespace P2PSim.DirectoryServer.Tests;

/// <summary>
/// A client that stops reading its replies is dropped at the timeout with a reset (abort), not a graceful close: a
/// graceful close would leave the unsent reply in the kernel's buffers, retried for minutes, for every such client.
/// </summary>
public sealed class SlowReaderTests
{
    [Fact]
    public async Task A_classic_client_that_does_not_read_its_reply_is_aborted_at_the_request_timeout()
    {
        var transport = new StallingTransport(TestNetwork.Create(TransportKind.InMemory).Transport);
        await using var server = await DirectoryServerHost.StartAsync(
            transport, new TransportEndPoint("127.0.0.1", 0), new DirectoryServerOptions { RequestTimeout = TimeSpan.FromMilliseconds(200) });

        await using var slow = await transport.ConnectAsync(server.EndPoint);
        await slow.Stream.WriteAsync(Encoding.ASCII.GetBytes("REGISTER\0alice\0"));

        await Poll.UntilAsync(() => transport.Accepted.Count == 1 && transport.Accepted[0].Disposed, "the slow reader dropped");
        Assert.True(transport.Accepted[0].Aborted, "dropped with a reset, not a graceful close");
    }

    [Fact]
    public async Task A_session_client_that_does_not_read_its_replies_is_aborted_at_the_write_timeout()
    {
        var transport = new StallingTransport(TestNetwork.Create(TransportKind.InMemory).Transport);
        await using var server = await DirectoryServerHost.StartAsync(
            transport,
            new TransportEndPoint("127.0.0.1", 0),
            new DirectoryServerOptions { Sessions = new SessionOptions { WriteTimeout = TimeSpan.FromMilliseconds(200) } });

        await using var slow = await transport.ConnectAsync(server.EndPoint);
        var hello = new ArrayBufferWriter<byte>();
        SessionHelloCodec.WriteHello(hello);
        await slow.Stream.WriteAsync(hello.WrittenMemory);

        await Poll.UntilAsync(() => transport.Accepted.Count == 1 && transport.Accepted[0].Disposed, "the slow reader dropped");
        Assert.True(transport.Accepted[0].Aborted, "dropped with a reset, not a graceful close");
    }
}
