using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using P2PSim.DirectoryServer.Accounts;
using P2PSim.DirectoryServer.Registry;
using P2PSim.DirectoryServer.Sessions;
using P2PSim.Transport;
using P2PSim.Transport.Hosting;
using P2PSim.Transport.Timing;

namespace P2PSim.DirectoryServer;

/// <summary>
/// The directory server's accept loop: a <see cref="ConnectionDispatcher"/> running one
/// <see cref="DirectorySession"/> per connection, at most <see cref="DirectoryServerOptions.MaxConnections"/> at once.
/// Runs on any <see cref="IConnectionListener"/>; <see cref="DirectoryServerHost"/> binds one and runs it.
/// </summary>
public sealed class DirectoryServer : IConnectionServer
{
    private readonly DirectoryService _service;
    private readonly AccountService _accounts;
    private readonly DirectoryServerOptions _options;
    private readonly ILogger _logger;
    private readonly ConnectionDispatcher _dispatcher;
    private readonly ListReplyCache _replies = new();
    private readonly PresenceTracker _presence;

    // The server's stop signal, for sessions: persistent ones end at once (with a Close frame) instead of waiting
    // out the drain, which one-shot connections need.
    private CancellationToken _stopping;

    /// <summary>Creates a server over <paramref name="service"/>.</summary>
    public DirectoryServer(DirectoryService service, DirectoryServerOptions? options = null, ILogger? logger = null)
    {
        _service = service;
        _options = options ?? new DirectoryServerOptions();
        _logger = logger ?? NullLogger.Instance;
        _accounts = new AccountService(service.Registry, _options.Accounts, _options.TimeProvider, _logger, service.Sink);
        _presence = new PresenceTracker(service.Registry, service.Sink, _options.Sessions.PresenceGrace, _options.TimeProvider, _logger);
        _dispatcher = new ConnectionDispatcher(
            _options.MaxConnections,
            (connection, abort) => new DirectorySession(connection, _service, _accounts, _replies, _presence, _options, _logger).RunAsync(abort, _stopping),
            connection => Log.ConnectionLimitReached(_logger, _options.MaxConnections, connection.RemoteEndPoint.ToString()),
            (connection, error) => Log.SessionCrashed(_logger, error, connection.Id));
    }

    /// <summary>The registry store the server's service changes, for inspection.</summary>
    public IRegistryStore Registry => _service.Registry;

    /// <summary>Password accounts: creation, login and the guessing throttle.</summary>
    public AccountService Accounts => _accounts;

    /// <summary>Sessions running now.</summary>
    public int ActiveSessions => _dispatcher.Active;

    /// <summary>Grace periods running now: one per lost session that left users orphaned (docs/sessions.md §7).</summary>
    public int PresenceGracePending => _presence.Pending;

    /// <summary>Completes when every presence grace period running now has ended (users expired or resumed).</summary>
    public Task WhenPresenceSettledAsync() => _presence.WhenIdleAsync();

    /// <summary>
    /// Accepts and serves connections until <paramref name="stopping"/> is cancelled or the listener is disposed.
    /// Then it stops accepting, lets running sessions finish for up to the drain timeout, and aborts the rest.
    /// The caller owns the listener.
    /// </summary>
    public async Task RunAsync(IConnectionListener listener, CancellationToken stopping)
    {
        _stopping = stopping;
        _presence.Adopt(_service.Registry.OrphanedAtOpen, stopping);
        var collecting = _service.Registry.OrphanCollection == Timeout.InfiniteTimeSpan ? Task.CompletedTask : CollectOrphansAsync(stopping);
        Log.Listening(_logger, listener.LocalEndPoint.ToString());
        try
        {
            await _dispatcher.RunAsync(listener, _options.DrainTimeout, stopping, _options.TimeProvider);
        }
        finally
        {
            await collecting;
        }
    }

    /// <summary>
    /// On a store other servers share: takes over, now and then, the users of servers that died with sessions
    /// open, and starts their grace periods here (docs/registry-stores.md §4).
    /// </summary>
    private async Task CollectOrphansAsync(CancellationToken stopping)
    {
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                await ClockDelay.DelayAsync(_service.Registry.OrphanCollection, _options.TimeProvider, stopping);
                try
                {
                    _presence.Adopt(await _service.Registry.CollectOrphansAsync(), stopping);
                }
                catch (RegistryUnavailableException)
                {
                    // The store logs the outage once (event 2051); the next round tries again.
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The server is stopping.
        }
    }
}
