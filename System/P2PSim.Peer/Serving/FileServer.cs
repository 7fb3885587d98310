using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using P2PSim.Transport;

namespace P2PSim.Peer.Serving;

/// <summary>
/// A peer's GET_FILE server (spec §3): serves files of one share folder over any <see cref="IConnectionListener"/>,
/// one task per connection, at most <see cref="FileServerOptions.MaxConnections"/> at once. Nothing a client sends
/// can crash it or make it read outside the share folder.
/// </summary>
public sealed class FileServer
{
    private readonly FileServerOptions _options;
    private readonly ShareFolder _share;
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private int _active;
    private TaskCompletionSource<bool>? _drained;

    public FileServer(FileServerOptions options, ILogger? logger = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxConnections, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BufferSize, 1);
        _options = options;
        _share = new ShareFolder(options.ShareDirectory);
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The share folder's full path.</summary>
    public string ShareDirectory => _share.Root;

    /// <summary>Transfers running now.</summary>
    public int ActiveConnections
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
    /// Accepts and serves connections until <paramref name="stopping"/> is cancelled or the listener is disposed,
    /// then cancels running transfers (their clients see a reset, never a short file that looks complete) and
    /// returns once they have ended. The caller owns the listener.
    /// </summary>
    public async Task RunAsync(IConnectionListener listener, CancellationToken stopping)
    {
        Log.FileServerListening(_logger, listener.LocalEndPoint.ToString(), _share.Root);
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

        abort.Cancel(); // Cancel, not CancelAsync: its callbacks would run on a thread Coyote does not control
        await DrainAsync();
    }

    private void Start(IConnection connection, CancellationToken abort)
    {
        lock (_gate)
        {
            if (_active >= _options.MaxConnections)
            {
                Log.FileConnectionLimitReached(_logger, _options.MaxConnections, connection.RemoteEndPoint.ToString());
                connection.Abort();
                return;
            }

            _active++;
        }

        // Task.Run: a request already buffered would otherwise run its whole transfer inline in the accept loop.
        _ = Task.Run(() => RunSessionAsync(connection, abort), CancellationToken.None);
    }

    private async Task RunSessionAsync(IConnection connection, CancellationToken abort)
    {
        try
        {
            await new FileSession(connection, _share, _options, _logger).RunAsync(abort);
        }
        catch (Exception e)
        {
            // A bug in one transfer must not take the server down; it is logged loudly instead.
            Log.FileSessionCrashed(_logger, e, connection.Id);
            connection.Abort();
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

    /// <summary>Waits for the running transfers, already cancelled, to finish: each ends at its next await.</summary>
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
        }

        await drained.Task;
    }
}
