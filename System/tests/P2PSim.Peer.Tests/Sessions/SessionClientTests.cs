using System.Buffers;
using Microsoft.Extensions.Time.Testing;
using P2PSim.DirectoryServer;
using P2PSim.DirectoryServer.Sessions;
using P2PSim.Peer.Sessions;
using P2PSim.Peer.Tests.Infrastructure;
using P2PSim.Protocol;
using P2PSim.Protocol.Messages;
using P2PSim.Protocol.Sessions;
using P2PSim.TestKit;
using P2PSim.Transport;

namespace P2PSim.Peer.Tests.Sessions;

public sealed class SessionClientTests
{
    private static readonly SessionClientOptions Options = new() { Timeout = TimeSpan.FromSeconds(30) };

    [Theory]
    [MemberData(nameof(TestNetwork.Kinds), MemberType = typeof(TestNetwork))]
    public async Task Every_operation_gets_the_spec_result_codes_over_a_session(TransportKind kind)
    {
        var network = TestNetwork.Create(kind);
        await using var server = await DirectoryServerHost.StartAsync(network.Transport, TestNetwork.AnyPort);
        await using var session = await OpenAsync(network.Transport, server.EndPoint);

        await ResultCodeTable.RunAsync(request => session.SendAsync(request, TestData.Timeout()));
    }

    [Fact]
    public async Task Sessions_and_classic_clients_mixed_request_by_request_see_one_registry()
    {
        var network = TestNetwork.Create(TransportKind.InMemory);
        await using var server = await DirectoryServerHost.StartAsync(network.Transport, TestNetwork.AnyPort);
        await using var session = await OpenAsync(network.Transport, server.EndPoint);
        var classic = new DirectoryClient(network.Transport, server.EndPoint);
        var turn = 0;

        await ResultCodeTable.RunAsync(request => turn++ % 2 == 0 ? session.SendAsync(request, TestData.Timeout()) : classic.SendAsync(request, TestData.Timeout()));
    }

    [Theory]
    [MemberData(nameof(TestNetwork.Kinds), MemberType = typeof(TestNetwork))]
    public async Task Many_callers_on_one_session_each_get_the_reply_to_their_own_request(TransportKind kind)
    {
        var network = TestNetwork.Create(kind);
        await using var server = await DirectoryServerHost.StartAsync(network.Transport, TestNetwork.AnyPort);
        await using var session = await OpenAsync(network.Transport, server.EndPoint);

        // 200 callers, past the window of 64: each works on its own user, so its codes do not depend on the others.
        var callers = Enumerable.Range(0, 200).Select(async i =>
        {
            var user = $"u{i}";
            Assert.Equal(0, (await session.SendAsync(new RegisterRequest(null, user))).Code);
            Assert.Equal(0, (await session.SendAsync(new ConnectRequest(null, user, 4000 + i))).Code);
            Assert.Equal(0, (await session.SendAsync(new PublishRequest(null, user, $"f{i}.txt", $"file of {user}"))).Code);
            var files = await session.SendAsync(new ListContentRequest(null, user, user));
            Assert.Equal([new ContentEntry($"f{i}.txt", $"file of {user}")], files.Files);
        });
        await Bounded.WaitAsync(Task.WhenAll(callers), Bounded.Default, "200 callers on one session");

        Assert.Equal(0, session.InFlight);
        Assert.Equal(200, server.Registry.Snapshot().Count(u => u.Connected));
    }

    [Theory]
    [InlineData(new byte[] { 0x2D, 0x31, 0x00 })]
    [InlineData(new byte[] { 0xFF })]
    [InlineData(new byte[] { 0x2D, 0x31 })]
    public async Task A_classic_server_declines_and_the_caller_learns_it_without_an_exception(byte[] answer)
    {
        var network = TestNetwork.Create(TransportKind.InMemory);
        await using var classic = await ScriptedServer.StartAsync(network.Transport, async (connection, ct) =>
        {
            await ScriptedServer.ReadFieldsAsync(connection.Stream, 2, ct); // "SESSION\0" "1\0"
            await connection.Stream.WriteAsync(answer, ct);
        });

        Assert.Null(await DirectorySessionClient.TryOpenAsync(network.Transport, classic.EndPoint, Options, TestData.Timeout()));
    }

    [Fact]
    public async Task A_server_with_sessions_off_declines_and_still_serves_classic_clients()
    {
        var network = TestNetwork.Create(TransportKind.InMemory);
        var options = new DirectoryServerOptions { Sessions = new SessionOptions { Enabled = false } };
        await using var server = await DirectoryServerHost.StartAsync(network.Transport, TestNetwork.AnyPort, options);

        Assert.Null(await DirectorySessionClient.TryOpenAsync(network.Transport, server.EndPoint, Options, TestData.Timeout()));
        Assert.Equal(0, (await new DirectoryClient(network.Transport, server.EndPoint).RegisterAsync("alice", TestData.Timeout())).Code);
    }

    [Fact]
    public async Task No_server_at_all_is_one_clear_exception()
    {
        var network = TestNetwork.Create(TransportKind.Tcp);
        var nowhere = await network.UnusedEndPointAsync();

        var error = await Assert.ThrowsAsync<DirectoryUnavailableException>(() =>
            DirectorySessionClient.TryOpenAsync(network.Transport, nowhere, Options, TestData.Timeout()));

        Assert.Contains("refused the connection", error.Message, StringComparison.Ordinal);
        Assert.Contains("Check that the server is running", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_late_reply_ends_the_session_and_every_later_call_fails_at_once()
    {
        var network = TestNetwork.Create(TransportKind.InMemory);
        await using var silent = await ScriptedServer.StartAsync(network.Transport, async (connection, ct) =>
        {
            await ScriptedServer.ReadFieldsAsync(connection.Stream, 2, ct);
            await connection.Stream.WriteAsync(Terms(heartbeat: 0), ct);
            await Task.Delay(Timeout.Infinite, ct); // reads nothing, answers nothing
        });
        var options = Options with { Timeout = TimeSpan.FromMilliseconds(300) };
        await using var session = (await DirectorySessionClient.TryOpenAsync(network.Transport, silent.EndPoint, options, TestData.Timeout()))!;

        var late = await Assert.ThrowsAsync<DirectoryUnavailableException>(() => session.SendAsync(new RegisterRequest(null, "alice")));
        var after = await Assert.ThrowsAsync<DirectoryUnavailableException>(() => session.SendAsync(new RegisterRequest(null, "bob")));

        Assert.Contains("did not send the REGISTER reply within 0.3 s", late.Message, StringComparison.Ordinal);
        Assert.Contains("ended the session earlier", after.Message, StringComparison.Ordinal);
        Assert.False(session.IsOpen);
    }

    [Fact]
    public async Task A_call_waiting_for_the_window_fails_too_when_the_session_ends()
    {
        var network = TestNetwork.Create(TransportKind.InMemory);
        var requestRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var hangUp = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var oneAtATime = await ScriptedServer.StartAsync(network.Transport, async (connection, ct) =>
        {
            await ScriptedServer.ReadFieldsAsync(connection.Stream, 2, ct);
            var terms = new ArrayBufferWriter<byte>();
            SessionHelloCodec.WriteTerms(terms, new SessionTerms(1, 833, 1, 0, 0)); // a window of one
            await connection.Stream.WriteAsync(terms.WrittenMemory, ct);
            _ = await connection.Stream.ReadAsync(new byte[64], ct);
            requestRead.TrySetResult();
            await hangUp.Task.WaitAsync(ct);
            connection.Abort(); // no reply, no Close: the connection just ends
        });
        var options = Options with { Timeout = Timeout.InfiniteTimeSpan }; // only the session's end can wake the callers
        await using var session = (await DirectorySessionClient.TryOpenAsync(network.Transport, oneAtATime.EndPoint, options, TestData.Timeout()))!;

        var first = session.SendAsync(new RegisterRequest(null, "alice"));
        await Bounded.WaitAsync(requestRead.Task, Bounded.Default, "the first request to reach the server");
        var second = session.SendAsync(new RegisterRequest(null, "bob")); // waits for the window
        Assert.False(second.IsCompleted);
        hangUp.TrySetResult();

        await Assert.ThrowsAsync<DirectoryUnavailableException>(() => Bounded.WaitAsync(first, Bounded.Default, "the first call to fail"));
        await Assert.ThrowsAsync<DirectoryUnavailableException>(() => Bounded.WaitAsync(second, Bounded.Default, "the waiting call to fail"));
    }

    [Fact]
    public async Task A_reply_with_the_wrong_id_breaks_the_session_as_a_protocol_error()
    {
        var network = TestNetwork.Create(TransportKind.InMemory);
        await using var confused = await ScriptedServer.StartAsync(network.Transport, async (connection, ct) =>
        {
            await ScriptedServer.ReadFieldsAsync(connection.Stream, 2, ct);
            await connection.Stream.WriteAsync(Terms(heartbeat: 0), ct);
            var request = new byte[64];
            _ = await connection.Stream.ReadAsync(request, ct);
            await connection.Stream.WriteAsync(Frame(SessionFrameKind.Reply, 99, "0\0"u8), ct);
            await Task.Delay(Timeout.Infinite, ct);
        });
        await using var session = (await DirectorySessionClient.TryOpenAsync(network.Transport, confused.EndPoint, Options, TestData.Timeout()))!;

        var error = await Assert.ThrowsAsync<ProtocolException>(() => session.SendAsync(new RegisterRequest(null, "alice")));

        Assert.Contains("Reply 99 came where reply 1 was due", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stopping_server_ends_the_session_and_the_reason_reaches_the_caller()
    {
        var network = TestNetwork.Create(TransportKind.InMemory);
        var server = await DirectoryServerHost.StartAsync(network.Transport, TestNetwork.AnyPort);
        await using var session = await OpenAsync(network.Transport, server.EndPoint);
        Assert.Equal(0, (await session.SendAsync(new RegisterRequest(null, "alice"))).Code);

        await server.DisposeAsync();
        await Poll.UntilAsync(() => !session.IsOpen, "the session to see the server's Close");

        var error = await Assert.ThrowsAsync<DirectoryUnavailableException>(() => session.SendAsync(new RegisterRequest(null, "bob")));
        Assert.Contains("The server is stopping.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disposing_the_client_ends_its_session_on_the_server()
    {
        var network = TestNetwork.Create(TransportKind.InMemory);
        await using var server = await DirectoryServerHost.StartAsync(network.Transport, TestNetwork.AnyPort);
        var session = await OpenAsync(network.Transport, server.EndPoint);
        Assert.Equal(0, (await session.SendAsync(new RegisterRequest(null, "alice"))).Code);
        Assert.Equal(1, server.Server.ActiveSessions);

        await session.DisposeAsync();

        await Poll.UntilAsync(() => server.Server.ActiveSessions == 0, "the server's side of the session to end");
        await Assert.ThrowsAsync<ObjectDisposedException>(() => session.SendAsync(new RegisterRequest(null, "bob")));
    }

    [Fact]
    public async Task A_client_with_nothing_to_send_pings_every_heartbeat()
    {
        var network = TestNetwork.Create(TransportKind.InMemory);
        var clock = new FakeTimeProvider();
        var pinged = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var listening = await ScriptedServer.StartAsync(network.Transport, async (connection, ct) =>
        {
            await ScriptedServer.ReadFieldsAsync(connection.Stream, 2, ct);
            await connection.Stream.WriteAsync(Terms(heartbeat: 5), ct);
            var frame = new byte[SessionFrameCodec.HeaderLength];
            await connection.Stream.ReadExactlyAsync(frame, ct);
            pinged.TrySetResult(frame);
            await Task.Delay(Timeout.Infinite, ct);
        });
        var options = Options with { TimeProvider = clock };
        await using var session = (await DirectorySessionClient.TryOpenAsync(network.Transport, listening.EndPoint, options, TestData.Timeout()))!;

        // The heartbeat loop may start its wait a moment after the open: advance a second at a time.
        for (var i = 0; i < 60 && !pinged.Task.IsCompleted; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(pinged.Task, Task.Delay(20));
        }

        var ping = await Bounded.WaitAsync(pinged.Task, Bounded.Default, "a ping from the silent client");
        Assert.Equal((byte)SessionFrameKind.Ping, ping[4]);
    }

    [Fact]
    public async Task A_server_that_sends_nothing_not_even_a_pong_for_the_heartbeat_and_the_timeout_is_gone()
    {
        var network = TestNetwork.Create(TransportKind.InMemory);
        var clock = new FakeTimeProvider();
        await using var frozen = await ScriptedServer.StartAsync(network.Transport, async (connection, ct) =>
        {
            await ScriptedServer.ReadFieldsAsync(connection.Stream, 2, ct);
            await connection.Stream.WriteAsync(Terms(heartbeat: 5), ct);
            var sink = new byte[256];
            while (await connection.Stream.ReadAsync(sink, ct) > 0)
            {
                // Takes the pings and answers none: a host that froze, or a network cut beyond the last router.
            }
        });
        var options = Options with { TimeProvider = clock, Timeout = TimeSpan.FromSeconds(10) };
        await using var session = (await DirectorySessionClient.TryOpenAsync(network.Transport, frozen.EndPoint, options, TestData.Timeout()))!;

        for (var i = 0; i < 120 && !session.Ended.IsCompleted; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(session.Ended, Task.Delay(20));
        }

        var reason = await Bounded.WaitAsync(session.Ended, Bounded.Default, "the session to end");
        Assert.IsType<DirectoryUnavailableException>(reason);
        Assert.Contains("not even a PONG", reason.Message, StringComparison.Ordinal);
        Assert.False(session.IsOpen);
    }

    private static async Task<DirectorySessionClient> OpenAsync(ITransport transport, TransportEndPoint server) =>
        await DirectorySessionClient.TryOpenAsync(transport, server, Options, TestData.Timeout())
        ?? throw new InvalidOperationException("The server declined the session.");

    private static byte[] Terms(int heartbeat)
    {
        var output = new ArrayBufferWriter<byte>();
        SessionHelloCodec.WriteTerms(output, new SessionTerms(1, 833, 64, heartbeat, 0));
        return output.WrittenSpan.ToArray();
    }

    private static byte[] Frame(SessionFrameKind kind, uint id, ReadOnlySpan<byte> body)
    {
        var output = new ArrayBufferWriter<byte>();
        SessionFrameCodec.Write(output, kind, id, body);
        return output.WrittenSpan.ToArray();
    }
}
