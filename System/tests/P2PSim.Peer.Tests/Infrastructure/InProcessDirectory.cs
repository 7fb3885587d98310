using P2PSim.DirectoryServer;
using P2PSim.DirectoryServer.Registry;
using P2PSim.Transport;

namespace P2PSim.Peer.Tests.Infrastructure;

/// <summary>A real directory server on the test's transport, stopped on dispose.</summary>
internal sealed class InProcessDirectory : IAsyncDisposable
{
    private readonly IConnectionListener _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _run;

    private InProcessDirectory(IConnectionListener listener, DirectoryRegistry registry, IOperationSink? sink, DirectoryServerOptions options)
    {
        _listener = listener;
        Registry = registry;
        var server = new P2PSim.DirectoryServer.DirectoryServer(new DirectoryService(registry, sink), options);
        _run = server.RunAsync(listener, _stopping.Token);
    }

    public TransportEndPoint EndPoint => _listener.LocalEndPoint;

    public DirectoryRegistry Registry { get; }

    public static async Task<InProcessDirectory> StartAsync(
        ITransport transport, IOperationSink? sink = null, DirectoryServerOptions? options = null)
    {
        var listener = await transport.BindAsync(TestNetwork.AnyPort);
        return new InProcessDirectory(listener, new DirectoryRegistry(), sink, options ?? new DirectoryServerOptions());
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _listener.DisposeAsync();
        await _run;
        _stopping.Dispose();
    }
}
