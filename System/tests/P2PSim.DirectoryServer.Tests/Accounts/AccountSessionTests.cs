using P2PSim.DirectoryServer.Accounts;
using P2PSim.DirectoryServer.Tests.Sessions;
using P2PSim.Protocol.Messages;
using P2PSim.Protocol.Sessions;
using P2PSim.TestKit;

namespace P2PSim.DirectoryServer.Tests.Accounts;

/// <summary>
/// docs/sessions.md §6 at byte level: accounts created and logged in to over sessions, what the owner may do, and
/// what everyone else (classic clients, sessions not logged in, sessions logged in as another user) may not.
/// </summary>
public sealed class AccountSessionTests
{
    private const string Password = "correct horse battery";

    // A cheap hash: these tests are about who may do what, not about the hashing cost.
    internal static DirectoryServerOptions Cheap(DirectoryServerOptions? options = null) =>
        (options ?? new DirectoryServerOptions()) with { Accounts = new AccountOptions { Iterations = 1_000 } };

    public static TheoryData<TransportKind> Transports => TestNetwork.Kinds;

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task An_account_acts_as_its_user_and_classic_requests_naming_it_get_each_operations_error_code(TransportKind kind)
    {
        var (transport, server) = await SessionServerTests.StartAsync(kind, Cheap());
        await using (server)
        {
            await using var owner = await RawSession.OpenAsync(transport, server.EndPoint);
            Assert.Equal((int)AccountResult.Created, await owner.AccountAsync(1, AccountOperation.Create, "alice", Password));
            Assert.Equal(0, (await owner.SendAsync(2, new ConnectRequest(null, "alice", 7000))).Code);
            Assert.Equal(0, (await owner.SendAsync(3, new PublishRequest(null, "alice", "a.txt", "mine"))).Code);

            var classic = new RawClassicClient(transport, server.EndPoint);
            Assert.Equal(0, (await classic.SendAsync(new RegisterRequest(null, "mallory"))).Code);
            Assert.Equal(0, (await classic.SendAsync(new ConnectRequest(null, "mallory", 7001))).Code);
            var before = server.Registry.Snapshot();

            // Each operation's last code, its "other error" (protocol.md §4); REGISTER finds the name taken.
            Assert.Equal(1, (await classic.SendAsync(new RegisterRequest(null, "alice"))).Code);
            Assert.Equal(2, (await classic.SendAsync(new UnregisterRequest(null, "alice"))).Code);
            Assert.Equal(3, (await classic.SendAsync(new DisconnectRequest(null, "alice"))).Code);
            Assert.Equal(4, (await classic.SendAsync(new PublishRequest(null, "alice", "evil.exe", "hijacked"))).Code);
            Assert.Equal(4, (await classic.SendAsync(new DeleteRequest(null, "alice", "a.txt"))).Code);
            Assert.Equal(3, (await classic.SendAsync(new ListUsersRequest(null, "alice"))).Code);
            Assert.Equal(4, (await classic.SendAsync(new ListContentRequest(null, "alice", "alice"))).Code);
            Assert.Equal(3, (await classic.SendAsync(new FindSourcesRequest(null, "alice", "a.txt"))).Code);
            Assert.Equal(3, (await classic.SendAsync(new SearchRequest(null, "alice", "a", 10))).Code);

            Assert.Equal(before, server.Registry.Snapshot(), new SnapshotComparer());
            Assert.True(server.Registry.Snapshot().Single(u => u.Name == "alice").Protected);

            // Naming the account as someone else's target is not acting as it: anyone may look at its files.
            Assert.Equal([new ContentEntry("a.txt", "mine")], (await classic.SendAsync(new ListContentRequest(null, "mallory", "alice"))).Files);
            Assert.Equal([new UserEntry("alice", "127.0.0.1", 7000)], (await classic.SendAsync(new FindSourcesRequest(null, "mallory", "a.txt"))).Users);
            Assert.Equal(0, (await owner.SendAsync(4, new DisconnectRequest(null, "alice"))).Code);
        }
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task A_session_not_logged_in_is_as_anonymous_as_a_classic_client_until_its_login(TransportKind kind)
    {
        var (transport, server) = await SessionServerTests.StartAsync(kind, Cheap());
        await using (server)
        {
            await using (var creator = await RawSession.OpenAsync(transport, server.EndPoint))
            {
                Assert.Equal((int)AccountResult.Created, await creator.AccountAsync(1, AccountOperation.Create, "alice", Password));
            }

            await using var session = await RawSession.OpenAsync(transport, server.EndPoint);
            Assert.Equal(3, (await session.SendAsync(1, new ConnectRequest(null, "alice", 7000))).Code);
            Assert.Equal((int)LoginResult.Refused, await session.AccountAsync(2, AccountOperation.Login, "alice", "wrong password"));
            Assert.Equal((int)LoginResult.Refused, await session.AccountAsync(3, AccountOperation.Login, "nobody", Password));
            Assert.Equal(3, (await session.SendAsync(4, new ConnectRequest(null, "alice", 7000))).Code);

            Assert.Equal((int)LoginResult.LoggedIn, await session.AccountAsync(5, AccountOperation.Login, "alice", Password));
            Assert.Equal(0, (await session.SendAsync(6, new ConnectRequest(null, "alice", 7000))).Code);
            Assert.True(server.Registry.Snapshot().Single().Connected);
        }
    }

    [Fact]
    public async Task Requests_pipelined_behind_a_login_already_act_as_its_user()
    {
        var (transport, server) = await SessionServerTests.StartAsync(TransportKind.InMemory, Cheap());
        await using (server)
        {
            await using (var creator = await RawSession.OpenAsync(transport, server.EndPoint))
            {
                Assert.Equal(0, await creator.AccountAsync(1, AccountOperation.Create, "alice", Password));
            }

            await using var session = await RawSession.OpenAsync(transport, server.EndPoint);
            await session.WriteAsync(
                RawSession.Request(1, new ConnectRequest(null, "alice", 7000)),
                RawSession.Account(2, AccountOperation.Login, "alice", Password),
                RawSession.Request(3, new ConnectRequest(null, "alice", 7000)),
                RawSession.Request(4, new PublishRequest(null, "alice", "a.txt", "x")));

            Assert.Equal(3, (await session.ReadReplyAsync(1, Protocol.Operation.Connect)).Code);
            Assert.Equal(0, await session.ReadAccountReplyAsync(2));
            Assert.Equal(0, (await session.ReadReplyAsync(3, Protocol.Operation.Connect)).Code);
            Assert.Equal(0, (await session.ReadReplyAsync(4, Protocol.Operation.Publish)).Code);
        }
    }

    [Fact]
    public async Task A_logged_in_session_may_not_name_any_other_user_not_even_an_unprotected_one()
    {
        var (transport, server) = await SessionServerTests.StartAsync(TransportKind.InMemory, Cheap());
        await using (server)
        {
            var classic = new RawClassicClient(transport, server.EndPoint);
            Assert.Equal(0, (await classic.SendAsync(new RegisterRequest(null, "bob"))).Code);
            await using var session = await RawSession.OpenAsync(transport, server.EndPoint);
            Assert.Equal(0, await session.AccountAsync(1, AccountOperation.Create, "alice", Password));

            Assert.Equal(2, (await session.SendAsync(2, new RegisterRequest(null, "carol"))).Code);
            Assert.Equal(3, (await session.SendAsync(3, new ConnectRequest(null, "bob", 7000))).Code);
            Assert.Equal(2, (await session.SendAsync(4, new UnregisterRequest(null, "bob"))).Code);
            Assert.Equal(1, (await session.SendAsync(5, new RegisterRequest(null, "alice"))).Code);

            // One login per session: ACCOUNT again, or LOGIN as another user, is that operation's other error.
            Assert.Equal((int)AccountResult.Failed, await session.AccountAsync(6, AccountOperation.Create, "dave", Password));
            Assert.Equal((int)LoginResult.Failed, await session.AccountAsync(7, AccountOperation.Login, "bob", Password));
            Assert.Equal((int)LoginResult.LoggedIn, await session.AccountAsync(8, AccountOperation.Login, "alice", Password));
            Assert.Equal(["alice", "bob"], server.Registry.Snapshot().Select(u => u.Name).Order());
        }
    }

    [Fact]
    public async Task Account_creation_refuses_a_taken_name_a_short_password_and_malformed_requests_and_the_session_goes_on()
    {
        var (transport, server) = await SessionServerTests.StartAsync(TransportKind.InMemory, Cheap());
        await using (server)
        {
            var classic = new RawClassicClient(transport, server.EndPoint);
            Assert.Equal(0, (await classic.SendAsync(new RegisterRequest(null, "bob"))).Code);
            await using var session = await RawSession.OpenAsync(transport, server.EndPoint);

            Assert.Equal((int)AccountResult.NameTaken, await session.AccountAsync(1, AccountOperation.Create, "bob", Password));
            Assert.Equal((int)AccountResult.Failed, await session.AccountAsync(2, AccountOperation.Create, "carol", "short"));
            await session.WriteAsync(
                RawSession.Frame(SessionFrameKind.Request, 3, "ACCOUNT\0carol\0"u8),
                RawSession.Frame(SessionFrameKind.Request, 4, "ACCOUNT\0carol\0long enough\0extra"u8),
                RawSession.Frame(SessionFrameKind.Request, 5, "ACCOUNT\0two words\0long enough\0"u8),
                RawSession.Frame(SessionFrameKind.Request, 6, "LOGIN\0carol\0"u8),
                RawSession.Frame(SessionFrameKind.Request, 7, (byte[])[.. "LOGIN\0carol\0"u8, 0xFF, 0xFE, 0]));
            Assert.Equal(2, await session.ReadAccountReplyAsync(3));
            Assert.Equal(2, await session.ReadAccountReplyAsync(4));
            Assert.Equal(2, await session.ReadAccountReplyAsync(5));
            Assert.Equal(3, await session.ReadAccountReplyAsync(6));
            Assert.Equal(3, await session.ReadAccountReplyAsync(7));

            Assert.Equal(["bob"], server.Registry.Snapshot().Select(u => u.Name));
            Assert.Equal(0, await session.AccountAsync(8, AccountOperation.Create, "carol", Password));
        }
    }

    [Fact]
    public async Task An_unregistered_account_leaves_its_old_session_no_hold_on_a_new_account_of_the_same_name()
    {
        var (transport, server) = await SessionServerTests.StartAsync(TransportKind.InMemory, Cheap());
        await using (server)
        {
            await using var first = await RawSession.OpenAsync(transport, server.EndPoint);
            Assert.Equal(0, await first.AccountAsync(1, AccountOperation.Create, "alice", Password));
            Assert.Equal(0, (await first.SendAsync(2, new UnregisterRequest(null, "alice"))).Code);

            await using var second = await RawSession.OpenAsync(transport, server.EndPoint);
            Assert.Equal(0, await second.AccountAsync(1, AccountOperation.Create, "alice", "another password"));

            Assert.Equal(3, (await first.SendAsync(3, new ConnectRequest(null, "alice", 7000))).Code);
            Assert.Equal(2, (await first.SendAsync(4, new UnregisterRequest(null, "alice"))).Code);
            Assert.Equal(0, (await second.SendAsync(2, new ConnectRequest(null, "alice", 7001))).Code);
        }
    }

    [Fact]
    public async Task With_classic_requests_off_only_sessions_are_served()
    {
        var (transport, server) = await SessionServerTests.StartAsync(TransportKind.InMemory, Cheap(new DirectoryServerOptions { ClassicRequests = false }));
        await using (server)
        {
            var classic = new RawClassicClient(transport, server.EndPoint);
            Assert.Equal(2, (await classic.SendAsync(new RegisterRequest(null, "bob"))).Code);
            Assert.Equal(3, (await classic.SendAsync(new ListUsersRequest(null, "bob"))).Code);
            Assert.Empty(server.Registry.Snapshot());

            await using var session = await RawSession.OpenAsync(transport, server.EndPoint);
            Assert.Equal(0, (await session.SendAsync(1, new RegisterRequest(null, "bob"))).Code);
            Assert.Equal(["bob"], server.Registry.Snapshot().Select(u => u.Name));
        }
    }

    [Fact]
    public async Task A_new_account_reaches_the_operation_log_as_the_REGISTER_it_also_is_and_a_refused_one_does_not()
    {
        var transport = TestNetwork.Create(TransportKind.InMemory).Transport;
        var sink = new RecordingOperationSink();
        await using var server = await DirectoryServerHost.StartAsync(transport, TestNetwork.AnyPort, Cheap(), sink);
        await using var session = await RawSession.OpenAsync(transport, server.EndPoint);

        Assert.Equal(0, await session.AccountAsync(1, AccountOperation.Create, "alice", Password));
        await using var other = await RawSession.OpenAsync(transport, server.EndPoint);
        Assert.Equal(1, await other.AccountAsync(1, AccountOperation.Create, "alice", Password));

        var record = Assert.Single(sink.Records);
        Assert.Equal(new OperationRecord(Protocol.Operation.Register, "alice", null, null, 0, "127.0.0.1"), record);
    }

    /// <summary>Snapshots compared by value, files included (records compare their list by reference).</summary>
    private sealed class SnapshotComparer : IEqualityComparer<IReadOnlyList<Registry.RegisteredUser>>
    {
        public bool Equals(IReadOnlyList<Registry.RegisteredUser>? x, IReadOnlyList<Registry.RegisteredUser>? y) =>
            Describe(x!) == Describe(y!);

        public int GetHashCode(IReadOnlyList<Registry.RegisteredUser> obj) => Describe(obj).GetHashCode(StringComparison.Ordinal);

        private static string Describe(IReadOnlyList<Registry.RegisteredUser> users) => string.Join(
            "; ",
            users.OrderBy(u => u.Name, StringComparer.Ordinal).Select(u =>
                $"{u.Name} {u.Connected} {u.Ip}:{u.Port} {u.Protected} [{string.Join(",", u.Files.Select(f => f.FileName + "=" + f.Description))}]"));
    }
}
