using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using P2PSim.Transport;
using P2PSim.Transport.Hosting;

namespace P2PSim.LogService;

/// <summary>
/// The log service over TCP (or any <see cref="IConnectionListener"/>): a <see cref="ConnectionDispatcher"/>
/// running one session per connection, many calls per connection. <see cref="LogServerHost"/> binds it, with UDP
/// beside it.
/// </summary>
public sealed class LogServer : IConnectionServer
{
    private readonly LogServerOptions _options;
    private readonly ILogger _logger;
    private readonly ConnectionDispatcher _dispatcher;

    /// <summary>Creates a server answering with <paramref name="dispatcher"/>.</summary>
    public LogServer(LogRpcDispatcher dispatcher, LogServerOptions? options = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(dispatcher);
        _options = options ?? new LogServerOptions();
        _logger = logger ?? NullLogger.Instance;
        _dispatcher = new ConnectionDispatcher(
            _options.MaxConnections,
            (connection, abort) => new LogSession(connection, dispatcher, _options, _logger).RunAsync(abort),
            connection => Log.ConnectionLimitReached(_logger, _options.MaxConnections, connection.RemoteEndPoint.ToString()),
            (connection, error) => Log.SessionCrashed(_logger, error, connection.Id));
    }

    /// <summary>
    /// The UDP address the same service also answers on (the TCP port), or null when its host runs no UDP endpoint.
    /// </summary>
    public TransportEndPoint? UdpEndPoint { get; internal init; }

    /// <summary>Connections being served now.</summary>
    public int ActiveConnections => _dispatcher.Active;

    /// <summary>
    /// Serves connections until <paramref name="stopping"/> is cancelled or the listener is disposed, then drains
    /// (bounded by <see cref="LogServerOptions.DrainTimeout"/>). The caller owns the listener.
    /// </summary>
    public async Task RunAsync(IConnectionListener listener, CancellationToken stopping)
    {
        ArgumentNullException.ThrowIfNull(listener);
        Log.Listening(_logger, listener.LocalEndPoint.ToString());
        await _dispatcher.RunAsync(listener, _options.DrainTimeout, stopping, _options.TimeProvider);
    }
}
