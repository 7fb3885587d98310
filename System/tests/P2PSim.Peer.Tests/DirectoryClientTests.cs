using Microsoft.Extensions.Time.Testing;
using P2PSim.DirectoryServer;
using P2PSim.Peer.Tests.Infrastructure;
using P2PSim.Protocol;
using P2PSim.Protocol.Messages;
using P2PSim.TestKit;

namespace P2PSim.Peer.Tests;

public sealed class DirectoryClientTests
{
    [Theory]
    [MemberData(nameof(TestNetwork.Kinds), MemberType = typeof(TestNetwork))]
    public async Task Every_operation_gets_the_spec_result_codes(TransportKind kind)
    {
        var network = TestNetwork.Create(kind);
        await using var server = await DirectoryServerHost.StartAsync(network.Transport, TestNetwork.AnyPort);
        var client = new DirectoryClient(network.Transport, server.EndPoint);
        var ct = TestData.Timeout();

        await ResultCodeTable.RunAsync(request => client.SendAsync(request, ct));
    }

    [Theory]
    [MemberData(nameof(TestNetwork.Kinds), MemberType = typeof(TestNetwork))]
    public async Task A_server_that_is_not_running_gives_one_clear_exception(TransportKind kind)
    {
        var network = TestNetwork.Create(kind);
        var nowhere = await network.UnusedEndPointAsync();
        var client = new DirectoryClient(network.Transport, nowhere);

        var error = await Assert.ThrowsAsync<DirectoryUnavailableException>(() => client.RegisterAsync("alice", TestData.Timeout()));

        Assert.Equal(nowhere, error.Server);
        Assert.Equal(Operation.Register, error.Operation);
        Assert.Contains(nowhere.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains("Check that the server is running", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_never_answers_times_out()
    {
        var network = TestNetwork.Create(TransportKind.InMemory);
        await using var silent = await ScriptedServer.StartAsync(network.Transport, async (c, ct) =>
            await Task.Delay(Timeout.Infinite, ct));
        var client = new DirectoryClient(network.Transport, silent.EndPoint, timeout: TimeSpan.FromMilliseconds(200));

        var error = await Assert.ThrowsAsync<DirectoryUnavailableException>(() => client.ListUsersAsync("alice", TestData.Timeout()));

        Assert.Contains("did not answer within 0.2 s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_callers_cancellation_is_not_reported_as_an_unavailable_server()
    {
        var network = TestNetwork.Create(TransportKind.InMemory);
        await using var silent = await ScriptedServer.StartAsync(network.Transport, async (c, ct) =>
            await Task.Delay(Timeout.Infinite, ct));
        var client = new DirectoryClient(network.Transport, silent.EndPoint);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.RegisterAsync("alice", cancel.Token));
    }

    public static TheoryData<string, byte[]> ClassicReplies => new()
    {
        { "ascii", "0\0"u8.ToArray() },
        { "byte", [0] },
        { "char", "0"u8.ToArray() },
    };

    [Theory]
    [MemberData(nameof(ClassicReplies))]
    public async Task Every_result_encoding_is_accepted(string encoding, byte[] reply)
    {
        _ = encoding;
        var network = TestNetwork.Create(TransportKind.InMemory);
        await using var fake = await ReplyingServerAsync(network, reply, fields: 2);
        var client = new DirectoryClient(network.Transport, fake.EndPoint);

        Assert.True((await client.RegisterAsync("alice", TestData.Timeout())).IsOk);
    }

    [Theory]
    [InlineData(new byte[] { 0 })]
    [InlineData(new byte[] { (byte)'0' })]
    public async Task Lists_after_raw_byte_and_lone_digit_codes_are_read(byte[] code)
    {
        var network = TestNetwork.Create(TransportKind.InMemory);
        byte[] reply = [.. code, .. Wire.Fields("2", "alice", "10.0.0.1", "7000", "bob", "10.0.0.2", "7001")];
        await using var fake = await ReplyingServerAsync(network, reply, fields: 2);
        var client = new DirectoryClient(network.Transport, fake.EndPoint);

        var users = await client.ListUsersAsync("alice", TestData.Timeout());

        Assert.Equal([new UserEntry("alice", "10.0.0.1", 7000), new UserEntry("bob", "10.0.0.2", 7001)], users.Users);
    }

    [Fact]
    public async Task A_names_only_content_list_is_tolerated()
    {
        var network = TestNetwork.Create(TransportKind.InMemory);
        await using var fake = await ReplyingServerAsync(network, Wire.Fields("0", "2", "a.txt", "b.txt"), fields: 3);
        var client = new DirectoryClient(network.Transport, fake.EndPoint);

        var content = await client.ListContentAsync("alice", "bob", TestData.Timeout());

        Assert.Equal([new ContentEntry("a.txt", ""), new ContentEntry("b.txt", "")], content.Files);
    }

    [Fact]
    public async Task A_reply_over_the_limit_is_refused_not_buffered()
    {
        var network = TestNetwork.Create(TransportKind.InMemory);
        await using var fake = await ReplyingServerAsync(network, [.. "0\0"u8, .. new byte[10_000]], fields: 2);
        var client = new DirectoryClient(network.Transport, fake.EndPoint) { MaxReplyBytes = 1024 };

        var error = await Assert.ThrowsAsync<ProtocolException>(() => client.ListUsersAsync("alice", TestData.Timeout()));

        Assert.Contains("larger than 1024 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_closes_without_replying_is_a_protocol_error()
    {
        var network = TestNetwork.Create(TransportKind.InMemory);
        await using var fake = await ReplyingServerAsync(network, [], fields: 2);
        var client = new DirectoryClient(network.Transport, fake.EndPoint);

        await Assert.ThrowsAsync<ProtocolException>(() => client.RegisterAsync("alice", TestData.Timeout()));
    }

    [Fact]
    public async Task The_request_bytes_are_the_classic_ones()
    {
        var network = TestNetwork.Create(TransportKind.InMemory);
        var received = new TaskCompletionSource<byte[]>();
        await using var fake = await ScriptedServer.StartAsync(network.Transport, async (c, ct) =>
        {
            received.TrySetResult(await ScriptedServer.ReadFieldsAsync(c.Stream, 5, ct));
            await c.Stream.WriteAsync("0\0"u8.ToArray(), ct);
        });
        var client = new DirectoryClient(network.Transport, fake.EndPoint, _ => ValueTask.FromResult<string?>("01/02/2025 10:20:30"));

        await client.PublishAsync("alice", "a.txt", "two words", TestData.Timeout());

        Assert.Equal(Wire.Fields("PUBLISH", "01/02/2025 10:20:30", "alice", "a.txt", "two words"), await received.Task);
    }

    [Fact]
    public async Task Timestamps_reach_the_server_and_none_is_sent_without_a_source()
    {
        var network = TestNetwork.Create(TransportKind.InMemory);
        var sink = new RecordingOperationSink();
        await using var server = await DirectoryServerHost.StartAsync(network.Transport, TestNetwork.AnyPort, sink: sink);
        var stamped = new DirectoryClient(network.Transport, server.EndPoint, _ => ValueTask.FromResult<string?>("24/12/2024 18:00:00"));
        var plain = new DirectoryClient(network.Transport, server.EndPoint);
        var nullStamp = new DirectoryClient(network.Transport, server.EndPoint, _ => ValueTask.FromResult<string?>(null));

        await stamped.RegisterAsync("alice", TestData.Timeout());
        await plain.RegisterAsync("bob", TestData.Timeout());
        await nullStamp.RegisterAsync("carol", TestData.Timeout());

        Assert.Equal(
            [("alice", "24/12/2024 18:00:00"), ("bob", null), ("carol", null)],
            sink.Records.Select(r => (r.User, r.Timestamp)).OrderBy(r => r.User, StringComparer.Ordinal));
        Assert.All(sink.Records, r => Assert.Equal(0, r.ResultCode));
    }

    [Theory]
    [InlineData("throws")]
    [InlineData("malformed")]
    [InlineData("hangs")]
    public async Task A_failing_time_source_falls_back_to_a_local_stamp(string failure)
    {
        var network = TestNetwork.Create(TransportKind.InMemory);
        var sink = new RecordingOperationSink();
        await using var server = await DirectoryServerHost.StartAsync(network.Transport, TestNetwork.AnyPort, sink: sink);
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.Zero));
        clock.SetLocalTimeZone(TimeZoneInfo.Utc);
        Func<CancellationToken, ValueTask<string?>> source = failure switch
        {
            "throws" => _ => throw new InvalidOperationException("time service down"),
            "malformed" => _ => ValueTask.FromResult<string?>("not a time"),
            _ => HangAsync,
        };
        var client = new DirectoryClient(network.Transport, server.EndPoint, source, timeProvider: clock);

        Assert.True((await client.RegisterAsync("alice", TestData.Timeout())).IsOk);

        var expected = failure == "hangs" ? "04/03/2025 05:06:18" : "04/03/2025 05:06:07";
        Assert.Equal(expected, Assert.Single(sink.Records).Timestamp);

        async ValueTask<string?> HangAsync(CancellationToken ct)
        {
            clock.Advance(TimeSpan.FromSeconds(11)); // the client's own timeout passes while we "hang"
            await Task.Delay(Timeout.Infinite, ct);
            return null;
        }
    }

    [Fact]
    public async Task A_field_with_a_terminator_inside_is_refused_before_sending()
    {
        var network = TestNetwork.Create(TransportKind.InMemory);
        await using var server = await DirectoryServerHost.StartAsync(network.Transport, TestNetwork.AnyPort);
        var client = new DirectoryClient(network.Transport, server.EndPoint);

        await Assert.ThrowsAsync<ArgumentException>(() => client.RegisterAsync("ali\0ce"));
        await Assert.ThrowsAsync<ArgumentException>(() => client.PublishAsync("alice", "a.txt", "line\nbreak"));
        Assert.Empty(server.Registry.Snapshot());
    }

    [Fact]
    public async Task The_extension_queries_refuse_unsendable_fields_too()
    {
        // Found by the property tests: FIND_SOURCES' file name and SEARCH's text skipped the check, so a lone surrogate
        // went out as U+FFFD and a NUL cut the field short (the server answered for another name).
        var network = TestNetwork.Create(TransportKind.InMemory);
        var sink = new RecordingOperationSink();
        await using var server = await DirectoryServerHost.StartAsync(network.Transport, TestNetwork.AnyPort, sink: sink);
        var client = new DirectoryClient(network.Transport, server.EndPoint);

        await Assert.ThrowsAsync<ArgumentException>(() => client.FindSourcesAsync("bob", "movie\ud800"));
        await Assert.ThrowsAsync<ArgumentException>(() => client.FindSourcesAsync("bob", "movie\0.bin"));
        await Assert.ThrowsAsync<ArgumentException>(() => client.SearchAsync("bob", "\udc00x", 10));
        await Assert.ThrowsAsync<ArgumentException>(() => client.SearchAsync("bob", "two\nlines", 10));
        Assert.Empty(sink.Records);
        Assert.True((await client.SearchAsync("bob", "😀 x", 10)).IsOk);
    }

    /// <summary>A fake directory that reads a request of <paramref name="fields"/> fields and answers <paramref name="reply"/>.</summary>
    private static Task<ScriptedServer> ReplyingServerAsync(TestNetwork network, byte[] reply, int fields) =>
        ScriptedServer.StartAsync(network.Transport, async (c, ct) =>
        {
            await ScriptedServer.ReadFieldsAsync(c.Stream, fields, ct);
            await c.Stream.WriteAsync(reply, ct);
        });
}
