using Microsoft.Extensions.Time.Testing;
using P2PSim.DirectoryServer.Sessions;
using P2PSim.DirectoryServer.Tests.Accounts;
using P2PSim.Protocol;
using P2PSim.Protocol.Messages;
using P2PSim.Protocol.Sessions;
using P2PSim.TestKit;
using P2PSim.Transport;
using P2PSim.Transport.Hosting;

namespace P2PSim.DirectoryServer.Tests.Sessions;

/// <summary>
/// docs/sessions.md §7: a user connected over a session that is lost without DISCONNECT stays listed for the grace
/// period, then is disconnected and reported as a DISCONNECT; a new session's CONNECT within the grace resumes it
/// without a flap. The grace runs on a fake clock, so the tests decide when it ends.
/// </summary>
public sealed class PresenceTests
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    public static TheoryData<TransportKind> Transports => TestNetwork.Kinds;

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task A_lost_session_leaves_its_user_listed_for_the_grace_then_disconnects_it_once(TransportKind kind)
    {
        await using var test = await PresenceServer.StartAsync(kind);
        await test.RegisterAsync("bob", 7001);
        var lost = await test.ConnectedSessionAsync("alice", 7000);

        lost.Connection.Abort();
        await test.OrphanedAsync(1);
        Assert.Equal(["alice", "bob"], await test.ListedAsync());

        test.Clock.Advance(Grace - TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, test.Server.Server.PresenceGracePending);
        Assert.Equal(["alice", "bob"], await test.ListedAsync());

        test.Clock.Advance(TimeSpan.FromMilliseconds(1));
        await test.SettledAsync();
        Assert.Equal(["bob"], await test.ListedAsync());
        var disconnect = Assert.Single(test.Sink.Records, r => r.Operation == Operation.Disconnect);
        Assert.Equal(("alice", 0, null), (disconnect.User, disconnect.ResultCode, disconnect.Timestamp));
        await lost.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task A_new_session_connecting_within_the_grace_resumes_the_user_without_a_flap(TransportKind kind)
    {
        await using var test = await PresenceServer.StartAsync(kind);
        await test.RegisterAsync("bob", 7001);
        var lost = await test.ConnectedSessionAsync("alice", 7000);
        await using (lost)
        {
            await lost.SendAsync(9, new PublishRequest(null, "alice", "a.txt", "kept"));
            lost.Connection.Abort();
        }

        await test.OrphanedAsync(1);
        await using var resumed = await RawSession.OpenAsync(test.Transport, test.Server.EndPoint);
        Assert.Equal(0, (await resumed.SendAsync(1, new ConnectRequest(null, "alice", 7100))).Code);

        test.Clock.Advance(Grace);
        await test.SettledAsync();
        Assert.Equal([new UserEntry("alice", "127.0.0.1", 7100), new UserEntry("bob", "127.0.0.1", 7001)], await test.UsersAsync());
        Assert.DoesNotContain(test.Sink.Records, r => r.Operation == Operation.Disconnect);
        Assert.Equal([new ContentEntry("a.txt", "kept")], (await resumed.SendAsync(2, new ListContentRequest(null, "alice", "alice"))).Files);

        // The presence now follows the new session: losing it starts a new grace period.
        resumed.Connection.Abort();
        await test.OrphanedAsync(1);
        test.Clock.Advance(Grace);
        await test.SettledAsync();
        Assert.Equal(["bob"], await test.ListedAsync());
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task A_user_that_disconnected_starts_no_grace_and_a_stopping_server_leaves_its_users_to_resume(TransportKind kind)
    {
        await using var test = await PresenceServer.StartAsync(kind);
        await test.RegisterAsync("bob", 7001);
        await using (var orderly = await test.ConnectedSessionAsync("alice", 7000))
        {
            Assert.Equal(0, (await orderly.SendAsync(9, new DisconnectRequest(null, "alice"))).Code);
            orderly.Connection.Abort();
        }

        await test.ClosedAsync();
        Assert.Equal(0, test.Server.Server.PresenceGracePending);
        Assert.Single(test.Sink.Records, r => r.Operation == Operation.Disconnect); // alice's own

        // A stopping server orphans its sessions' users and runs no grace: a registry that outlives the server
        // (shared, durable) keeps them for their peers to resume on the next one.
        await using var open = await test.ConnectedSessionAsync("carol", 7002);
        await test.Server.DisposeAsync();
        Assert.Equal(0, test.Server.Server.PresenceGracePending);
        Assert.Contains(test.Server.Registry.Snapshot(), u => u.Name == "carol" && u.Connected);
        await using var next = await DirectoryServerHost.StartAsync(test.Transport, TestNetwork.AnyPort, registry: test.Server.Registry);
        await using var resumed = await RawSession.OpenAsync(test.Transport, next.EndPoint);
        Assert.Equal(0, (await resumed.SendAsync(1, new ConnectRequest(null, "carol", 7102))).Code);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task A_classic_client_cannot_take_over_an_orphaned_user_and_a_classic_connect_is_no_session_to_lose(TransportKind kind)
    {
        await using var test = await PresenceServer.StartAsync(kind);
        await test.RegisterAsync("bob", 7001);
        var lost = await test.ConnectedSessionAsync("alice", 7000);
        lost.Connection.Abort();
        await test.OrphanedAsync(1);

        var classic = new RawClassicClient(test.Transport, test.Server.EndPoint);
        Assert.Equal(2, (await classic.SendAsync(new ConnectRequest(null, "alice", 7666))).Code);

        test.Clock.Advance(Grace);
        await test.SettledAsync();
        Assert.Equal(["bob"], await test.ListedAsync());
        Assert.Equal(0, (await classic.SendAsync(new ConnectRequest(null, "alice", 7666))).Code); // free again, the classic way
        await lost.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task An_accounts_owner_takes_its_presence_to_a_new_session_before_the_old_one_is_noticed_lost(TransportKind kind)
    {
        await using var test = await PresenceServer.StartAsync(kind);
        await test.RegisterAsync("bob", 7001);
        await using var first = await RawSession.OpenAsync(test.Transport, test.Server.EndPoint);
        Assert.Equal((int)AccountResult.Created, await first.AccountAsync(1, AccountOperation.Create, "alice", "correct horse battery"));
        Assert.Equal(0, (await first.SendAsync(2, new ConnectRequest(null, "alice", 7000))).Code);

        // Another session, not logged in, cannot (the account is protected); a classic client neither.
        await using var stranger = await RawSession.OpenAsync(test.Transport, test.Server.EndPoint);
        Assert.Equal(3, (await stranger.SendAsync(1, new ConnectRequest(null, "alice", 7666))).Code);

        // The owner on a second session: the first one still looks alive to the server (a network cut, say).
        await using var second = await RawSession.OpenAsync(test.Transport, test.Server.EndPoint);
        Assert.Equal((int)LoginResult.LoggedIn, await second.AccountAsync(1, AccountOperation.Login, "alice", "correct horse battery"));
        Assert.Equal(0, (await second.SendAsync(2, new ConnectRequest(null, "alice", 7100))).Code);

        // When the first session is lost at last, nothing happens: the presence is the second one's now.
        first.Connection.Abort();
        await test.ClosedAsync(open: 2);
        Assert.Equal(0, test.Server.Server.PresenceGracePending);
        Assert.Equal([new UserEntry("alice", "127.0.0.1", 7100), new UserEntry("bob", "127.0.0.1", 7001)], await test.UsersAsync());
    }

    [Fact]
    public async Task A_grace_of_zero_disconnects_at_once()
    {
        await using var test = await PresenceServer.StartAsync(TransportKind.InMemory, TimeSpan.Zero);
        await test.RegisterAsync("bob", 7001);
        var lost = await test.ConnectedSessionAsync("alice", 7000);
        lost.Connection.Abort();

        await Poll.UntilAsync(() => !test.Server.Registry.Snapshot().Single(u => u.Name == "alice").Connected, "alice disconnected at once");
        Assert.Single(test.Sink.Records, r => r.Operation == Operation.Disconnect);
        await lost.DisposeAsync();
    }

    /// <summary>A server on a fake clock with a recording sink, and "bob" connected the classic way to list with.</summary>
    private sealed class PresenceServer : IAsyncDisposable
    {
        private PresenceServer(ITransport transport, RunningServer<DirectoryServer> server, FakeTimeProvider clock, RecordingOperationSink sink)
        {
            Transport = transport;
            Server = server;
            Clock = clock;
            Sink = sink;
        }

        public ITransport Transport { get; }

        public RunningServer<DirectoryServer> Server { get; }

        public FakeTimeProvider Clock { get; }

        public RecordingOperationSink Sink { get; }

        public static async Task<PresenceServer> StartAsync(TransportKind kind, TimeSpan? grace = null)
        {
            var clock = new FakeTimeProvider();
            var sink = new RecordingOperationSink();
            var options = AccountSessionTests.Cheap(new DirectoryServerOptions
            {
                TimeProvider = clock,
                Sessions = new SessionOptions { PresenceGrace = grace ?? Grace },
            });
            var transport = TestNetwork.Create(kind).Transport;
            var server = await DirectoryServerHost.StartAsync(transport, TestNetwork.AnyPort, options, sink);
            return new PresenceServer(transport, server, clock, sink);
        }

        public async Task RegisterAsync(string user, int port)
        {
            var classic = new RawClassicClient(Transport, Server.EndPoint);
            Assert.Equal(0, (await classic.SendAsync(new RegisterRequest(null, user))).Code);
            Assert.Equal(0, (await classic.SendAsync(new ConnectRequest(null, user, port))).Code);
        }

        public async Task<RawSession> ConnectedSessionAsync(string user, int port)
        {
            var session = await RawSession.OpenAsync(Transport, Server.EndPoint);
            Assert.Equal(0, (await session.SendAsync(1, new RegisterRequest(null, user))).Code);
            Assert.Equal(0, (await session.SendAsync(2, new ConnectRequest(null, user, port))).Code);
            return session;
        }

        public Task OrphanedAsync(int pending) =>
            Poll.UntilAsync(() => Server.Server.PresenceGracePending == pending, $"{pending} grace period(s) running");

        /// <summary>Waits until only <paramref name="open"/> sessions run (the lost one has ended and been handled).</summary>
        public Task ClosedAsync(int open = 0) =>
            Poll.UntilAsync(() => Server.Server.ActiveSessions == open, $"{open} session(s) left");

        public Task SettledAsync() => Server.Server.WhenPresenceSettledAsync().WaitAsync(Bounded.Default);

        public async Task<IReadOnlyList<UserEntry>> UsersAsync() =>
            [.. (await new RawClassicClient(Transport, Server.EndPoint).SendAsync(new ListUsersRequest(null, "bob"))).Users!.OrderBy(u => u.Name, StringComparer.Ordinal)];

        public async Task<string[]> ListedAsync() => [.. (await UsersAsync()).Select(u => u.Name).Order(StringComparer.Ordinal)];

        public async ValueTask DisposeAsync() => await Server.DisposeAsync();
    }
}
