using P2PSim.DirectoryServer;
using P2PSim.DirectoryServer.Registry;
using P2PSim.Protocol;
using P2PSim.Transport;
using P2PSim.Transport.Hosting;

namespace P2PSim.PropertyTests.Support;

/// <summary>The product: <see cref="DirectoryServerHost"/> with its real sessions and registry.</summary>
internal sealed class RealServer(RunningServer<P2PSim.DirectoryServer.DirectoryServer> server) : IServerUnderTest
{
    /// <summary>The factory properties use unless they test a planted variant.</summary>
    public static ServerFactory Factory { get; } = StartAsync;

    public TransportEndPoint EndPoint => server.EndPoint;

    public ValueTask<IReadOnlyList<RegisteredUser>> SnapshotAsync() => server.Registry.SnapshotAsync();

    public ValueTask DisposeAsync() => server.DisposeAsync();

    private static async Task<IServerUnderTest> StartAsync(ITransport transport, TransportEndPoint bindAt, ResultEncoding encoding) =>
        new RealServer(await DirectoryServerHost.StartAsync(transport, bindAt, new DirectoryServerOptions { ResultEncoding = encoding }));
}
