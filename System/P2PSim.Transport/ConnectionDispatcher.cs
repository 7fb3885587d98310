using P2PSim.Transport.Timing;

namespace P2PSim.Transport;

/// <summary>
/// The accept loop every P2PSim server shares: one task per connection (the brief's thread-per-connection, as
/// async tasks), at most <c>maxConnections</c> at once (a connection past the limit is aborted at once, so
/// overload sheds instead of queuing), and an orderly stop: stop accepting, give running connections a grace
/// period, cancel the rest and wait for them to end.
/// </summary>
/// <param name="maxConnections">Connections served at once.</param>
/// <param name="handleAsync">Serves one connection; its token is cancelled when the grace period is over.</param>
/// <param name="onRefused">Told about a connection refused because of the limit (for logging).</param>
/// <param name="onCrashed">Told about a handler that threw (for logging); the connection is then aborted.</param>
public sealed class ConnectionDispatcher(
    int maxConnections,
    Func<IConnection, CancellationToken, Task> handleAsync,
    Action<IConnection>? onRefused = null,
    Action<IConnection, Exception>? onCrashed = null)
{
    private readonly object _gate = new();
    private int _active;
    private TaskCompletionSource<bool>? _idle;

    /// <summary>Connections being served now.</summary>
    public int Active
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
    /// Serves connections from <paramref name="listener"/> until <paramref name="stopping"/> is cancelled or the
    /// listener is disposed. Then waits up to <paramref name="gracePeriod"/> (on <paramref name="clock"/>, the
    /// system clock by default) for running connections to finish, cancels the rest and returns once every handler
    /// has ended. The caller owns the listener.
    /// </summary>
    public async Task RunAsync(IConnectionListener listener, TimeSpan gracePeriod, CancellationToken stopping, TimeProvider? clock = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConnections, 1);
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

        if (gracePeriod == Timeout.InfiniteTimeSpan)
        {
            // No deadline: no delay racing the drain. (Coyote fires every delay it controls after some steps, and a
            // Task.WhenAny over one posts its continuation from a thread Coyote does not run: a false deadlock.)
            await WaitIdleAsync();
        }
        else if (gracePeriod > TimeSpan.Zero)
        {
            using var stopWaiting = new CancellationTokenSource();
            var idle = WaitIdleAsync();
            var grace = ClockDelay.DelayAsync(gracePeriod, clock ?? TimeProvider.System, stopWaiting.Token);
            await Task.WhenAny(new[] { idle, grace }); // an array: Coyote intercepts it
            stopWaiting.Cancel();
        }

        abort.Cancel(); // Cancel, not CancelAsync: its callbacks would run on a thread Coyote does not control
        await WaitIdleAsync();
    }

    private void Start(IConnection connection, CancellationToken abort)
    {
        lock (_gate)
        {
            if (_active >= maxConnections)
            {
                onRefused?.Invoke(connection);
                connection.Abort();
                return;
            }

            _active++;
        }

        _ = ServeAsync(connection, abort);
    }

    private async Task ServeAsync(IConnection connection, CancellationToken abort)
    {
        // Off the accept loop first: a request that is already buffered would otherwise run its whole handler inline
        // and hold up the accept loop. Task.Yield rather than Task.Run: it queues to the caller's scheduler — the
        // thread pool in a host, exactly as Task.Run did, but the single-threaded pump in a simulated run, so
        // sessions never escape the deterministic scheduler.
        await Task.Yield();
        try
        {
            await handleAsync(connection, abort);
        }
        catch (Exception e)
        {
            // A bug in one handler must not take the server down; it is reported instead.
            onCrashed?.Invoke(connection, e);
            connection.Abort();
        }
        finally
        {
            TaskCompletionSource<bool>? idle = null;
            lock (_gate)
            {
                _active--;
                if (_active == 0)
                {
                    idle = _idle;
                }
            }

            idle?.TrySetResult(true);
        }
    }

    private Task WaitIdleAsync()
    {
        lock (_gate)
        {
            if (_active == 0)
            {
                return Task.CompletedTask;
            }

            _idle ??= new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            return _idle.Task;
        }
    }
}
