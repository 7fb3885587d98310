using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using P2PSim.Transport;

namespace P2PSim.DirectoryServer;

/// <summary>
/// The accept loop: one session task per connection (the brief's thread-per-connection, as async tasks), at most
/// <see cref="DirectoryServerOptions.MaxConnections"/> at once. Runs on any <see cref="IConnectionListener"/>.
/// </summary>
public sealed class DirectoryServer
{
    private readonly DirectoryService _service;
    private readonly DirectoryServerOptions _options;
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private int _active;
    private TaskCompletionSource<bool>? _drained;

    /// <summary>Creates a server over <paramref name="service"/>.</summary>
    public DirectoryServer(DirectoryService service, DirectoryServerOptions? options = null, ILogger? logger = null)
    {
        _service = service;
        _options = options ?? new DirectoryServerOptions();
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Sessions running now.</summary>
    public int ActiveSessions
    {
        get
        {
            lock (_gate)
            {
                return _active;
            }
        }
    }

    /// <summary>
    /// Accepts and serves connections until <paramref name="stopping"/> is cancelled or the listener is disposed.
    /// Then it stops accepting, lets running sessions finish for up to the drain timeout, and aborts the rest.
    /// The caller owns the listener.
    /// </summary>
    public async Task RunAsync(IConnectionListener listener, CancellationToken stopping)
    {
        Log.Listening(_logger, listener.LocalEndPoint.ToString());
        using var abort = new CancellationTokenSource();
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                var connection = await listener.AcceptAsync(stopping);
                if (connection is null)
                {
                    break;
                }

                Start(connection, abort.Token);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }

        await DrainAsync();
        abort.Cancel(); // Cancel, not CancelAsync: its callbacks would run on a thread Coyote does not control
    }

    private void Start(IConnection connection, CancellationToken abort)
    {
        lock (_gate)
        {
            if (_active >= _options.MaxConnections)
            {
                Log.ConnectionLimitReached(_logger, _options.MaxConnections, connection.RemoteEndPoint.ToString());
                connection.Abort();
                return;
            }

            _active++;
        }

        // Task.Run: a request that is already buffered would otherwise run its whole session inline here and hold
        // up the accept loop.
        _ = Task.Run(() => RunSessionAsync(connection, abort), CancellationToken.None);
    }

    private async Task RunSessionAsync(IConnection connection, CancellationToken abort)
    {
        try
        {
            await new DirectorySession(connection, _service, _options, _logger).RunAsync(abort);
        }
        catch (Exception e)
        {
            // A bug in one session must not take the server down; it is logged loudly instead.
            Log.SessionCrashed(_logger, e, connection.Id);
        }
        finally
        {
            TaskCompletionSource<bool>? drained = null;
            lock (_gate)
            {
                _active--;
                if (_active == 0)
                {
                    drained = _drained;
                }
            }

            drained?.TrySetResult(true);
        }
    }

    private async Task DrainAsync()
    {
        TaskCompletionSource<bool> drained;
        lock (_gate)
        {
            if (_active == 0)
            {
                return;
            }

            drained = _drained = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            Log.Stopping(_logger, _active);
        }

        using var cancelDelay = new CancellationTokenSource();
        // The TimeProvider overload only when a fake clock is injected: Coyote controls plain Task.Delay, not timers.
        var delay = _options.TimeProvider == TimeProvider.System
            ? Task.Delay(_options.DrainTimeout, cancelDelay.Token)
            : Task.Delay(_options.DrainTimeout, _options.TimeProvider, cancelDelay.Token);
        await Task.WhenAny(new[] { drained.Task, delay }); // an array: Coyote does not intercept the span overload
        cancelDelay.Cancel();
    }
}
