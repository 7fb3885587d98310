using P2PSim.DirectoryServer;
using P2PSim.DirectoryServer.Registry;
using P2PSim.DirectoryServer.Registry.Durable;
using P2PSim.Transport;
using P2PSim.Transport.Hosting;

namespace P2PSim.PropertyTests.Support;

/// <summary>A real directory server on the durable store (docs/registry-stores.md §3), in a fresh folder per case.</summary>
internal sealed class DurableServer : IServerUnderTest
{
    private readonly RunningServer<DirectoryServer.DirectoryServer> _server;
    private readonly DurableRegistryStore _store;
    private readonly DirectoryInfo _folder;

    private DurableServer(RunningServer<DirectoryServer.DirectoryServer> server, DurableRegistryStore store, DirectoryInfo folder)
    {
        _server = server;
        _store = store;
        _folder = folder;
    }

    public static ServerFactory Factory { get; } = async (transport, bindAt, encoding) =>
    {
        var folder = Directory.CreateTempSubdirectory("p2psim-model-store-");
        var store = await DurableRegistryStore.OpenAsync(folder.FullName);
        var server = await DirectoryServerHost.StartAsync(
            transport, bindAt, new DirectoryServerOptions { ResultEncoding = encoding }, registry: store);
        return new DurableServer(server, store, folder);
    };

    public TransportEndPoint EndPoint => _server.EndPoint;

    public ValueTask<IReadOnlyList<RegisteredUser>> SnapshotAsync() => _store.SnapshotAsync();

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _store.DisposeAsync();
        _folder.Delete(recursive: true);
    }
}
