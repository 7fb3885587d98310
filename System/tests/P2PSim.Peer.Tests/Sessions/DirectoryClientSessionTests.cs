using P2PSim.DirectoryServer;
using P2PSim.DirectoryServer.Accounts;
using P2PSim.DirectoryServer.Registry;
using P2PSim.DirectoryServer.Sessions;
using P2PSim.Peer.Tests.Infrastructure;
using P2PSim.Protocol.Sessions;
using P2PSim.TestKit;

namespace P2PSim.Peer.Tests.Sessions;

/// <summary>
/// <see cref="DirectoryClient.UseSessions"/>: one session negotiated on first use, the classic protocol against a
/// server without sessions, accounts, and a session opened (and logged in) again after the server restarted.
/// </summary>
public sealed class DirectoryClientSessionTests
{
    private static readonly DirectoryServerOptions Cheap = new() { Accounts = new AccountOptions { Iterations = 1_000 } };

    [Theory]
    [MemberData(nameof(TestNetwork.Kinds), MemberType = typeof(TestNetwork))]
    public async Task Every_operation_gets_the_spec_codes_over_the_one_session_it_opens(TransportKind kind)
    {
        var network = TestNetwork.Create(kind);
        await using var server = await DirectoryServerHost.StartAsync(network.Transport, TestNetwork.AnyPort, Cheap);
        await using var client = new DirectoryClient(network.Transport, server.EndPoint) { UseSessions = true };

        await ResultCodeTable.RunAsync(request => client.SendAsync(request, TestData.Timeout()));

        Assert.True(client.InSession);
        Assert.Equal(1, server.Server.ActiveSessions);
    }

    [Fact]
    public async Task Against_a_server_without_sessions_it_goes_on_the_classic_way_and_has_no_accounts()
    {
        var network = TestNetwork.Create(TransportKind.InMemory);
        var options = Cheap with { Sessions = new SessionOptions { Enabled = false } };
        await using var server = await DirectoryServerHost.StartAsync(network.Transport, TestNetwork.AnyPort, options);
        await using var client = new DirectoryClient(network.Transport, server.EndPoint) { UseSessions = true };

        await ResultCodeTable.RunAsync(request => client.SendAsync(request, TestData.Timeout()));
        var error = await Assert.ThrowsAsync<NotSupportedException>(() => client.LoginAsync("alice", "correct horse battery", TestData.Timeout()));

        Assert.False(client.InSession);
        Assert.Contains("offers no sessions", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_logged_in_client_acts_as_its_user_and_another_cannot()
    {
        var network = TestNetwork.Create(TransportKind.InMemory);
        await using var server = await DirectoryServerHost.StartAsync(network.Transport, TestNetwork.AnyPort, Cheap);
        await using var owner = new DirectoryClient(network.Transport, server.EndPoint) { UseSessions = true };
        await using var other = new DirectoryClient(network.Transport, server.EndPoint) { UseSessions = true };
        var classic = new DirectoryClient(network.Transport, server.EndPoint);

        Assert.Equal(AccountResult.Created, await owner.CreateAccountAsync("alice", "correct horse battery", TestData.Timeout()));
        Assert.Equal(0, (await owner.ConnectAsync("alice", 7000, TestData.Timeout())).Code);
        Assert.Equal(3, (await other.DisconnectAsync("alice", TestData.Timeout())).Code);
        Assert.Equal(3, (await classic.DisconnectAsync("alice", TestData.Timeout())).Code);
        Assert.Equal(LoginResult.Refused, await other.LoginAsync("alice", "not the password", TestData.Timeout()));
        Assert.Null(other.LoggedInAs);

        Assert.Equal(LoginResult.LoggedIn, await other.LoginAsync("alice", "correct horse battery", TestData.Timeout()));
        Assert.Equal("alice", other.LoggedInAs);
        Assert.Equal(0, (await other.DisconnectAsync("alice", TestData.Timeout())).Code);
    }

    [Fact]
    public async Task After_the_server_restarts_the_next_call_opens_a_new_session_logged_in_as_before()
    {
        var network = TestNetwork.Create(TransportKind.InMemory);
        var registry = new DirectoryRegistry();
        var first = await DirectoryServerHost.StartAsync(network.Transport, TestNetwork.AnyPort, Cheap, registry: registry);
        var address = first.EndPoint;
        await using var client = new DirectoryClient(network.Transport, address) { UseSessions = true };
        Assert.Equal(AccountResult.Created, await client.CreateAccountAsync("alice", "correct horse battery", TestData.Timeout()));

        await first.DisposeAsync(); // the server's stop closes the session
        await Poll.UntilAsync(() => !client.InSession, "the client saw its session end");
        await using var second = await DirectoryServerHost.StartAsync(network.Transport, address, Cheap, registry: registry);

        Assert.Equal(0, (await client.ConnectAsync("alice", 7000, TestData.Timeout())).Code);
        Assert.True(client.InSession);
        Assert.True(registry.Snapshot().Single().Connected);
    }
}
