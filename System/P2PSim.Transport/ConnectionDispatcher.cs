using P2PSim.Transport.Timing;

namespace P2PSim.Transport;

/// <summary>
/// The accept loop every P2PSim server shares: one task per connection (the brief's thread-per-connection, as
/// async tasks), a bounded number at once (a connection past a limit is aborted at once, so overload sheds instead
/// of queuing), and an orderly stop: stop accepting, give running connections a grace period, cancel the rest and
/// wait for them to end.
/// </summary>
/// <remarks>
/// Two ways to count. With a plain <c>maxConnections</c> every accepted connection counts toward it. With
/// <see cref="ConnectionLimits"/> a connection counts toward the limit only once its handler has read a request
/// (<see cref="ConnectionSlot.TryActivate"/>); until then it is idle, a few per client address, and the oldest idle
/// one is aborted when too many wait: connections that never send anything cannot lock real clients out.
/// </remarks>
public sealed class ConnectionDispatcher
{
    private readonly object _gate = new();
    private readonly ConnectionLimits _limits;
    private readonly bool _countAtAccept;
    private readonly Func<IConnection, ConnectionSlot, CancellationToken, Task> _handleAsync;
    private readonly Action<IConnection, ConnectionRefusal>? _onRefused;
    private readonly Action<IConnection, Exception>? _onCrashed;
    private readonly Dictionary<string, int> _perAddress = new(StringComparer.OrdinalIgnoreCase);
    private readonly LinkedList<ConnectionSlot> _idleSlots = new(); // oldest first
    private int _open;
    private int _active;
    private TaskCompletionSource<bool>? _idle;

    /// <summary>Every accepted connection counts toward <paramref name="maxConnections"/>.</summary>
    /// <param name="maxConnections">Connections served at once.</param>
    /// <param name="handleAsync">Serves one connection; its token is cancelled when the grace period is over.</param>
    /// <param name="onRefused">Told about a connection refused because of the limit (for logging).</param>
    /// <param name="onCrashed">Told about a handler that threw (for logging); the connection is then aborted.</param>
    public ConnectionDispatcher(
        int maxConnections,
        Func<IConnection, CancellationToken, Task> handleAsync,
        Action<IConnection>? onRefused = null,
        Action<IConnection, Exception>? onCrashed = null)
    {
        ArgumentNullException.ThrowIfNull(handleAsync);
        _limits = new ConnectionLimits(maxConnections, int.MaxValue, int.MaxValue);
        _countAtAccept = true;
        _handleAsync = (connection, _, abort) => handleAsync(connection, abort);
        _onRefused = onRefused is null ? null : (connection, _) => onRefused(connection);
        _onCrashed = onCrashed;
    }

    /// <summary>
    /// A connection counts toward <see cref="ConnectionLimits.MaxActive"/> once its handler calls
    /// <see cref="ConnectionSlot.TryActivate"/>; see <see cref="ConnectionLimits"/>.
    /// </summary>
    /// <param name="limits">The limits; each at least 1.</param>
    /// <param name="handleAsync">Serves one connection; its token is cancelled when the grace period is over.</param>
    /// <param name="onRefused">Told about a connection closed by a limit and why (for logging).</param>
    /// <param name="onCrashed">Told about a handler that threw (for logging); the connection is then aborted.</param>
    public ConnectionDispatcher(
        ConnectionLimits limits,
        Func<IConnection, ConnectionSlot, CancellationToken, Task> handleAsync,
        Action<IConnection, ConnectionRefusal>? onRefused = null,
        Action<IConnection, Exception>? onCrashed = null)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(handleAsync);
        limits.Validate();
        _limits = limits;
        _handleAsync = handleAsync;
        _onRefused = onRefused;
        _onCrashed = onCrashed;
    }

    /// <summary>
    /// Connections being served now: every open one when counted at accept, else those that have sent a request.
    /// </summary>
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

    /// <summary>Connections open now, idle or active.</summary>
    public int Open
    {
        get
        {
            lock (_gate)
            {
                return _open;
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
        ArgumentOutOfRangeException.ThrowIfLessThan(_limits.MaxActive, 1);
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
        ConnectionSlot slot;
        ConnectionSlot? evicted = null;
        lock (_gate)
        {
            if (_countAtAccept)
            {
                if (_active >= _limits.MaxActive)
                {
                    Refuse(connection, ConnectionRefusal.ActiveLimit);
                    return;
                }

                slot = new ConnectionSlot(this, connection, string.Empty) { IsActive = true };
                _active++;
            }
            else
            {
                var address = connection.RemoteEndPoint.Host;
                _perAddress.TryGetValue(address, out var fromAddress);
                if (fromAddress >= _limits.MaxPerAddress)
                {
                    // The address's oldest idle connection gives way; refused only when all of them are served.
                    // (Refusing the newcomer instead would let idle connections lock out their own host: on one
                    // machine every client, a directory server's log sink too, shares 127.0.0.1.)
                    evicted = OldestIdleFrom(address);
                    if (evicted is null)
                    {
                        Refuse(connection, ConnectionRefusal.PerAddressLimit);
                        return;
                    }
                }
                else if (_idleSlots.Count >= _limits.MaxIdle)
                {
                    evicted = _idleSlots.First!.Value;
                }

                if (evicted is not null)
                {
                    // Off the idle list and its address's count now, to make room; off the open count when its
                    // handler ends.
                    _idleSlots.Remove(evicted.IdleNode!);
                    evicted.IdleNode = null;
                    evicted.Evicted = true;
                    ReleaseAddress(evicted.Address);
                }

                _perAddress[address] = _perAddress.GetValueOrDefault(address) + 1;
                slot = new ConnectionSlot(this, connection, address);
                slot.IdleNode = _idleSlots.AddLast(slot);
            }

            _open++;
        }

        if (evicted is not null)
        {
            // Its handler sees the reset and ends; it leaves the open count then, in its own finally.
            Refuse(evicted.Connection, ConnectionRefusal.IdleEvicted);
        }

        _ = ServeAsync(slot, abort);
    }

    /// <summary>The oldest connection from <paramref name="address"/> still waiting for its request (under the lock).</summary>
    private ConnectionSlot? OldestIdleFrom(string address)
    {
        for (var node = _idleSlots.First; node is not null; node = node.Next)
        {
            if (string.Equals(node.Value.Address, address, StringComparison.OrdinalIgnoreCase))
            {
                return node.Value;
            }
        }

        return null;
    }

    private void Refuse(IConnection connection, ConnectionRefusal why)
    {
        _onRefused?.Invoke(connection, why);
        connection.Abort();
    }

    internal bool TryActivate(ConnectionSlot slot)
    {
        lock (_gate)
        {
            if (slot.IsActive)
            {
                return true;
            }

            if (slot.Evicted || _active >= _limits.MaxActive)
            {
                return false;
            }

            _idleSlots.Remove(slot.IdleNode!);
            slot.IdleNode = null;
            slot.IsActive = true;
            _active++;
            return true;
        }
    }

    private async Task ServeAsync(ConnectionSlot slot, CancellationToken abort)
    {
        // Off the accept loop first: a request that is already buffered would otherwise run its whole handler inline
        // and hold up the accept loop. Task.Yield rather than Task.Run: it queues to the caller's scheduler — the
        // thread pool in a host, exactly as Task.Run did, but the single-threaded pump in a simulated run, so
        // sessions never escape the deterministic scheduler.
        await Task.Yield();
        var connection = slot.Connection;
        try
        {
            await _handleAsync(connection, slot, abort);
        }
        catch (Exception e)
        {
            // A bug in one handler must not take the server down; it is reported instead.
            _onCrashed?.Invoke(connection, e);
            connection.Abort();
        }
        finally
        {
            TaskCompletionSource<bool>? idle = null;
            lock (_gate)
            {
                Release(slot);
                if (_open == 0)
                {
                    idle = _idle;
                }
            }

            idle?.TrySetResult(true);
        }
    }

    /// <summary>Takes an ended connection off every count (under the lock).</summary>
    private void Release(ConnectionSlot slot)
    {
        _open--;
        if (slot.IsActive)
        {
            _active--;
        }

        if (slot.IdleNode is not null)
        {
            _idleSlots.Remove(slot.IdleNode);
            slot.IdleNode = null;
        }

        if (!_countAtAccept && !slot.Evicted)
        {
            ReleaseAddress(slot.Address);
        }
    }

    private void ReleaseAddress(string address)
    {
        var left = _perAddress[address] - 1;
        if (left == 0)
        {
            _perAddress.Remove(address);
        }
        else
        {
            _perAddress[address] = left;
        }
    }

    private Task WaitIdleAsync()
    {
        lock (_gate)
        {
            if (_open == 0)
            {
                return Task.CompletedTask;
            }

            _idle ??= new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            return _idle.Task;
        }
    }
}
