using P2PSim.Protocol;
using P2PSim.Protocol.Sessions;
using P2PSim.Transport.Timing;

namespace P2PSim.Peer.Sessions;

/// <summary>
/// The session's one timer: instead of a deadline per call, a loop that wakes when the oldest request would be
/// late, fails the session if it is (replies come in order, so every reply behind it would be late too), bounds a
/// write that does not finish, and pings when nothing was sent for the heartbeat interval. Heartbeats go both ways
/// (docs/sessions.md §7): the server answers every ping, so a server that sent nothing at all, not even a pong, for
/// the heartbeat interval plus the timeout is gone (a network cut, a frozen host), and the session ends.
/// </summary>
public sealed partial class DirectorySessionClient
{
    /// <summary>How often an idle watchdog looks again, as a share of the timeout: a request queued meanwhile is failed at most this much late.</summary>
    private const int ChecksPerTimeout = 4;

    private async Task WatchAsync(TimeSpan heartbeat)
    {
        var timeout = _options.Timeout;
        uint pings = 0;
        try
        {
            while (true)
            {
                var now = _clock.GetTimestamp();
                var wait = Timeout.InfiniteTimeSpan;
                if (timeout != Timeout.InfiniteTimeSpan)
                {
                    if (Overdue(now, timeout, out var left) is { } late)
                    {
                        Fail(late);
                        return;
                    }

                    wait = left;
                }

                if (heartbeat != Timeout.InfiniteTimeSpan && timeout != Timeout.InfiniteTimeSpan)
                {
                    var silent = _clock.GetElapsedTime(Volatile.Read(ref _lastReceived), now);
                    if (silent >= heartbeat + timeout)
                    {
                        Fail(Unavailable(Server, $"sent nothing, not even a PONG, for {Seconds(silent)} s"));
                        return;
                    }

                    wait = Min(wait, heartbeat + timeout - silent);
                }

                if (heartbeat != Timeout.InfiniteTimeSpan)
                {
                    var idle = _clock.GetElapsedTime(Volatile.Read(ref _lastSent), now);
                    if (idle >= heartbeat)
                    {
                        _ = SendControlAsync(SessionFrameKind.Ping, ++pings); // never throws; a write that hangs is bounded above
                        idle = TimeSpan.Zero;
                    }

                    wait = wait == Timeout.InfiniteTimeSpan || heartbeat - idle < wait ? heartbeat - idle : wait;
                }

                await ClockDelay.DelayAsync(wait, _clock, _closing.Token);
            }
        }
        catch (OperationCanceledException) when (_closing.IsCancellationRequested)
        {
            // The session ended; whoever ended it told the waiting calls.
        }
    }

    /// <summary>
    /// The reason to end the session when the oldest request or the write under way is older than
    /// <paramref name="timeout"/>; otherwise null, with the time until the next look in <paramref name="left"/>.
    /// </summary>
    private DirectoryUnavailableException? Overdue(long now, TimeSpan timeout, out TimeSpan left)
    {
        left = timeout / ChecksPerTimeout;
        var writeStarted = Volatile.Read(ref _writeStartedAt);
        if (writeStarted != 0)
        {
            var writing = _clock.GetElapsedTime(writeStarted, now);
            if (writing >= timeout)
            {
                return Unavailable(Server, $"did not take the frames written within {Seconds(timeout)} s (the write was cut off)");
            }

            left = Min(left, timeout - writing);
        }

        PendingReply? oldest;
        lock (_gate)
        {
            _pending.TryPeek(out oldest);
        }

        if (oldest is not null)
        {
            var waited = _clock.GetElapsedTime(oldest.QueuedAt, now);
            if (waited >= timeout)
            {
                return Unavailable(Server, $"did not send the {oldest.Operation.WireName()} reply within {Seconds(timeout)} s");
            }

            left = Min(left, timeout - waited);
        }

        return null;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
}
