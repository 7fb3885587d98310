using System.Text;
using Microsoft.Extensions.Time.Testing;
using P2PSim.TestKit;
using P2PSim.Transport;

namespace P2PSim.DirectoryServer.Tests;

/// <summary>
/// How a session ends after its reply. A client that sent only its request is closed at once. One that sent more
/// than the session read (bytes after a whole request, or the rest of a malformed one) is half-closed and drained,
/// so its unread bytes cannot turn the close into a reset that destroys the reply; the drain ends when the client
/// closes. The server's clock is a fake one that never moves, so the drain's own time bound never ends it here.
/// </summary>
public sealed class SessionCloseTests
{
    [Fact]
    public async Task A_client_that_sent_only_its_request_is_closed_after_the_reply()
    {
        var (transport, server) = await StartAsync();
        await using (server)
        {
            await using var connection = await transport.ConnectAsync(server.EndPoint);
            await connection.Stream.WriteAsync("REGISTER\0alice\0"u8.ToArray());

            Assert.Equal("0\0"u8.ToArray(), await ReadToEndAsync(connection));
            await Poll.UntilAsync(() => server.Server.ActiveSessions == 0, "the session closed without draining");
            await Assert.ThrowsAsync<IOException>(() => connection.Stream.WriteAsync("late"u8.ToArray()).AsTask());
        }
    }

    [Theory]
    [InlineData("REGISTER\0alice\0EXTRA", "0\0")] // a whole request, then bytes the session never reads
    [InlineData("REGISTER\0alice-the-first-of-a-long-line-of-alices\0", "2\0")] // a malformed request (name too long)
    public async Task A_client_that_sent_more_than_was_read_is_drained_until_it_closes(string sent, string expected)
    {
        var (transport, server) = await StartAsync(userNameLimit: 16);
        await using (server)
        {
            await using var connection = await transport.ConnectAsync(server.EndPoint);
            await connection.Stream.WriteAsync(Encoding.ASCII.GetBytes(sent));

            // The reply, then end of stream: the server half-closed.
            Assert.Equal(Encoding.ASCII.GetBytes(expected), await ReadToEndAsync(connection));

            // Still reading: what the client sends now is taken and discarded, and the session is still running.
            await Task.Delay(50);
            await connection.Stream.WriteAsync("more bytes the server discards"u8.ToArray());
            Assert.Equal(1, server.Server.ActiveSessions);

            connection.ShutdownOutput();
            await Poll.UntilAsync(() => server.Server.ActiveSessions == 0, "the drain ended when the client closed");
        }
    }

    private static async Task<(ITransport Transport, Transport.Hosting.RunningServer<DirectoryServer> Server)> StartAsync(
        int userNameLimit = 256)
    {
        var transport = TestNetwork.Create(TransportKind.InMemory).Transport;
        var options = new DirectoryServerOptions
        {
            TimeProvider = new FakeTimeProvider(),
            RequestTimeout = TimeSpan.FromMinutes(1), // finite: drains happen only then
            Limits = Protocol.FieldLimits.Classic with { UserName = userNameLimit },
        };
        return (transport, await DirectoryServerHost.StartAsync(transport, TestNetwork.AnyPort, options));
    }

    private static async Task<byte[]> ReadToEndAsync(IConnection connection)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await RawClassicClient.ReadToEndAsync(connection.Stream, deadline.Token);
    }
}
