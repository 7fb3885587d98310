using P2PSim.DirectoryServer.Registry;
using P2PSim.Protocol.Messages;
using Xunit;

namespace P2PSim.TestKit;

/// <summary>
/// Classic sessions end to end, scripted once and run against a server on each registry store: the memory and
/// durable stores in the directory server's tests, Redis in the integration tests. A store that answered one
/// operation differently through the whole server (framing, reply cache, sink) fails here even when its own
/// conformance history passes.
/// </summary>
public static class ClassicSessionScripts
{
    private const string Now = "24/11/2026 20:15:00";

    /// <summary>
    /// One user through every classic operation, with and without timestamps, checking each result code the spec
    /// gives; <paramref name="store"/> must be empty at the start and is empty again at the end.
    /// </summary>
    public static async Task FullSessionGivesTheSpecCodesAsync(RawClassicClient client, IRegistryStore store)
    {
        Assert.Equal(0, (await client.SendAsync(new RegisterRequest(null, "alice"))).Code);
        Assert.Equal(1, (await client.SendAsync(new RegisterRequest(Now, "alice"))).Code);
        Assert.Equal(2, (await client.SendAsync(new PublishRequest(null, "alice", "a.txt", "x"))).Code);
        Assert.Equal(0, (await client.SendAsync(new ConnectRequest(Now, "alice", 7000))).Code);
        Assert.Equal(2, (await client.SendAsync(new ConnectRequest(null, "alice", 7000))).Code);
        Assert.Equal(0, (await client.SendAsync(new PublishRequest(null, "alice", "a.txt", "first file"))).Code);
        Assert.Equal(3, (await client.SendAsync(new PublishRequest(Now, "alice", "a.txt", "again"))).Code);

        var users = await client.SendAsync(new ListUsersRequest(null, "alice"));
        Assert.Equal(0, users.Code);
        var alice = Assert.Single(users.Users!);
        Assert.Equal(new UserEntry("alice", "127.0.0.1", 7000), alice);

        var files = await client.SendAsync(new ListContentRequest(Now, "alice", "alice"));
        Assert.Equal([new ContentEntry("a.txt", "first file")], files.Files!);
        Assert.Equal(3, (await client.SendAsync(new ListContentRequest(null, "alice", "nobody"))).Code);

        Assert.Equal(3, (await client.SendAsync(new DeleteRequest(null, "alice", "missing.txt"))).Code);
        Assert.Equal(0, (await client.SendAsync(new DeleteRequest(null, "alice", "a.txt"))).Code);
        Assert.Equal(0, (await client.SendAsync(new DisconnectRequest(null, "alice"))).Code);
        Assert.Equal(2, (await client.SendAsync(new DisconnectRequest(null, "alice"))).Code);
        Assert.Equal(2, (await client.SendAsync(new ListUsersRequest(null, "alice"))).Code);
        Assert.Equal(0, (await client.SendAsync(new UnregisterRequest(null, "alice"))).Code);
        Assert.Equal(1, (await client.SendAsync(new UnregisterRequest(null, "alice"))).Code);
        Assert.Empty(await store.SnapshotAsync());
    }

    /// <summary>
    /// A LIST_USERS reply large enough that the server keeps it encoded between changes, checked after every kind
    /// of change to it (CONNECT, DISCONNECT, UNREGISTER, a reconnect on another port).
    /// </summary>
    public static async Task LargeListFollowsEveryChangeAsync(RawClassicClient client)
    {
        for (var i = 0; i < 100; i++)
        {
            await client.SendAsync(new RegisterRequest(null, $"u{i}"));
            await client.SendAsync(new ConnectRequest(null, $"u{i}", 7000 + i));
        }

        var request = "LIST_USERS\0u0\0"u8.ToArray();
        var first = await client.SendBytesAsync(request);
        Assert.Equal(first, await client.SendBytesAsync(request));
        Assert.Equal(100, (await client.SendAsync(new ListUsersRequest(null, "u0"))).Users!.Count);

        await client.SendAsync(new RegisterRequest(null, "late"));
        await client.SendAsync(new ConnectRequest(null, "late", 9000));
        Assert.Contains(new UserEntry("late", "127.0.0.1", 9000), (await client.SendAsync(new ListUsersRequest(null, "u0"))).Users!);

        await client.SendAsync(new DisconnectRequest(null, "u7"));
        await client.SendAsync(new UnregisterRequest(null, "u8"));
        var users = (await client.SendAsync(new ListUsersRequest(null, "u0"))).Users!;
        Assert.Equal(99, users.Count);
        Assert.DoesNotContain(users, u => u.Name is "u7" or "u8");

        await client.SendAsync(new ConnectRequest(null, "u7", 7700));
        Assert.Contains(new UserEntry("u7", "127.0.0.1", 7700), (await client.SendAsync(new ListUsersRequest(null, "u0"))).Users!);
        Assert.Equal(1, (await client.SendAsync(new ListUsersRequest(null, "u8"))).Code); // the caller is still checked: u8 is gone
    }
}
