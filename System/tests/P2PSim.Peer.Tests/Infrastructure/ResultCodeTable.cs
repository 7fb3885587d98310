using P2PSim.Protocol.Messages;

namespace P2PSim.Peer.Tests.Infrastructure;

/// <summary>
/// Every classic operation and result code in one sequence, for any way of sending a request: a classic client,
/// a session, or both at once. Starts from an empty registry.
/// </summary>
internal static class ResultCodeTable
{
    public static async Task RunAsync(Func<DirectoryRequest, Task<DirectoryReply>> send)
    {
        Assert.Equal(0, (await send(new RegisterRequest(null, "alice"))).Code);
        Assert.Equal(1, (await send(new RegisterRequest(null, "alice"))).Code);
        Assert.Equal(0, (await send(new RegisterRequest(null, "bob"))).Code);

        Assert.Equal(1, (await send(new ConnectRequest(null, "ghost", 4000))).Code);
        Assert.Equal(0, (await send(new ConnectRequest(null, "alice", 4000))).Code);
        Assert.Equal(2, (await send(new ConnectRequest(null, "alice", 4000))).Code);
        Assert.Equal(0, (await send(new ConnectRequest(null, "bob", 4001))).Code);

        Assert.Equal(0, (await send(new PublishRequest(null, "alice", "a.txt", "the first file"))).Code);
        Assert.Equal(3, (await send(new PublishRequest(null, "alice", "a.txt", "again"))).Code);
        Assert.Equal(1, (await send(new PublishRequest(null, "ghost", "a.txt", "x"))).Code);
        Assert.Equal(0, (await send(new PublishRequest(null, "bob", "a.txt", "same name, other user"))).Code);

        var users = await send(new ListUsersRequest(null, "bob"));
        Assert.Equal(0, users.Code);
        Assert.Equal(
            [new UserEntry("alice", "127.0.0.1", 4000), new UserEntry("bob", "127.0.0.1", 4001)],
            users.Users!.OrderBy(u => u.Name, StringComparer.Ordinal));
        Assert.Equal(1, (await send(new ListUsersRequest(null, "ghost"))).Code);

        var content = await send(new ListContentRequest(null, "bob", "alice"));
        Assert.Equal(0, content.Code);
        Assert.Equal([new ContentEntry("a.txt", "the first file")], content.Files);
        Assert.Equal(3, (await send(new ListContentRequest(null, "bob", "ghost"))).Code);
        Assert.Equal(1, (await send(new ListContentRequest(null, "ghost", "bob"))).Code);

        Assert.Equal(3, (await send(new DeleteRequest(null, "alice", "b.txt"))).Code);
        Assert.Equal(0, (await send(new DeleteRequest(null, "alice", "a.txt"))).Code);
        Assert.Equal(1, (await send(new DeleteRequest(null, "ghost", "a.txt"))).Code);

        Assert.Equal(0, (await send(new DisconnectRequest(null, "alice"))).Code);
        Assert.Equal(2, (await send(new DisconnectRequest(null, "alice"))).Code);
        Assert.Equal(1, (await send(new DisconnectRequest(null, "ghost"))).Code);
        Assert.Equal(2, (await send(new ListUsersRequest(null, "alice"))).Code);
        Assert.Equal(2, (await send(new PublishRequest(null, "alice", "c.txt", "x"))).Code);
        Assert.Equal(2, (await send(new DeleteRequest(null, "alice", "a.txt"))).Code);
        Assert.Equal(2, (await send(new ListContentRequest(null, "alice", "bob"))).Code);
        Assert.Equal(
            [new UserEntry("bob", "127.0.0.1", 4001)],
            (await send(new ListUsersRequest(null, "bob"))).Users);

        Assert.Equal(0, (await send(new UnregisterRequest(null, "alice"))).Code);
        Assert.Equal(1, (await send(new UnregisterRequest(null, "alice"))).Code);
        Assert.Equal(3, (await send(new ListContentRequest(null, "bob", "alice"))).Code);
    }
}
