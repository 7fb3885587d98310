using P2PSim.DirectoryServer.Sessions;
using P2PSim.Protocol;
using P2PSim.Protocol.Messages;
using P2PSim.Protocol.Sessions;
using P2PSim.TestKit;
using P2PSim.Transport;
using P2PSim.Transport.Hosting;

namespace P2PSim.DirectoryServer.Tests.Sessions;

/// <summary>The server's side of docs/sessions.md, at byte level: the hello, pipelining, bad requests, bad frames.</summary>
public sealed class SessionServerTests
{
    public static TheoryData<TransportKind> Transports => TestNetwork.Kinds;

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task A_hello_gets_the_documented_terms(TransportKind kind)
    {
        var (transport, server) = await StartAsync(kind);
        await using (server)
        {
            await using var session = await RawSession.ConnectAsync(transport, server.EndPoint);
            var expected = "0\u00001\u0000833\u000064\u000015\u000060\0"u8.ToArray();

            var terms = new byte[expected.Length];
            await session.Connection.Stream.ReadExactlyAsync(terms, Timeout());

            Assert.Equal(expected, terms);
        }
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Every_operation_gets_the_spec_codes_over_a_session_and_classic_clients_see_the_same_registry(TransportKind kind)
    {
        var (transport, server) = await StartAsync(kind);
        await using (server)
        {
            await using var session = await RawSession.OpenAsync(transport, server.EndPoint);
            var classic = new RawClassicClient(transport, server.EndPoint);
            uint id = 0;
            Task<DirectoryReply> Send(DirectoryRequest request) => session.SendAsync(++id, request);

            Assert.Equal(0, (await Send(new RegisterRequest(null, "alice"))).Code);
            Assert.Equal(1, (await Send(new RegisterRequest("24/11/2026 20:15:00", "alice"))).Code);
            Assert.Equal(2, (await Send(new PublishRequest(null, "alice", "a.txt", "x"))).Code);
            Assert.Equal(1, (await Send(new ConnectRequest(null, "ghost", 7000))).Code);
            Assert.Equal(0, (await Send(new ConnectRequest(null, "alice", 7000))).Code);
            Assert.Equal(2, (await classic.SendAsync(new ConnectRequest(null, "alice", 7000))).Code);
            Assert.Equal(0, (await Send(new PublishRequest(null, "alice", "a.txt", "first file"))).Code);
            Assert.Equal(3, (await Send(new PublishRequest(null, "alice", "a.txt", "again"))).Code);

            Assert.Equal([new UserEntry("alice", "127.0.0.1", 7000)], (await Send(new ListUsersRequest(null, "alice"))).Users);
            Assert.Equal([new ContentEntry("a.txt", "first file")], (await Send(new ListContentRequest(null, "alice", "alice"))).Files);
            Assert.Equal(3, (await Send(new ListContentRequest(null, "alice", "nobody"))).Code);
            Assert.Equal(0, (await classic.SendAsync(new RegisterRequest(null, "bob"))).Code);
            Assert.Equal(0, (await classic.SendAsync(new ConnectRequest(null, "bob", 7001))).Code);
            Assert.Equal([new UserEntry("alice", "127.0.0.1", 7000)], (await Send(new FindSourcesRequest(null, "bob", "a.txt"))).Users);
            Assert.Equal([new SearchHit("alice", "a.txt", "first file")], (await Send(new SearchRequest(null, "bob", "FIRST", 10))).Hits);

            Assert.Equal(3, (await Send(new DeleteRequest(null, "alice", "missing.txt"))).Code);
            Assert.Equal(0, (await Send(new DeleteRequest(null, "alice", "a.txt"))).Code);
            Assert.Equal(0, (await Send(new DisconnectRequest(null, "alice"))).Code);
            Assert.Equal(2, (await Send(new DisconnectRequest(null, "alice"))).Code);
            Assert.Equal(2, (await Send(new ListUsersRequest(null, "alice"))).Code);
            Assert.Equal(0, (await Send(new UnregisterRequest(null, "alice"))).Code);
            Assert.Equal(1, (await Send(new UnregisterRequest(null, "alice"))).Code);
            Assert.Equal(["bob"], server.Registry.Snapshot().Select(u => u.Name));
        }
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Pipelined_requests_in_one_write_are_answered_in_order_with_their_codes(TransportKind kind)
    {
        var (transport, server) = await StartAsync(kind);
        await using (server)
        {
            await using var session = await RawSession.OpenAsync(transport, server.EndPoint);
            // 300 requests, well past the window of 64: each user registered (0), then again (1), then connected (0).
            var requests = new List<(DirectoryRequest Request, int Code)>();
            for (var i = 0; i < 100; i++)
            {
                requests.Add((new RegisterRequest(null, $"u{i}"), 0));
                requests.Add((new RegisterRequest(null, $"u{i}"), 1));
                requests.Add((new ConnectRequest(null, $"u{i}", 4000 + i), 0));
            }

            await session.WriteAsync([.. requests.Select((r, i) => RawSession.Request((uint)i + 1, r.Request))]);

            for (var i = 0; i < requests.Count; i++)
            {
                var reply = await session.ReadReplyAsync((uint)i + 1, requests[i].Request.Operation);
                Assert.Equal(requests[i].Code, reply.Code);
            }

            Assert.Equal(100, server.Registry.Snapshot().Count(u => u.Connected));
        }
    }

    [Fact]
    public async Task Frames_sent_right_behind_the_hello_are_answered()
    {
        var (transport, server) = await StartAsync(TransportKind.InMemory);
        await using (server)
        {
            byte[] first = [.. RawSession.Hello(), .. RawSession.Request(1, new RegisterRequest(null, "alice"))];
            await using var session = await RawSession.ConnectAsync(transport, server.EndPoint, first);
            var terms = new byte[17];
            await session.Connection.Stream.ReadExactlyAsync(terms, Timeout());

            Assert.Equal(0, (await session.ReadReplyAsync(1, Operation.Register)).Code);
        }
    }

    [Theory]
    [InlineData("REGISTER\0alice", "2\0")] // ends inside its user name
    [InlineData("REGISTER\0bob\0junk", "2\0")] // bytes after the request
    [InlineData("CONNECT\0alice\0port\0", "3\0")]
    [InlineData("PUBLISH\0alice\0my song.mp3\0a song\0", "4\0")]
    [InlineData("SHOUT\0alice\0", "-1\0")] // unknown operation
    [InlineData("", "-1\0")] // no request at all
    public async Task A_bad_request_gets_its_error_code_and_the_session_goes_on(string body, string expected)
    {
        var (transport, server) = await StartAsync(TransportKind.InMemory);
        await using (server)
        {
            await using var session = await RawSession.OpenAsync(transport, server.EndPoint);
            await session.WriteAsync(RawSession.Frame(SessionFrameKind.Request, 5, System.Text.Encoding.UTF8.GetBytes(body)));

            var reply = await session.ReadFrameAsync();
            Assert.Equal((SessionFrameKind.Reply, 5u), (reply!.Value.Kind, reply.Value.Id));
            Assert.Equal(System.Text.Encoding.ASCII.GetBytes(expected), reply.Value.Body);
            Assert.Equal(0, (await session.SendAsync(6, new RegisterRequest(null, "carol"))).Code);
        }
    }

    public static TheoryData<byte[], SessionCloseCode> BadFrames => new()
    {
        { [0, 0, 0x03, 0x3E, 1, 0, 0, 0, 1], SessionCloseCode.FrameTooLarge }, // 830 bytes after the length: 834 in all, one over
        { [0xFF, 0xFF, 0xFF, 0xFF], SessionCloseCode.FrameTooLarge },
        { [0, 0, 0, 2, 1, 0], SessionCloseCode.Malformed }, // shorter than its header
        { [0, 0, 0, 5, 9, 0, 0, 0, 1], SessionCloseCode.Malformed }, // kind 9
        { [0, 0, 0, 7, 2, 0, 0, 0, 1, 0x30, 0], SessionCloseCode.Malformed }, // a reply, from a client
    };

    [Theory]
    [MemberData(nameof(BadFrames))]
    public async Task A_bad_frame_ends_its_session_with_the_reason_and_others_are_still_served(byte[] frame, SessionCloseCode code)
    {
        var (transport, server) = await StartAsync(TransportKind.InMemory);
        await using (server)
        {
            await using var bad = await RawSession.OpenAsync(transport, server.EndPoint);
            await using var good = await RawSession.OpenAsync(transport, server.EndPoint);
            await bad.WriteAsync(frame);

            var close = await bad.ReadFrameAsync();
            Assert.Equal(SessionFrameKind.Close, close!.Value.Kind);
            Assert.Equal(code, SessionCloseCodec.Read(new(close.Value.Body)).Code);
            Assert.Null(await bad.ReadFrameAsync());
            Assert.Equal(0, (await good.SendAsync(1, new RegisterRequest(null, "alice"))).Code);
        }
    }

    [Fact]
    public async Task A_frame_at_the_limit_is_read_whole()
    {
        var (transport, server) = await StartAsync(TransportKind.InMemory);
        await using (server)
        {
            await using var session = await RawSession.OpenAsync(transport, server.EndPoint);
            // The longest valid PUBLISH: every field at its limit, plus a timestamp.
            var publish = new PublishRequest("24/11/2026 20:15:00", new string('u', 256), new string('f', 256), new string('d', 256));
            var frame = RawSession.Request(1, publish);
            Assert.True(frame.Length <= session.Terms!.MaxFrameBytes, $"{frame.Length} bytes");

            Assert.Equal(1, (await session.SendAsync(1, publish)).Code); // not registered: 1, and the session goes on
            Assert.Equal(0, (await session.SendAsync(2, new RegisterRequest(null, "alice"))).Code);
        }
    }

    [Fact]
    public async Task A_ping_gets_a_pong_with_its_id()
    {
        var (transport, server) = await StartAsync(TransportKind.InMemory);
        await using (server)
        {
            await using var session = await RawSession.OpenAsync(transport, server.EndPoint);
            await session.WriteAsync(RawSession.Frame(SessionFrameKind.Ping, 0xDEADBEEF, []));

            var pong = await session.ReadFrameAsync();

            Assert.Equal((SessionFrameKind.Pong, 0xDEADBEEFu, 0), (pong!.Value.Kind, pong.Value.Id, pong.Value.Body.Length));
        }
    }

    [Fact]
    public async Task A_close_from_the_client_ends_the_session()
    {
        var (transport, server) = await StartAsync(TransportKind.InMemory);
        await using (server)
        {
            await using var session = await RawSession.OpenAsync(transport, server.EndPoint);
            await session.WriteAsync(RawSession.Frame(SessionFrameKind.Close, 0, "0\0done\0"u8));

            Assert.Null(await session.ReadFrameAsync());
            await Poll.UntilAsync(() => server.Server.ActiveSessions == 0, "the session ended");
        }
    }

    [Fact]
    public async Task With_sessions_off_a_hello_is_an_unknown_operation_as_on_a_classic_server()
    {
        var (transport, server) = await StartAsync(TransportKind.InMemory, new DirectoryServerOptions { Sessions = new SessionOptions { Enabled = false } });
        await using (server)
        {
            var reply = await new RawClassicClient(transport, server.EndPoint).SendBytesAsync(RawSession.Hello());

            Assert.Equal("-1\0"u8.ToArray(), reply);
        }
    }

    [Fact]
    public async Task A_stopping_server_closes_its_sessions_at_once_instead_of_waiting_out_the_drain()
    {
        var options = new DirectoryServerOptions { DrainTimeout = TimeSpan.FromMinutes(5) };
        var (transport, server) = await StartAsync(TransportKind.InMemory, options);
        await using var session = await RawSession.OpenAsync(transport, server.EndPoint);
        Assert.Equal(0, (await session.SendAsync(1, new RegisterRequest(null, "alice"))).Code);

        await Bounded.WaitAsync(server.DisposeAsync().AsTask(), Bounded.Default, "the server to stop with a session open");

        var close = await session.ReadFrameAsync();
        Assert.Equal(SessionFrameKind.Close, close!.Value.Kind);
        Assert.Equal((SessionCloseCode.Normal, "The server is stopping."), SessionCloseCodec.Read(new(close.Value.Body)));
    }

    private static CancellationToken Timeout() => new CancellationTokenSource(Bounded.Default).Token;

    internal static async Task<(ITransport Transport, RunningServer<DirectoryServer> Server)> StartAsync(
        TransportKind kind, DirectoryServerOptions? options = null)
    {
        var transport = TestNetwork.Create(kind).Transport;
        return (transport, await DirectoryServerHost.StartAsync(transport, TestNetwork.AnyPort, options));
    }
}
