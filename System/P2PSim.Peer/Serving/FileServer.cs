using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using P2PSim.Protocol.Peer;
using P2PSim.Transport;
using P2PSim.Transport.Hosting;

namespace P2PSim.Peer.Serving;

/// <summary>
/// A peer's file server: GET_FILE (spec §3) and the multi-source extension (GET_MANIFEST, GET_RANGE): serves files of one share folder over any <see cref="IConnectionListener"/>,
/// one task per connection, at most <see cref="FileServerOptions.MaxConnections"/> transfers at once (connections
/// that have not sent a request yet do not count; see <see cref="ConnectionLimits"/>). Nothing a client sends
/// can crash it or make it read outside the share folder. <see cref="FileServerHost"/> binds one and runs it.
/// </summary>
public sealed class FileServer : IConnectionServer
{
    private readonly FileServerOptions _options;
    private readonly ShareFolder _share;
    private readonly ILogger _logger;
    private readonly ConnectionDispatcher _dispatcher;
    private readonly ManifestCache _manifests = new();
    private readonly RangeBudget _ranges;

    public FileServer(FileServerOptions options, ILogger? logger = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxConnections, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxIdleConnections, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxConnectionsPerAddress, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BufferSize, RangeReplyCodec.HeaderLength + 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxRangeBytesInFlight, 1);
        _options = options;
        _share = new ShareFolder(options.ShareDirectory);
        _ranges = new RangeBudget(options.MaxRangeBytesInFlight, options.BufferSize);
        _logger = logger ?? NullLogger.Instance;
        _dispatcher = new ConnectionDispatcher(
            new ConnectionLimits(options.MaxConnections, options.MaxIdleConnections, options.MaxConnectionsPerAddress),
            (connection, slot, abort) => new FileSession(connection, slot, _share, _manifests, _ranges, _options, _logger).RunAsync(abort),
            (connection, why) => Log.FileConnectionLimitReached(_logger, Describe(why), connection.RemoteEndPoint.ToString()),
            (connection, error) => Log.FileSessionCrashed(_logger, error, connection.Id));
    }

    /// <summary>The share folder's full path.</summary>
    public string ShareDirectory => _share.Root;

    /// <summary>Transfers running now: connections that have sent a request.</summary>
    public int ActiveConnections => _dispatcher.Active;

    /// <summary>Connections open now, whether or not they have sent a request.</summary>
    public int OpenConnections => _dispatcher.Open;

    /// <summary>Bytes of GET_RANGE replies held in the server's buffers now.</summary>
    public long RangeBytesBuffered => _ranges.Held;

    /// <summary>The most bytes of GET_RANGE replies the server's buffers have held at once since it started.</summary>
    public long PeakRangeBytesBuffered => _ranges.Peak;

    private string Describe(ConnectionRefusal why) => why switch
    {
        ConnectionRefusal.PerAddressLimit => $"{_options.MaxConnectionsPerAddress} connections from one address",
        ConnectionRefusal.IdleEvicted => $"{_options.MaxIdleConnections} connections waiting for a request; closed the oldest",
        _ => $"{_options.MaxConnections} transfers",
    };

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
