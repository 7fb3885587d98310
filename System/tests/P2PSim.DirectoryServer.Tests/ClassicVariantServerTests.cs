using P2PSim.Protocol;
using P2PSim.Protocol.Messages;
using P2PSim.TestKit;
using P2PSim.Transport;

namespace P2PSim.DirectoryServer.Tests;

/// <summary>
/// The server with what classic implementations really send or expect (docs/protocol.md §7): other timestamp shapes,
/// CONNECT with the client's IP, names-only LIST_CONTENT replies.
/// </summary>
public sealed class ClassicVariantServerTests
{
    public static TheoryData<TransportKind> Transports => TestNetwork.Kinds;

    [Theory]
    [InlineData("2025/11/24 18:30:05")]
    [InlineData("2025-11-24 18:30:05")]
    [InlineData("18:30:05 24/11/2025")]
    [InlineData("18:30:05 2025-11-24")]
    public async Task Requests_with_another_timestamp_shape_succeed_and_log_it_as_received(string stamp)
    {
        var transport = TestNetwork.Create(TransportKind.InMemory).Transport;
        var sink = new RecordingOperationSink();
        await using var server = await DirectoryServerHost.StartAsync(transport, new TransportEndPoint("127.0.0.1", 0), sink: sink);
        var client = new RawClassicClient(transport, server.EndPoint);

        Assert.Equal(0, (await client.SendAsync(new RegisterRequest(stamp, "alice"))).Code);
        Assert.Equal(0, (await client.SendAsync(new ConnectRequest(stamp, "alice", 7000))).Code);
        Assert.Equal(0, (await client.SendAsync(new PublishRequest(stamp, "alice", "a.txt", "x"))).Code);
        Assert.Equal(0, (await client.SendAsync(new ListContentRequest(stamp, "alice", "alice"))).Code);

        Assert.All(sink.Records, r => Assert.Equal(stamp, r.Timestamp));
        Assert.Equal(["alice"], sink.Records.Select(r => r.User).Distinct());
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Connect_with_the_observed_ip_registers_it_silently(TransportKind kind)
    {
        var transport = TestNetwork.Create(kind).Transport;
        var logger = new CapturingLogger();
        await using var server = await DirectoryServerHost.StartAsync(transport, new TransportEndPoint("127.0.0.1", 0), logger: logger);
        var client = new RawClassicClient(transport, server.EndPoint);
        await client.SendAsync(new RegisterRequest(null, "alice"));

        Assert.Equal(0, (await client.SendAsync(new ConnectRequest(null, "alice", 7000) { AnnouncedIp = "127.0.0.1" })).Code);

        var users = await client.SendAsync(new ListUsersRequest(null, "alice"));
        Assert.Equal([new UserEntry("alice", "127.0.0.1", 7000)], users.Users!);
        Assert.DoesNotContain(2013, logger.Events);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Connect_announcing_another_ip_registers_the_observed_one_and_logs_it(TransportKind kind)
    {
        var transport = TestNetwork.Create(kind).Transport;
        var logger = new CapturingLogger();
        await using var server = await DirectoryServerHost.StartAsync(transport, new TransportEndPoint("127.0.0.1", 0), logger: logger);
        var client = new RawClassicClient(transport, server.EndPoint);
        await client.SendAsync(new RegisterRequest(null, "mallory"));

        // An attempt to send everyone's downloads from mallory to 10.9.9.9.
        Assert.Equal(0, (await client.SendAsync(new ConnectRequest(null, "mallory", 7000) { AnnouncedIp = "10.9.9.9" })).Code);

        var users = await client.SendAsync(new ListUsersRequest(null, "mallory"));
        Assert.Equal([new UserEntry("mallory", "127.0.0.1", 7000)], users.Users!);
        Assert.Contains(2013, logger.Events);
        // The usual codes still apply to the longer shape.
        Assert.Equal(2, (await client.SendAsync(new ConnectRequest(null, "mallory", 7000) { AnnouncedIp = "127.0.0.1" })).Code);
        Assert.Equal(1, (await client.SendAsync(new ConnectRequest(null, "ghost", 7000) { AnnouncedIp = "127.0.0.1" })).Code);
    }

    [Fact]
    public async Task Connect_with_a_bad_address_or_port_gets_3()
    {
        var transport = TestNetwork.Create(TransportKind.InMemory).Transport;
        await using var server = await DirectoryServerHost.StartAsync(transport, new TransportEndPoint("127.0.0.1", 0));
        var client = new RawClassicClient(transport, server.EndPoint);
        await client.SendAsync(new RegisterRequest(null, "alice"));

        Assert.Equal("3300", Convert.ToHexString(await client.SendBytesAsync(Bytes("CONNECT", "alice", "127.1", "7000"))));
        Assert.Equal("3300", Convert.ToHexString(await client.SendBytesAsync(Bytes("CONNECT", "alice", "127.0.0.1", "x"))));
        Assert.Equal("3300", Convert.ToHexString(await client.SendBytesAsync(Bytes("CONNECT", "alice", "127.0.0.1", ""))));
        Assert.Empty((await client.SendAsync(new ListUsersRequest(null, "alice"))).Users ?? []);
    }

    [Theory]
    [InlineData("::ffff:127.0.0.1", "127.0.0.1", true)]
    [InlineData("127.0.0.1", "::ffff:127.0.0.1", true)]
    [InlineData("::0:1", "::1", true)]
    [InlineData("127.0.0.2", "127.0.0.1", false)]
    [InlineData("::1", "127.0.0.1", false)]
    [InlineData("10.0.0.5", "memory-host", false)]
    public void Announced_and_observed_addresses_compare_as_addresses(string announced, string observed, bool same)
    {
        Assert.Equal(same, AnnouncedAddress.Same(announced, observed));
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Names_only_server_sends_names_only_and_P2PSim_clients_read_them(TransportKind kind)
    {
        var transport = TestNetwork.Create(kind).Transport;
        await using var server = await DirectoryServerHost.StartAsync(
            transport, new TransportEndPoint("127.0.0.1", 0), new DirectoryServerOptions { ListContent = ListContentShape.Names });
        var client = new RawClassicClient(transport, server.EndPoint);
        await client.SendAsync(new RegisterRequest(null, "alice"));
        await client.SendAsync(new ConnectRequest(null, "alice", 7000));
        await client.SendAsync(new PublishRequest(null, "alice", "song.mp3", "my favourite song"));
        await client.SendAsync(new PublishRequest(null, "alice", "notes.txt", ""));

        var bytes = await client.SendBytesAsync(Bytes("LIST_CONTENT", "alice", "alice"));
        var reply = DirectoryReplyDecoder.Decode(Operation.ListContent, bytes);

        Assert.Equal(["notes.txt", "song.mp3"], reply.Files!.Select(f => f.FileName).Order(StringComparer.Ordinal));
        Assert.All(reply.Files!, f => Assert.Equal("", f.Description));
        Assert.Equal(2 + 2 + "song.mp3\0notes.txt\0".Length, bytes.Length); // no description fields at all
        // Everything else is unchanged.
        Assert.Equal([new UserEntry("alice", "127.0.0.1", 7000)], (await client.SendAsync(new ListUsersRequest(null, "alice"))).Users!);
        Assert.Equal("3300", Convert.ToHexString(await client.SendBytesAsync(Bytes("LIST_CONTENT", "alice", "ghost"))));
    }

    [Fact]
    public async Task Names_only_server_still_gives_sessions_the_descriptions_and_takes_their_variants()
    {
        var transport = TestNetwork.Create(TransportKind.InMemory).Transport;
        var logger = new CapturingLogger();
        await using var server = await DirectoryServerHost.StartAsync(
            transport, new TransportEndPoint("127.0.0.1", 0), new DirectoryServerOptions { ListContent = ListContentShape.Names }, logger: logger);
        await using var session = await RawSession.OpenAsync(transport, server.EndPoint);

        Assert.Equal(0, (await session.SendAsync(1, new RegisterRequest("2025/11/24 18:30:05", "alice"))).Code);
        Assert.Equal(0, (await session.SendAsync(2, new ConnectRequest(null, "alice", 7000) { AnnouncedIp = "10.9.9.9" })).Code);
        Assert.Equal(0, (await session.SendAsync(3, new PublishRequest(null, "alice", "a.txt", "first file"))).Code);

        Assert.Equal([new ContentEntry("a.txt", "first file")], (await session.SendAsync(4, new ListContentRequest(null, "alice", "alice"))).Files);
        Assert.Equal([new UserEntry("alice", "127.0.0.1", 7000)], (await session.SendAsync(5, new ListUsersRequest(null, "alice"))).Users);
        Assert.Contains(2013, logger.Events);
    }

    private static byte[] Bytes(params string[] fields) =>
        [.. fields.SelectMany(f => System.Text.Encoding.UTF8.GetBytes(f + "\0"))];
}
