using P2PSim.DirectoryServer;
using P2PSim.Peer.Sessions;
using P2PSim.Peer.Tests.Infrastructure;
using P2PSim.Protocol.Messages;
using P2PSim.TestKit;
using P2PSim.Transport;

namespace P2PSim.Peer.Tests.Sessions;

/// <summary><see cref="DirectorySessionClient.SendBatchAsync"/>: many requests of one caller in one write, replies in their order.</summary>
public sealed class SessionBatchTests
{
    [Theory]
    [MemberData(nameof(TestNetwork.Kinds), MemberType = typeof(TestNetwork))]
    public async Task A_batch_is_answered_in_its_order_with_each_requests_code(TransportKind kind)
    {
        var network = TestNetwork.Create(kind);
        await using var server = await DirectoryServerHost.StartAsync(network.Transport, TestNetwork.AnyPort);
        await using var session = await OpenAsync(network.Transport, server.EndPoint);

        DirectoryRequest[] batch =
        [
            new RegisterRequest(null, "alice"),
            new RegisterRequest(null, "alice"),
            new ConnectRequest(null, "alice", 7000),
            new PublishRequest(null, "alice", "a.txt", "first"),
            new ListUsersRequest(null, "alice"),
            new DeleteRequest(null, "alice", "missing.txt"),
            new DisconnectRequest(null, "alice"),
            new DisconnectRequest(null, "alice"),
        ];
        var replies = await session.SendBatchAsync(batch, TestData.Timeout());

        Assert.Equal([0, 1, 0, 0, 0, 3, 0, 2], replies.Select(r => r.Code));
        Assert.Equal(batch.Select(r => r.Operation), replies.Select(r => r.Operation));
        Assert.Equal([new UserEntry("alice", "127.0.0.1", 7000)], replies[4].Users);
        Assert.Equal(0, session.InFlight);
    }

    [Fact]
    public async Task Batches_beside_single_callers_and_each_other_fill_the_window_without_waiting_for_each_other_forever()
    {
        var network = TestNetwork.Create(TransportKind.InMemory);
        await using var server = await DirectoryServerHost.StartAsync(network.Transport, TestNetwork.AnyPort);
        await using var session = await OpenAsync(network.Transport, server.EndPoint);
        var window = session.Terms.Window;

        // Full-window batches and single calls at once: each batch's places are taken one batch at a time.
        var batches = Enumerable.Range(0, 4).Select(async b =>
        {
            var requests = Enumerable.Range(0, window).Select(i => (DirectoryRequest)new RegisterRequest(null, $"b{b}-{i}")).ToArray();
            var replies = await session.SendBatchAsync(requests);
            Assert.All(replies, r => Assert.Equal(0, r.Code));
        });
        var singles = Enumerable.Range(0, 100).Select(async i => Assert.Equal(0, (await session.SendAsync(new RegisterRequest(null, $"s{i}"))).Code));
        await Bounded.WaitAsync(Task.WhenAll(batches.Concat(singles)), Bounded.Default, "four full-window batches beside 100 single calls");

        Assert.Equal((4 * window) + 100, server.Registry.Snapshot().Count);
        Assert.Equal(0, session.InFlight);
    }

    [Fact]
    public async Task A_batch_over_the_window_or_with_a_bad_field_is_refused_before_anything_is_sent()
    {
        var network = TestNetwork.Create(TransportKind.InMemory);
        var sink = new RecordingOperationSink();
        await using var server = await DirectoryServerHost.StartAsync(network.Transport, TestNetwork.AnyPort, sink: sink);
        await using var session = await OpenAsync(network.Transport, server.EndPoint);

        var tooMany = Enumerable.Range(0, session.Terms.Window + 1).Select(i => (DirectoryRequest)new RegisterRequest(null, $"u{i}")).ToArray();
        var over = await Assert.ThrowsAsync<ArgumentException>(() => session.SendBatchAsync(tooMany));
        await Assert.ThrowsAsync<ArgumentException>(() => session.SendBatchAsync([new RegisterRequest(null, "ok"), new RegisterRequest(null, "bad\nname")]));

        Assert.Contains($"at most the server's window of {session.Terms.Window}", over.Message, StringComparison.Ordinal);
        Assert.Empty(await session.SendBatchAsync([]));
        Assert.Equal(0, (await session.SendAsync(new RegisterRequest(null, "after"))).Code);
        Assert.Equal(["after"], sink.Records.Select(r => r.User));
    }

    [Fact]
    public async Task A_session_that_ends_under_a_batch_fails_it_and_every_later_call()
    {
        var network = TestNetwork.Create(TransportKind.InMemory);
        var cuttable = new CuttableTransport(network.Transport);
        await using var server = await DirectoryServerHost.StartAsync(network.Transport, TestNetwork.AnyPort);
        await using var session = (await DirectorySessionClient.TryOpenAsync(cuttable, server.EndPoint, new SessionClientOptions(), TestData.Timeout()))!;
        Assert.Equal(0, (await session.SendAsync(new RegisterRequest(null, "alice"))).Code);

        cuttable.CutAll();
        await Poll.UntilAsync(() => !session.IsOpen, "the session saw the cut");

        await Assert.ThrowsAsync<DirectoryUnavailableException>(() => session.SendBatchAsync([new RegisterRequest(null, "bob")]));
        await Assert.ThrowsAsync<DirectoryUnavailableException>(() => session.SendAsync(new RegisterRequest(null, "carol")));
    }

    private static async Task<DirectorySessionClient> OpenAsync(ITransport transport, TransportEndPoint server) =>
        await DirectorySessionClient.TryOpenAsync(transport, server, new SessionClientOptions(), TestData.Timeout())
        ?? throw new InvalidOperationException("The server declined the session.");
}
