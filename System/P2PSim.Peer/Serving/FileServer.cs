using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using P2PSim.Transport;
using P2PSim.Transport.Hosting;

namespace P2PSim.Peer.Serving;

/// <summary>
/// A peer's file server: GET_FILE (spec §3) and the multi-source extension (GET_MANIFEST, GET_RANGE): serves files of one share folder over any <see cref="IConnectionListener"/>,
/// one task per connection, at most <see cref="FileServerOptions.MaxConnections"/> at once. Nothing a client sends
/// can crash it or make it read outside the share folder. <see cref="FileServerHost"/> binds one and runs it.
/// </summary>
public sealed class FileServer : IConnectionServer
{
    private readonly FileServerOptions _options;
    private readonly ShareFolder _share;
    private readonly ILogger _logger;
    private readonly ConnectionDispatcher _dispatcher;
    private readonly ManifestCache _manifests = new();

    public FileServer(FileServerOptions options, ILogger? logger = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxConnections, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BufferSize, 1);
        _options = options;
        _share = new ShareFolder(options.ShareDirectory);
        _logger = logger ?? NullLogger.Instance;
        _dispatcher = new ConnectionDispatcher(
            options.MaxConnections,
            (connection, abort) => new FileSession(connection, _share, _manifests, _options, _logger).RunAsync(abort),
            connection => Log.FileConnectionLimitReached(_logger, _options.MaxConnections, connection.RemoteEndPoint.ToString()),
            (connection, error) => Log.FileSessionCrashed(_logger, error, connection.Id));
    }

    /// <summary>The share folder's full path.</summary>
    public string ShareDirectory => _share.Root;

    /// <summary>Transfers running now.</summary>
    public int ActiveConnections => _dispatcher.Active;

    /// <summary>
    /// Accepts and serves connections until <paramref name="stopping"/> is cancelled or the listener is disposed,
    /// then cancels running transfers at once (their clients see a reset, never a short file that looks complete)
    /// and returns once they have ended. The caller owns the listener.
    /// </summary>
    public async Task RunAsync(IConnectionListener listener, CancellationToken stopping)
    {
        Log.FileServerListening(_logger, listener.LocalEndPoint.ToString(), _share.Root);
        await _dispatcher.RunAsync(listener, TimeSpan.Zero, stopping);
    }
}
