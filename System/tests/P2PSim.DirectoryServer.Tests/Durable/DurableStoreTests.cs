using Microsoft.Extensions.Time.Testing;
using P2PSim.DirectoryServer.Accounts;
using P2PSim.DirectoryServer.Registry;
using P2PSim.DirectoryServer.Registry.Durable;
using P2PSim.DirectoryServer.Sessions;
using P2PSim.Protocol;
using P2PSim.Protocol.Messages;
using P2PSim.TestKit;

namespace P2PSim.DirectoryServer.Tests.Durable;

/// <summary>
/// The durable store behind the service: the same answers as the in-memory registry, and what was answered is
/// there after a restart, a crash, a compaction; sessions' users come back orphaned; a failing disk gives error
/// codes, not a crash.
/// </summary>
public sealed class DurableStoreTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("p2psim-store-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task Every_operation_answers_as_in_memory_and_survives_a_restart()
    {
        const long Session = 1;
        IReadOnlyList<RegisteredUser> before;
        await using (var store = await DurableRegistryStore.OpenAsync(_folder.FullName))
        {
            Assert.Equal(Session, await store.NewSessionAsync());
            await StoreConformance.AssertAnswersLikeMemoryAsync(store, Session);
            before = store.Snapshot();
        }

        await using var reopened = await DurableRegistryStore.OpenAsync(_folder.FullName);

        // bob was connected over a session, which ended with the process: he is orphaned, for his grace period.
        Assert.Equal([new OrphanedUser("bob", Session)], reopened.OrphanedAtOpen);
        Assert.Equal(Describe(before), Describe(reopened.Snapshot()));
        Assert.True(Session < await reopened.NewSessionAsync(), "session numbers continue after a restart");
    }

    [Fact]
    public async Task A_field_the_journal_cannot_hold_is_refused_before_the_registry_changes()
    {
        var caller = Caller.Anonymous;
        await using (var store = await DurableRegistryStore.OpenAsync(_folder.FullName))
        {
            Assert.Equal(RegistryStatus.Ok, await store.RegisterAsync("alice"));
            Assert.Equal(RegistryStatus.Ok, await store.ConnectAsync("alice", "127.0.0.1", 7000, caller));

            var lone = await Assert.ThrowsAsync<ArgumentException>(async () => await store.RegisterAsync("bad\uD800name"));
            await Assert.ThrowsAsync<ArgumentException>(async () => await store.PublishAsync("alice", "big.bin", new string('x', 70_000), caller));
            await Assert.ThrowsAsync<ArgumentException>(async () => await store.ConnectAsync("alice", "\uDC00", 7001, caller));

            var alice = Assert.Single(store.Snapshot());
            Assert.Equal(("alice", 7000, 0), (alice.Name, alice.Port, alice.Files.Count));
            Assert.Contains("user is not valid UTF-16", lone.Message, StringComparison.Ordinal);
        }

        await using var reopened = await DurableRegistryStore.OpenAsync(_folder.FullName);
        var again = Assert.Single(reopened.Snapshot());
        Assert.Equal(("alice", true, 7000, 0), (again.Name, again.Connected, again.Port, again.Files.Count));
    }

    [Fact]
    public async Task An_account_keeps_its_password_and_number_across_a_restart()
    {
        long number;
        await using (var store = await DurableRegistryStore.OpenAsync(_folder.FullName))
        {
            (_, number) = await store.CreateAccountAsync("erin", PasswordHash.Create("correct horse", 1_000));
        }

        await using var reopened = await DurableRegistryStore.OpenAsync(_folder.FullName);
        var account = await reopened.FindAccountAsync("erin");
        Assert.NotNull(account);
        Assert.Equal(number, account.Number);
        Assert.True(account.Password.Matches("correct horse"));
        Assert.False(account.Password.Matches("wrong"));
        var (status, next) = await reopened.CreateAccountAsync("fay", PasswordHash.Create("another one", 1_000));
        Assert.Equal(RegistryStatus.Ok, status);
        Assert.True(next > number, "account numbers continue after a restart");
    }

    [Fact]
    public async Task What_was_answered_before_a_crash_is_there_after_it()
    {
        var storage = new MemoryJournalStorage();
        var store = await DurableRegistryStore.OpenAsync(storage);
        var service = new DirectoryService(store);
        var answered = new System.Collections.Concurrent.ConcurrentBag<string>();
        var clients = Enumerable.Range(0, 16).Select(c => Task.Run(async () =>
        {
            for (var i = 0; i < 25; i++)
            {
                var user = $"u{c}-{i}";
                if ((await service.HandleAsync(new RegisterRequest(null, user), "127.0.0.1")).Code == 0 &&
                    (await service.HandleAsync(new ConnectRequest(null, user, 5000 + c), "127.0.0.1")).Code == 0 &&
                    (await service.HandleAsync(new PublishRequest(null, user, "f", "d"), "127.0.0.1")).Code == 0)
                {
                    answered.Add(user);
                }
            }
        })).ToArray();

        // Cut the power in the middle of the load, keeping a torn piece of an unflushed write.
        while (answered.Count < 100)
        {
            await Task.Delay(1);
        }

        storage.Crash(keepUnflushed: 7);
        await Task.WhenAll(clients).WaitAsync(Bound); // after the crash they get error codes, not exceptions

        await using var reopened = await DurableRegistryStore.OpenAsync(storage);
        var users = reopened.Snapshot().ToDictionary(u => u.Name);
        foreach (var user in answered)
        {
            Assert.True(users.TryGetValue(user, out var found), $"{user} was answered but is lost");
            Assert.True(found.Connected);
            Assert.Equal([new ContentEntry("f", "d")], found.Files);
        }
    }

    [Fact]
    public async Task Compaction_bounds_the_journals_and_loses_nothing()
    {
        var options = new DurableStoreOptions { CompactAfterRecords = 50 };
        IReadOnlyList<RegisteredUser> before;
        int compactions;
        await using (var store = await DurableRegistryStore.OpenAsync(_folder.FullName, options))
        {
            var service = new DirectoryService(store);
            for (var i = 0; i < 200; i++)
            {
                Assert.Equal(0, (await service.HandleAsync(new RegisterRequest(null, $"u{i}"), "127.0.0.1")).Code);
                Assert.Equal(0, (await service.HandleAsync(new ConnectRequest(null, $"u{i}", 6000), "127.0.0.1")).Code);
                if (i % 3 == 0)
                {
                    Assert.Equal(0, (await service.HandleAsync(new UnregisterRequest(null, $"u{i}"), "127.0.0.1")).Code);
                }
            }

            await store.CompactAsync();
            before = store.Snapshot();
            compactions = store.Compactions;
        }

        Assert.True(compactions >= 2, $"{compactions} compactions for 467 records at one every 50");
        Assert.True(Directory.GetFiles(_folder.FullName, "journal-*.log").Length <= 2, "older journals are deleted");
        await using var reopened = await DurableRegistryStore.OpenAsync(_folder.FullName, options);
        Assert.Equal(Describe(before), Describe(reopened.Snapshot()));
    }

    [Fact]
    public async Task A_failing_disk_answers_error_codes_and_the_store_stays_answerable()
    {
        var storage = new MemoryJournalStorage();
        await using var store = await DurableRegistryStore.OpenAsync(storage);
        var service = new DirectoryService(store);
        Assert.Equal(0, (await service.HandleAsync(new RegisterRequest(null, "ann"), "127.0.0.1")).Code);

        storage.FlushFailure = new IOException("No space left on device");
        var register = await service.HandleAsync(new RegisterRequest(null, "bob"), "127.0.0.1").AsTask().WaitAsync(Bound);
        Assert.Equal(Operation.Register.OtherErrorCode(), register.Code);

        // From now on nothing answers from a registry the disk may not hold, reads included.
        var list = await service.HandleAsync(new ListUsersRequest(null, "ann"), "127.0.0.1").AsTask().WaitAsync(Bound);
        Assert.Equal(Operation.ListUsers.OtherErrorCode(), list.Code);
        await Assert.ThrowsAsync<RegistryUnavailableException>(async () => await store.FindAccountAsync("ann"));
    }

    [Fact]
    public async Task A_torn_tail_is_cut_off_and_what_came_before_it_is_kept()
    {
        await using (var store = await DurableRegistryStore.OpenAsync(_folder.FullName))
        {
            Assert.Equal(RegistryStatus.Ok, await store.RegisterAsync("ann"));
            Assert.Equal(RegistryStatus.Ok, await store.RegisterAsync("bob"));
        }

        var journal = Directory.GetFiles(_folder.FullName, "journal-*.log").Single();
        await File.AppendAllTextAsync(journal, "\u0013\0\0\0garbage");

        await using (var reopened = await DurableRegistryStore.OpenAsync(_folder.FullName))
        {
            Assert.Equal(["ann", "bob"], reopened.Snapshot().Select(u => u.Name).Order());
            Assert.Equal(RegistryStatus.Ok, await reopened.RegisterAsync("cid"));
        }

        await using var again = await DurableRegistryStore.OpenAsync(_folder.FullName);
        Assert.Equal(["ann", "bob", "cid"], again.Snapshot().Select(u => u.Name).Order());
    }

    [Fact]
    public async Task Session_users_of_a_restarted_server_get_a_grace_period_to_resume_in_then_expire()
    {
        var transport = TestNetwork.Create(TransportKind.InMemory).Transport;
        await using (var store = await DurableRegistryStore.OpenAsync(_folder.FullName))
        {
            await using var first = await DirectoryServerHost.StartAsync(transport, TestNetwork.AnyPort, registry: store);
            var classic = new RawClassicClient(transport, first.EndPoint);
            Assert.Equal(0, (await classic.SendAsync(new RegisterRequest(null, "bob"))).Code);
            Assert.Equal(0, (await classic.SendAsync(new ConnectRequest(null, "bob", 7001))).Code);
            foreach (var (user, id) in new[] { ("alice", 1u), ("carol", 3u) })
            {
                var session = await RawSession.OpenAsync(transport, first.EndPoint);
                Assert.Equal(0, (await session.SendAsync(id, new RegisterRequest(null, user))).Code);
                Assert.Equal(0, (await session.SendAsync(id + 1, new ConnectRequest(null, user, 7000))).Code);
            }

            // The server stops (here, or by a crash) with both sessions open.
        }

        var clock = new FakeTimeProvider();
        var sink = new RecordingOperationSink();
        var options = new DirectoryServerOptions { TimeProvider = clock, Sessions = new SessionOptions { PresenceGrace = TimeSpan.FromSeconds(5) } };
        await using var reopened = await DurableRegistryStore.OpenAsync(_folder.FullName);
        await using var second = await DirectoryServerHost.StartAsync(transport, TestNetwork.AnyPort, options, sink, registry: reopened);
        Assert.Equal(["alice", "carol"], reopened.OrphanedAtOpen.Select(o => o.User).Order());
        Assert.Equal(2, second.Server.PresenceGracePending); // one per lost session

        // alice's peer comes back within the grace; carol's does not; bob, classic, has no session to lose.
        await using var back = await RawSession.OpenAsync(transport, second.EndPoint);
        Assert.Equal(0, (await back.SendAsync(1, new ConnectRequest(null, "alice", 7100))).Code);
        clock.Advance(TimeSpan.FromSeconds(5));
        await second.Server.WhenPresenceSettledAsync().WaitAsync(Bound);

        Assert.Equal(
            ["alice 127.0.0.1:7100", "bob 127.0.0.1:7001"],
            reopened.Snapshot().Where(u => u.Connected).Select(u => $"{u.Name} {u.Ip}:{u.Port}").Order());
        var expired = Assert.Single(sink.Records, r => r.Operation == Operation.Disconnect);
        Assert.Equal(("carol", 0), (expired.User, expired.ResultCode));
    }

    [Fact]
    public async Task A_second_store_on_the_same_folder_is_refused_with_a_clear_error()
    {
        await using (var store = await DurableRegistryStore.OpenAsync(_folder.FullName))
        {
            var refused = await Assert.ThrowsAsync<IOException>(() => DurableRegistryStore.OpenAsync(_folder.FullName));
            Assert.Contains("open in another process", refused.Message, StringComparison.Ordinal);
        }

        await using var after = await DurableRegistryStore.OpenAsync(_folder.FullName); // released on dispose
    }

    private static string[] Describe(IEnumerable<RegisteredUser> users) => StoreConformance.Describe(users);
}
