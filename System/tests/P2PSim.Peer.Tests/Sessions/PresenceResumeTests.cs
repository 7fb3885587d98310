using Microsoft.Extensions.Time.Testing;
using P2PSim.DirectoryServer;
using P2PSim.DirectoryServer.Registry;
using P2PSim.Peer.Tests.Infrastructure;
using P2PSim.Protocol;
using P2PSim.TestKit;

namespace P2PSim.Peer.Tests.Sessions;

/// <summary>
/// docs/sessions.md §7 from the client's side: a client that CONNECTed over a session keeps its user present when the
/// session is lost, by CONNECTing again on a new one within the server's grace period; a user disconnected on
/// purpose, or forgotten by the server, is not brought back.
/// </summary>
public sealed class PresenceResumeTests
{
    [Theory]
    [MemberData(nameof(TestNetwork.Kinds), MemberType = typeof(TestNetwork))]
    public async Task A_cut_session_is_resumed_on_a_new_one_and_the_user_never_leaves_the_list(TransportKind kind)
    {
        var network = TestNetwork.Create(kind);
        var sink = new RecordingOperationSink();
        var serverClock = new FakeTimeProvider(); // the server's grace period ends when the test says
        var options = new DirectoryServerOptions { TimeProvider = serverClock };
        await using var server = await DirectoryServerHost.StartAsync(network.Transport, TestNetwork.AnyPort, options, sink);
        var cuttable = new CuttableTransport(network.Transport);
        await using var client = new DirectoryClient(cuttable, server.EndPoint) { UseSessions = true };
        var resumed = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.PresenceResumed += user => resumed.TrySetResult(user);
        Assert.Equal(0, (await client.RegisterAsync("alice", TestData.Timeout())).Code);
        Assert.Equal(0, (await client.ConnectAsync("alice", 7000, TestData.Timeout())).Code);
        Assert.Equal("alice", client.PresentAs);

        cuttable.CutAll();

        Assert.Equal("alice", await Bounded.WaitAsync(resumed.Task, Bounded.Default, "the presence resumed"));
        Assert.Equal(2, cuttable.Opened);
        Assert.True(server.Registry.Snapshot().Single().Connected);
        Assert.DoesNotContain(sink.Records, r => r.Operation == Operation.Disconnect);
        Assert.Equal(2, sink.Records.Count(r => r.Operation == Operation.Connect && r.ResultCode == 0));

        // The presence now follows the new session: the old one's grace runs out with nothing to expire, and an
        // explicit DISCONNECT ends the presence.
        serverClock.Advance(options.Sessions.PresenceGrace);
        await server.Server.WhenPresenceSettledAsync().WaitAsync(Bounded.Default);
        Assert.True(server.Registry.Snapshot().Single().Connected);
        Assert.Equal(0, (await client.DisconnectAsync("alice", TestData.Timeout())).Code);
        Assert.Null(client.PresentAs);
        Assert.Single(sink.Records, r => r.Operation == Operation.Disconnect);
    }

    [Fact]
    public async Task A_user_disconnected_on_purpose_is_not_brought_back_when_the_session_is_cut()
    {
        var network = TestNetwork.Create(TransportKind.InMemory);
        var sink = new RecordingOperationSink();
        await using var server = await DirectoryServerHost.StartAsync(network.Transport, TestNetwork.AnyPort, sink: sink);
        var cuttable = new CuttableTransport(network.Transport);
        await using var client = new DirectoryClient(cuttable, server.EndPoint) { UseSessions = true };
        Assert.Equal(0, (await client.RegisterAsync("alice", TestData.Timeout())).Code);
        Assert.Equal(0, (await client.ConnectAsync("alice", 7000, TestData.Timeout())).Code);
        Assert.Equal(0, (await client.DisconnectAsync("alice", TestData.Timeout())).Code);

        cuttable.CutAll();
        await Poll.UntilAsync(() => !client.InSession, "the client saw its session end");

        Assert.Null(client.PresentAs);
        Assert.Equal(1, cuttable.Opened);
        Assert.False(server.Registry.Snapshot().Single().Connected);
    }

    [Fact]
    public async Task A_server_restarted_on_the_same_registry_takes_the_resume_and_one_that_forgot_the_user_ends_the_presence()
    {
        var network = TestNetwork.Create(TransportKind.InMemory);
        var registry = new DirectoryRegistry();
        var first = await DirectoryServerHost.StartAsync(network.Transport, TestNetwork.AnyPort, registry: registry);
        var address = first.EndPoint;
        await using var client = new DirectoryClient(network.Transport, address) { UseSessions = true };
        var resumed = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.PresenceResumed += user => resumed.TrySetResult(user);
        Assert.Equal(0, (await client.RegisterAsync("alice", TestData.Timeout())).Code);
        Assert.Equal(0, (await client.ConnectAsync("alice", 7000, TestData.Timeout())).Code);

        // The stopping server leaves alice orphaned in the registry it shares with the next one.
        await first.DisposeAsync();
        await using (var second = await DirectoryServerHost.StartAsync(network.Transport, address, registry: registry))
        {
            Assert.Equal("alice", await Bounded.WaitAsync(resumed.Task, Bounded.Default, "the presence resumed on the restarted server"));
            Assert.True(registry.Snapshot().Single().Connected);
        }

        // A server with a registry of its own has never heard of alice: CONNECT answers 1 and the presence ends.
        await using var third = await DirectoryServerHost.StartAsync(network.Transport, address);
        await Poll.UntilAsync(() => client.PresentAs is null, "the client gave up the presence the server does not know");
        Assert.Empty(third.Registry.Snapshot());
    }
}
