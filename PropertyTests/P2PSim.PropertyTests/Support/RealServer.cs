using P2PSim.DirectoryServer;
using P2PSim.DirectoryServer.Registry;
using P2PSim.Protocol;
using P2PSim.Transport;

namespace P2PSim.PropertyTests.Support;

/// <summary>The product: <see cref="RunningDirectoryServer"/> with its real sessions and registry.</summary>
internal sealed class RealServer(RunningDirectoryServer server) : IServerUnderTest
{
    /// <summary>The factory properties use unless they test a planted variant.</summary>
    public static ServerFactory Factory { get; } = StartAsync;

    public TransportEndPoint EndPoint => server.EndPoint;

    public IReadOnlyList<RegisteredUser> Snapshot() => server.Registry.Snapshot();

    public ValueTask DisposeAsync() => server.DisposeAsync();

    private static async Task<IServerUnderTest> StartAsync(ITransport transport, TransportEndPoint bindAt, ResultEncoding encoding) =>
        new RealServer(await RunningDirectoryServer.StartAsync(transport, bindAt, new DirectoryServerOptions { ResultEncoding = encoding }));
}
