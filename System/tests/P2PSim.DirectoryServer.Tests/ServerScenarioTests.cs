using P2PSim.DirectoryServer.Registry;
using P2PSim.DirectoryServer.Registry.Durable;
using P2PSim.Protocol;
using P2PSim.Protocol.Messages;
using P2PSim.TestKit;
using P2PSim.Transport;

namespace P2PSim.DirectoryServer.Tests;

/// <summary>
/// The classic operations end to end through real sessions, over the in-memory transport and TCP alike, on the memory
/// and durable registry stores.
/// </summary>
public sealed class ServerScenarioTests : IAsyncLifetime
{
    private const string Now = "24/11/2026 20:15:00";

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("p2psim-scenario-");
    private readonly List<IAsyncDisposable> _stores = [];

    /// <summary>The registry store a scenario's server runs on (Redis's run in the integration tests).</summary>
    public enum Store
    {
        Memory,
        Durable,
    }

    public static TheoryData<TransportKind, Store> TransportsAndStores
    {
        get
        {
            var data = new TheoryData<TransportKind, Store>();
            foreach (var kind in new[] { TransportKind.InMemory, TransportKind.Tcp })
            {
                foreach (var store in Enum.GetValues<Store>())
                {
                    data.Add(kind, store);
                }
            }

            return data;
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        _folder.Delete(recursive: true);
    }

    [Theory]
    [MemberData(nameof(TransportsAndStores))]
    public async Task Full_classic_session_gives_the_spec_codes(TransportKind kind, Store store)
    {
        var transport = TestNetwork.Create(kind).Transport;
        var registry = await OpenAsync(store);
        await using var server = await DirectoryServerHost.StartAsync(transport, TestNetwork.AnyPort, registry: registry);

        await ClassicSessionScripts.FullSessionGivesTheSpecCodesAsync(new RawClassicClient(transport, server.EndPoint), server.Registry);
    }

    [Theory]
    [MemberData(nameof(TransportsAndStores))]
    public async Task A_large_list_of_users_follows_every_change_to_it(TransportKind kind, Store store)
    {
        var transport = TestNetwork.Create(kind).Transport;
        var registry = await OpenAsync(store);
        await using var server = await DirectoryServerHost.StartAsync(transport, TestNetwork.AnyPort, registry: registry);

        await ClassicSessionScripts.LargeListFollowsEveryChangeAsync(new RawClassicClient(transport, server.EndPoint));
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

    /// <summary>A fresh store of the kind asked for, closed after the test's server has stopped.</summary>
    private async Task<IRegistryStore> OpenAsync(Store store)
    {
        switch (store)
        {
            case Store.Memory:
                return new DirectoryRegistry();
            case Store.Durable:
                var durable = await DurableRegistryStore.OpenAsync(_folder.FullName);
                _stores.Add(durable);
                return durable;
            default:
                throw new ArgumentOutOfRangeException(nameof(store), store, null);
        }
    }
}
