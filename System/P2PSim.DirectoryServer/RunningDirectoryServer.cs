using Microsoft.Extensions.Logging;
using P2PSim.DirectoryServer.Registry;
using P2PSim.Transport;

namespace P2PSim.DirectoryServer;

/// <summary>
/// A directory server bound and running on a transport: what hosts, fixtures and tests hold. Disposing stops it
/// (drain, then abort) and unbinds.
/// </summary>
public sealed class RunningDirectoryServer : IAsyncDisposable
{
    private readonly IConnectionListener _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _run;

    private RunningDirectoryServer(IConnectionListener listener, DirectoryServer server, DirectoryRegistry registry)
    {
        _listener = listener;
        Server = server;
        Registry = registry;
        _run = server.RunAsync(listener, _stopping.Token);
    }

    /// <summary>The address clients connect to (the real port when 0 was asked for).</summary>
    public TransportEndPoint EndPoint => _listener.LocalEndPoint;

    /// <summary>The server's registry, for inspection.</summary>
    public DirectoryRegistry Registry { get; }

    /// <summary>The server itself.</summary>
    public DirectoryServer Server { get; }

    /// <summary>Completes when the server has stopped.</summary>
    public Task Completion => _run;

    /// <summary>Binds <paramref name="endPoint"/> on <paramref name="transport"/> and starts serving.</summary>
    public static async Task<RunningDirectoryServer> StartAsync(
        ITransport transport,
        TransportEndPoint endPoint,
        DirectoryServerOptions? options = null,
        IOperationSink? sink = null,
        ILogger? logger = null,
        DirectoryRegistry? registry = null,
        CancellationToken cancellationToken = default)
    {
        registry ??= new DirectoryRegistry();
        var listener = await transport.BindAsync(endPoint, cancellationToken);
        var server = new DirectoryServer(new DirectoryService(registry, sink), options, logger);
        return new RunningDirectoryServer(listener, server, registry);
    }

    /// <summary>Stops accepting, lets running sessions finish (bounded by the drain timeout) and unbinds.</summary>
    public async ValueTask DisposeAsync()
    {
        _stopping.Cancel(); // Cancel, not CancelAsync: its callbacks would run on a thread Coyote does not control
        await _run;
        await _listener.DisposeAsync();
        _stopping.Dispose();
    }
}
