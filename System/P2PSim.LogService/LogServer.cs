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
            new ConnectionLimits(_options.MaxConnections, _options.MaxIdleConnections, _options.MaxConnectionsPerAddress),
            (connection, slot, abort) => new LogSession(connection, slot, dispatcher, _options, _logger).RunAsync(abort),
            (connection, why) => Log.ConnectionLimitReached(_logger, Describe(why), connection.RemoteEndPoint.ToString()),
            (connection, error) => Log.SessionCrashed(_logger, error, connection.Id));
    }

    /// <summary>
    /// The UDP address the same service also answers on (the TCP port), or null when its host runs no UDP endpoint.
    /// </summary>
    public TransportEndPoint? UdpEndPoint { get; internal init; }

    /// <summary>Connections being served now: those that have sent a record.</summary>
    public int ActiveConnections => _dispatcher.Active;

    /// <summary>Connections open now, whether or not they have sent a record.</summary>
    public int OpenConnections => _dispatcher.Open;

    private string Describe(ConnectionRefusal why) => why switch
    {
        ConnectionRefusal.PerAddressLimit => $"{_options.MaxConnectionsPerAddress} connections from one address",
        ConnectionRefusal.IdleEvicted => $"{_options.MaxIdleConnections} connections waiting for a record; closed the oldest",
        _ => $"{_options.MaxConnections} connections",
    };

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
