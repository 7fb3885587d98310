using P2PSim.DirectoryServer;
using P2PSim.DirectoryServer.Registry.Redis;
using P2PSim.DirectoryServer.Sessions;
using P2PSim.Fixtures;
using P2PSim.Protocol;
using P2PSim.Protocol.Messages;
using P2PSim.TestKit;
using P2PSim.Transport;
using P2PSim.Transport.Hosting;
using P2PSim.Transport.Tcp;

namespace P2PSim.IntegrationTests;

/// <summary>
/// The Redis store (docs/registry-stores.md §4) on a real <c>redis-server</c>: it answers as the memory store does;
/// several directory servers on one Redis are one directory to classic clients; REGISTER of one name through two
/// servers at once succeeds once; with Redis stopped (alone, and for 5 s under load from four clients on two
/// servers), operations get their error codes only meanwhile, the servers keep serving, and they recover by
/// themselves once it is back; users of a server that stops, or whose process is killed, are taken over by another.
/// </summary>
public sealed class RedisStoreTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private readonly List<IAsyncDisposable> _owned = [];
    private RedisServerProcess? _redis;

    private RedisServerProcess Redis => _redis!;

    public async Task InitializeAsync() => _redis = await RedisServerProcess.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            await owned.DisposeAsync();
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }

    [Fact]
    public async Task It_answers_every_operation_as_the_memory_store_does()
    {
        var store = await StoreAsync();
        var session = await store.NewSessionAsync();
        await StoreConformance.AssertAnswersLikeMemoryAsync(store, session);
    }

    [Fact]
    public async Task A_full_classic_session_through_a_server_on_redis_gives_the_spec_codes()
    {
        var store = await StoreAsync();
        await ClassicSessionScripts.FullSessionGivesTheSpecCodesAsync(await ServerAsync(store), store);
    }

    [Fact]
    public async Task A_large_list_of_users_on_redis_follows_every_change_to_it() =>
        await ClassicSessionScripts.LargeListFollowsEveryChangeAsync(await ServerAsync(Prefix()));

    [Fact]
    public async Task Three_servers_on_one_redis_are_one_directory_to_classic_clients()
    {
        var prefix = Prefix();
        var (a, b, c) = (await ServerAsync(prefix), await ServerAsync(prefix), await ServerAsync(prefix));

        Assert.Equal(0, (await a.SendAsync(new RegisterRequest(null, "alice"))).Code);
        Assert.Equal(0, (await b.SendAsync(new ConnectRequest(null, "alice", 7000))).Code);
        Assert.Equal(0, (await a.SendAsync(new PublishRequest(null, "alice", "song.mp3", "a song"))).Code);
        Assert.Equal(0, (await c.SendAsync(new RegisterRequest(null, "bob"))).Code);
        Assert.Equal(0, (await c.SendAsync(new ConnectRequest(null, "bob", 7001))).Code);
        Assert.Equal(1, (await b.SendAsync(new RegisterRequest(null, "alice"))).Code); // taken, whichever server asks

        var listed = await c.SendAsync(new ListUsersRequest(null, "bob"));
        Assert.Equal(["alice", "bob"], listed.Users!.Select(u => u.Name).Order());
        Assert.Equal([new ContentEntry("song.mp3", "a song")], (await b.SendAsync(new ListContentRequest(null, "bob", "alice"))).Files);
        Assert.Equal([new UserEntry("alice", "127.0.0.1", 7000)], (await a.SendAsync(new FindSourcesRequest(null, "bob", "song.mp3"))).Users);
        Assert.Equal(0, (await c.SendAsync(new DisconnectRequest(null, "alice"))).Code);
        Assert.Equal(["bob"], (await a.SendAsync(new ListUsersRequest(null, "bob"))).Users!.Select(u => u.Name));
    }

    [Fact]
    public async Task Registering_one_name_through_two_servers_at_once_succeeds_exactly_once()
    {
        var prefix = Prefix();
        var (a, b) = (await ServerAsync(prefix), await ServerAsync(prefix));
        const int Names = 50;
        var attempts = Enumerable.Range(0, Names).SelectMany(i => new[] { a, b }.Select(server => server.SendAsync(new RegisterRequest(null, $"user{i}"))));
        var codes = await Task.WhenAll(attempts);
        Assert.Equal(Names, codes.Count(r => r.Code == 0));
        Assert.Equal(Names, codes.Count(r => r.Code == 1));
    }

    [Fact]
    public async Task With_redis_stopped_operations_fail_with_their_codes_and_service_resumes_when_it_is_back()
    {
        var prefix = Prefix();
        var a = await ServerAsync(prefix);
        Assert.Equal(0, (await a.SendAsync(new RegisterRequest(null, "alice"))).Code);

        var port = Redis.Port;
        await Redis.DisposeAsync();
        foreach (var request in new DirectoryRequest[] { new RegisterRequest(null, "bob"), new ConnectRequest(null, "alice", 7000), new ListUsersRequest(null, "alice") })
        {
            var reply = await a.SendAsync(request).WaitAsync(Bound);
            Assert.Equal(request.Operation.OtherErrorCode(), reply.Code);
        }

        _redis = await RedisServerProcess.StartAsync(port); // an empty Redis: no persistence in this test
        await Poll.UntilAsync(async () => (await a.SendAsync(new RegisterRequest(null, "carol"))).Code == 0, Bound, "REGISTER succeeds again");
        Assert.Equal(0, (await a.SendAsync(new ConnectRequest(null, "carol", 7002))).Code);
        Assert.Equal(["carol"], (await a.SendAsync(new ListUsersRequest(null, "carol"))).Users!.Select(u => u.Name));
    }

    [Fact]
    public async Task Two_server_processes_given_one_redis_share_the_registry()
    {
        await using var first = await DirectoryServerProcess.StartAsync("--registry", Redis.Url, "--quiet");
        await using var second = await DirectoryServerProcess.StartAsync("--registry", Redis.Url, "--quiet");
        var (a, b) = (RawClassicClient.Loopback(first.Port), RawClassicClient.Loopback(second.Port));

        Assert.Equal(0, (await a.SendAsync(new RegisterRequest(null, "erin"))).Code);
        Assert.Equal(0, (await b.SendAsync(new ConnectRequest(null, "erin", 7005))).Code);
        Assert.Equal(2, (await a.SendAsync(new ConnectRequest(null, "erin", 7005))).Code); // connected, on the other server
        Assert.Equal([new UserEntry("erin", "127.0.0.1", 7005)], (await a.SendAsync(new ListUsersRequest(null, "erin"))).Users);
        Assert.Equal(0, (await a.SendAsync(new UnregisterRequest(null, "erin"))).Code);
        Assert.Equal(1, (await b.SendAsync(new ListUsersRequest(null, "erin"))).Code);
    }

    [Fact]
    public async Task On_a_three_primary_cluster_it_answers_as_the_memory_store_and_servers_share_it()
    {
        await using var cluster = await RedisClusterProcess.StartAsync();
        var prefix = Prefix();
        await using (var store = await RedisRegistryStore.ConnectAsync(cluster.EndPoints, new RedisStoreOptions { KeyPrefix = prefix }))
        {
            await StoreConformance.AssertAnswersLikeMemoryAsync(store, await store.NewSessionAsync());
        }

        // The 16 buckets hash to slots spread over the primaries, so the gathers below cross shards.
        await using var first = await DirectoryServerProcess.StartAsync("--registry", cluster.Url, "--quiet");
        await using var second = await DirectoryServerProcess.StartAsync("--registry", cluster.Url, "--quiet");
        var (a, b) = (RawClassicClient.Loopback(first.Port), RawClassicClient.Loopback(second.Port));
        var users = Enumerable.Range(0, 24).Select(i => $"peer{i}").ToArray();
        foreach (var user in users)
        {
            Assert.Equal(0, (await a.SendAsync(new RegisterRequest(null, user))).Code);
            Assert.Equal(0, (await b.SendAsync(new ConnectRequest(null, user, 7000))).Code);
            Assert.Equal(0, (await a.SendAsync(new PublishRequest(null, user, "shared.bin", $"{user}'s copy"))).Code);
        }

        Assert.Equal(users.Order(), (await b.SendAsync(new ListUsersRequest(null, "peer0"))).Users!.Select(u => u.Name).Order());
        Assert.Equal(users.Length - 1, (await a.SendAsync(new FindSourcesRequest(null, "peer0", "shared.bin"))).Users!.Count);
        Assert.Equal(users.Length, (await b.SendAsync(new SearchRequest(null, "peer0", "COPY", 100))).Hits!.Count);
    }

    [Fact]
    public async Task Users_of_a_server_gone_from_a_shared_redis_get_their_grace_on_another_and_may_resume_there()
    {
        var prefix = Prefix();
        var options = new DirectoryServerOptions { Sessions = new SessionOptions { PresenceGrace = TimeSpan.FromSeconds(2) } };
        var liveness = new RedisStoreOptions { KeyPrefix = prefix, ServerLiveness = TimeSpan.FromSeconds(1) };
        var storeA = await RedisRegistryStore.ConnectAsync([Redis.EndPoint], liveness);
        var storeB = await RedisRegistryStore.ConnectAsync([Redis.EndPoint], liveness);
        _owned.Add(storeB);
        var a = await DirectoryServerHost.StartAsync(TcpTransport.Instance, new TransportEndPoint("127.0.0.1", 0), options, registry: storeA);
        var b = await DirectoryServerHost.StartAsync(TcpTransport.Instance, new TransportEndPoint("127.0.0.1", 0), options, registry: storeB);
        _owned.Add(b);
        foreach (var (user, port) in new[] { ("alice", 7000), ("carol", 7002) })
        {
            var session = await RawSession.OpenAsync(TcpTransport.Instance, a.EndPoint);
            Assert.Equal(0, (await session.SendAsync(1, new RegisterRequest(null, user))).Code);
            Assert.Equal(0, (await session.SendAsync(2, new ConnectRequest(null, user, port))).Code);
        }

        // Server A goes with both sessions open; its users stay listed, and B takes them over.
        await a.DisposeAsync();
        await storeA.DisposeAsync();
        await Poll.UntilAsync(() => b.Server.PresenceGracePending > 0, "server B runs the grace periods of A's users");

        // carol's peer comes back, on B, within the grace: she resumes; alice's does not: she expires.
        await using var back = await RawSession.OpenAsync(TcpTransport.Instance, b.EndPoint);
        Assert.Equal(0, (await back.SendAsync(1, new ConnectRequest(null, "carol", 7102))).Code);
        await b.Server.WhenPresenceSettledAsync().WaitAsync(Bound);
        Assert.Equal(
            [new UserEntry("carol", "127.0.0.1", 7102)],
            (await new RawClassicClient(TcpTransport.Instance, b.EndPoint).SendAsync(new ListUsersRequest(null, "carol"))).Users);
    }

    [Fact]
    public async Task Users_of_a_server_process_killed_with_sessions_open_are_taken_over_once_its_liveness_lapses()
    {
        // SIGKILL: the server neither deletes its liveness key nor orphans its users; only the key's lapse tells.
        string[] shared = ["--registry", Redis.Url, "--server-liveness", "1", "--presence-grace", "2", "--quiet"];
        var doomed = await DirectoryServerProcess.StartAsync(shared);
        await using var survivor = await DirectoryServerProcess.StartAsync(shared);
        var sessions = new List<RawSession>();
        foreach (var (user, port) in new[] { ("alice", 7000), ("carol", 7002) })
        {
            var session = await RawSession.OpenAsync(TcpTransport.Instance, new TransportEndPoint(doomed.Host, doomed.Port));
            sessions.Add(session);
            Assert.Equal(0, (await session.SendAsync(1, new RegisterRequest(null, user))).Code);
            Assert.Equal(0, (await session.SendAsync(2, new ConnectRequest(null, user, port))).Code);
        }

        await doomed.Node.KillAsync(Bound);
        await doomed.DisposeAsync();
        var classic = RawClassicClient.Loopback(survivor.Port);
        Assert.Equal(2, (await classic.SendAsync(new ListUsersRequest(null, "alice"))).Users!.Count); // listed through the grace

        // carol's peer comes back on the survivor: its CONNECT resumes her once the survivor has taken her over
        // (before that she is still connected on the dead server's session: code 2).
        await using var back = await RawSession.OpenAsync(TcpTransport.Instance, new TransportEndPoint(survivor.Host, survivor.Port));
        var id = 0u;
        await Poll.UntilAsync(async () => (await back.SendAsync(++id, new ConnectRequest(null, "carol", 7102))).Code == 0, Bound, "carol resumes on the survivor");

        // alice's peer never comes back: once her grace is over she is no longer listed; carol is, at her new port.
        await Poll.UntilAsync(
            async () => (await classic.SendAsync(new ListUsersRequest(null, "carol"))).Users is [var only] && only == new UserEntry("carol", "127.0.0.1", 7102),
            Bound,
            "alice's grace ends on the survivor");
        Assert.Equal(0, (await classic.SendAsync(new ConnectRequest(null, "alice", 7000))).Code); // disconnected, still registered
        foreach (var session in sessions)
        {
            await session.DisposeAsync();
        }
    }

    [Fact]
    public async Task Redis_stopped_for_five_seconds_under_load_gives_errors_only_meanwhile_and_every_server_recovers()
    {
        // AOF with fsync always, so the registry is there again after the restart and only the outage shows.
        var dir = Directory.CreateTempSubdirectory("p2psim-redis-aof-");
        string[] aof = ["--appendonly", "yes", "--appendfsync", "always", "--dir", dir.FullName];
        await Redis.DisposeAsync();
        _redis = await RedisServerProcess.StartAsync(0, aof);
        var prefix = Prefix();
        var servers = new[] { await ServerAsync(prefix), await ServerAsync(prefix) };
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var failures = new System.Collections.Concurrent.ConcurrentBag<(TimeSpan At, string What)>();
        var answered = 0;
        using var stop = new CancellationTokenSource();
        var load = Enumerable.Range(0, 4).Select(c => Task.Run(async () =>
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var user = $"c{c}u{n}";
                foreach (var request in new DirectoryRequest[] { new RegisterRequest(null, user), new ConnectRequest(null, user, 7000), new ListUsersRequest(null, user) })
                {
                    var reply = await servers[(c + n) % servers.Length].SendAsync(request);
                    if (reply.Code != 0)
                    {
                        failures.Add((clock.Elapsed, $"{request.Operation} {user} → {reply.Code}"));
                        break; // this user's next steps depend on this one
                    }

                    Interlocked.Increment(ref answered);
                }
            }
        })).ToArray();

        await Task.Delay(1000);
        var port = Redis.Port;
        var down = clock.Elapsed;
        await Redis.DisposeAsync();
        await Task.Delay(TimeSpan.FromSeconds(5));
        _redis = await RedisServerProcess.StartAsync(port, aof);
        var up = clock.Elapsed;
        var before = Volatile.Read(ref answered);
        await Task.Delay(TimeSpan.FromSeconds(4));
        await stop.CancelAsync();
        await Task.WhenAll(load).WaitAsync(Bound);

        // Errors only from the stop until the clients' connections are back (the multiplexer reconnects within
        // about a second, with 3 s of margin; a request sent just before the stop fails when its connection drops).
        Assert.DoesNotContain(failures, f => f.At < down || f.At > up + TimeSpan.FromSeconds(3));
        Assert.Contains(failures, f => f.At >= down && f.At <= up); // the clients did meet the outage
        Assert.True(Volatile.Read(ref answered) > before, "no operation was answered after Redis came back");
        foreach (var server in servers)
        {
            Assert.Equal(0, (await server.SendAsync(new RegisterRequest(null, $"after{Guid.NewGuid():N}"[..20]))).Code);
        }

        await Redis.DisposeAsync();
        _redis = null;
        dir.Delete(recursive: true);
    }

    private static string Prefix() => $"t{Guid.NewGuid():N}"[..12];

    private async Task<RedisRegistryStore> StoreAsync(string? prefix = null)
    {
        var store = await RedisRegistryStore.ConnectAsync([Redis.EndPoint], new RedisStoreOptions { KeyPrefix = prefix ?? Prefix() });
        _owned.Add(store);
        return store;
    }

    /// <summary>A directory server on 127.0.0.1 over its own connection to the shared Redis, and a classic client of it.</summary>
    private async Task<RawClassicClient> ServerAsync(string prefix) => await ServerAsync(await StoreAsync(prefix));

    /// <summary>A directory server on 127.0.0.1 over <paramref name="store"/>, and a classic client of it.</summary>
    private async Task<RawClassicClient> ServerAsync(RedisRegistryStore store)
    {
        RunningServer<DirectoryServer.DirectoryServer> server = await DirectoryServerHost.StartAsync(
            TcpTransport.Instance, new TransportEndPoint("127.0.0.1", 0), registry: store);
        _owned.Add(server);
        return new RawClassicClient(TcpTransport.Instance, server.EndPoint);
    }
}
