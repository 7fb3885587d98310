using Microsoft.Extensions.Logging;
using P2PSim.DirectoryServer.Registry;
using P2PSim.Protocol;
using P2PSim.Transport.Timing;

namespace P2PSim.DirectoryServer.Sessions;

/// <summary>
/// Presence (docs/sessions.md §7): a user connected over a session stays connected while the session lives. When a
/// session is lost without DISCONNECT (the peer was killed, the network cut, the idle time ran out), its users are
/// orphaned at once, still listed, and disconnected when <see cref="SessionOptions.PresenceGrace"/> runs out, unless
/// a new session resumed them first. The expiry is reported to the operation sink as the DISCONNECT it stands for
/// (console, log service). One tracker per server; the registry numbers the sessions, so that numbers stay unique
/// among servers that share one registry.
/// </summary>
internal sealed class PresenceTracker(
    IRegistryStore registry, IOperationSink? sink, TimeSpan grace, TimeProvider clock, ILogger logger)
{
    private readonly object _gate = new();
    private readonly HashSet<Task> _graces = [];

    /// <summary>Grace periods running now.</summary>
    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _graces.Count;
            }
        }
    }

    /// <summary>A number for a new session, never 0 (which stands for a classic connection).</summary>
    public ValueTask<long> NewSessionAsync() => registry.NewSessionAsync();

    /// <summary>
    /// Session <paramref name="session"/> from <paramref name="remoteHost"/> ended without its users disconnecting:
    /// orphans them now and starts their grace period, which runs on after this returns (the connection's slot is
    /// free meanwhile). <paramref name="stopping"/> ends it early with nothing expired: the server is going away,
    /// and a registry that outlives it (shared, durable) keeps the users orphaned, for their peers to resume on the
    /// next server. Completes once the users are orphaned.
    /// </summary>
    public async Task LostAsync(long session, IReadOnlyCollection<string> users, string remoteHost, CancellationToken stopping)
    {
        var orphaned = new List<string>(users.Count);
        try
        {
            foreach (var user in users)
            {
                if (await registry.OrphanAsync(user, session))
                {
                    orphaned.Add(user);
                    Log.PresenceOrphaned(logger, user, session, grace);
                }
            }
        }
        catch (RegistryUnavailableException e)
        {
            // The store failed: it answers nothing now, and on the next start it orphans these users itself.
            Log.PresenceFailed(logger, e, session);
        }

        StartGrace(session, orphaned, remoteHost, stopping);
    }

    /// <summary>
    /// Starts the grace periods of users the store found orphaned when it opened (a registry that outlived the
    /// server that connected them): they expire unless their peers resume them on this server.
    /// </summary>
    public void Adopt(IReadOnlyList<OrphanedUser> orphans, CancellationToken stopping)
    {
        foreach (var lost in orphans.GroupBy(o => o.Session))
        {
            var users = lost.Select(o => o.User).ToList();
            foreach (var user in users)
            {
                Log.PresenceOrphaned(logger, user, lost.Key, grace);
            }

            StartGrace(lost.Key, users, remoteHost: "", stopping);
        }
    }

    private void StartGrace(long session, List<string> users, string remoteHost, CancellationToken stopping)
    {
        if (users.Count == 0 || stopping.IsCancellationRequested)
        {
            return;
        }

        // Registered before it starts, so that WhenIdleAsync never misses a grace period that already runs.
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _graces.Add(done.Task);
        }

        _ = ExpireAfterGraceAsync(session, users, remoteHost, done, stopping);
    }

    /// <summary>Completes when every grace period running now has ended (tests; a stopping server).</summary>
    public Task WhenIdleAsync()
    {
        lock (_gate)
        {
            return Task.WhenAll(_graces.ToArray()); // an array: Coyote intercepts that overload, not the span one
        }
    }

    private async Task ExpireAfterGraceAsync(
        long session, List<string> users, string remoteHost, TaskCompletionSource done, CancellationToken stopping)
    {
        try
        {
            if (grace > TimeSpan.Zero)
            {
                await ClockDelay.DelayAsync(grace, clock, stopping);
            }

            foreach (var user in users)
            {
                // The registry checks, in the same critical section as the change, that no session resumed the
                // user and nobody disconnected it meanwhile.
                if (await registry.ExpireAsync(user, session))
                {
                    Log.PresenceExpired(logger, user, session, grace);
                    sink?.OnOperation(new OperationRecord(
                        Operation.Disconnect, user, FileName: null, Timestamp: null, ResultCodes.For(Operation.Disconnect, RegistryStatus.Ok), remoteHost));
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The server is stopping: its registry goes with it.
        }
        catch (Exception e)
        {
            Log.PresenceFailed(logger, e, session);
        }
        finally
        {
            lock (_gate)
            {
                _graces.Remove(done.Task);
            }

            done.TrySetResult();
        }
    }
}
