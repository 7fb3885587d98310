using P2PSim.Protocol;
using P2PSim.Protocol.Messages;
using P2PSim.TestKit;
using P2PSim.Transport;

namespace P2PSim.DirectoryServer.Tests;

/// <summary>The classic operations end to end through real sessions, over the in-memory transport and TCP alike.</summary>
public sealed class ServerScenarioTests
{
    private const string Now = "24/11/2026 20:15:00";

    public static TheoryData<TransportKind> Transports => TestNetwork.Kinds;

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Full_classic_session_gives_the_spec_codes(TransportKind kind)
    {
        var transport = TestNetwork.Create(kind).Transport;
        await using var server = await DirectoryServerHost.StartAsync(transport, new TransportEndPoint("127.0.0.1", 0));
        var client = new RawClassicClient(transport, server.EndPoint);

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
        Assert.Empty(server.Registry.Snapshot());
    }

    [Theory]
    [InlineData(ResultEncoding.Ascii, new byte[] { 0x31, 0x00 })]
    [InlineData(ResultEncoding.Byte, new byte[] { 0x01 })]
    [InlineData(ResultEncoding.Char, new byte[] { 0x31 })]
    public async Task Result_encoding_is_configurable(ResultEncoding encoding, byte[] expected)
    {
        var transport = TestNetwork.Create(TransportKind.InMemory).Transport;
        await using var server = await DirectoryServerHost.StartAsync(
            transport, new TransportEndPoint("127.0.0.1", 0), new DirectoryServerOptions { ResultEncoding = encoding });
        var client = new RawClassicClient(transport, server.EndPoint);
        await client.SendAsync(new RegisterRequest(null, "alice"));

        var reply = await client.SendBytesAsync("REGISTER\0alice\0"u8.ToArray());

        Assert.Equal(expected, reply);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task A_large_list_of_users_follows_every_change_to_it(TransportKind kind)
    {
        // Large enough that the server keeps the encoded reply between changes.
        var transport = TestNetwork.Create(kind).Transport;
        await using var server = await DirectoryServerHost.StartAsync(transport, new TransportEndPoint("127.0.0.1", 0));
        var client = new RawClassicClient(transport, server.EndPoint);
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

    [Fact]
    public async Task List_users_reply_bytes_match_the_spec()
    {
        var transport = TestNetwork.Create(TransportKind.InMemory).Transport;
        await using var server = await DirectoryServerHost.StartAsync(transport, new TransportEndPoint("127.0.0.1", 0));
        var client = new RawClassicClient(transport, server.EndPoint);
        await client.SendAsync(new RegisterRequest(null, "al"));
        await client.SendAsync(new ConnectRequest(null, "al", 456));

        var reply = await client.SendBytesAsync("LIST_USERS\0al\0"u8.ToArray());

        Assert.Equal("0\0" + "1\0" + "al\0127.0.0.1\0456\0", System.Text.Encoding.ASCII.GetString(reply));
    }

    [Fact]
    public async Task Operations_reach_the_sink_with_their_timestamp()
    {
        var transport = TestNetwork.Create(TransportKind.InMemory).Transport;
        var sink = new RecordingOperationSink();
        await using var server = await DirectoryServerHost.StartAsync(transport, new TransportEndPoint("127.0.0.1", 0), sink: sink);
        var client = new RawClassicClient(transport, server.EndPoint);

        await client.SendAsync(new RegisterRequest(Now, "alice"));
        await client.SendAsync(new PublishRequest(null, "alice", "f", "d"));

        Assert.Equal(
            [
                new OperationRecord(Operation.Register, "alice", null, Now, 0, "127.0.0.1"),
                new OperationRecord(Operation.Publish, "alice", "f", null, 2, "127.0.0.1"),
            ],
            sink.Records);
    }
}
