using Microsoft.Extensions.Logging;
using P2PSim.Transport;

namespace P2PSim.Peer.Serving;

/// <summary>
/// A <see cref="FileServer"/> bound and running: what the shell holds between CONNECT and DISCONNECT, and what
/// tests and fixtures start. Disposing stops it (running transfers are cut) and unbinds.
/// </summary>
public sealed class RunningFileServer : IAsyncDisposable
{
    private readonly IConnectionListener _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _run;
    private int _disposed;

    private RunningFileServer(IConnectionListener listener, FileServer server)
    {
        _listener = listener;
        Server = server;
        _run = server.RunAsync(listener, _stopping.Token);
    }

    /// <summary>The address peers connect to (the real port when 0 was asked for).</summary>
    public TransportEndPoint EndPoint => _listener.LocalEndPoint;

    /// <summary>The server itself.</summary>
    public FileServer Server { get; }

    /// <summary>Completes when the server has stopped.</summary>
    public Task Completion => _run;

    /// <summary>Binds <paramref name="endPoint"/> on <paramref name="transport"/> and starts serving.</summary>
    public static async Task<RunningFileServer> StartAsync(
        ITransport transport,
        TransportEndPoint endPoint,
        FileServerOptions options,
        ILogger? logger = null,
        CancellationToken cancellationToken = default)
    {
        var server = new FileServer(options, logger);
        var listener = await transport.BindAsync(endPoint, cancellationToken);
        return new RunningFileServer(listener, server);
    }

    /// <summary>Stops accepting, cuts running transfers and unbinds. Safe to call more than once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _stopping.Cancel(); // Cancel, not CancelAsync: its callbacks would run on a thread Coyote does not control
        await _listener.DisposeAsync();
        await _run;
        _stopping.Dispose();
    }
}
