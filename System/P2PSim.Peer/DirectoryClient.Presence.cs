using P2PSim.Peer.Sessions;
using P2PSim.Protocol;
using P2PSim.Protocol.Messages;
using P2PSim.Transport.Timing;

namespace P2PSim.Peer;

/// <summary>
/// Presence over sessions (docs/sessions.md §7): the user this client CONNECTed over its session stays connected
/// on the server while the session lives, and for a grace period after it is lost. When the session is lost (not
/// disposed), this client opens a new one, logs in again and sends the same CONNECT, which the server takes as a
/// resume: the user never leaves LIST_USERS. CONNECT, DISCONNECT and UNREGISTER go one at a time with the resume, so
/// a resume never brings back a user that was just disconnected on purpose.
/// </summary>
public sealed partial class DirectoryClient
{
    /// <summary>Attempts to resume a lost session's presence before giving up; with the back-off, about a minute and a half.</summary>
    internal const int ResumeAttempts = 20;

    private static readonly TimeSpan FirstResumeDelay = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxResumeDelay = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _presenceGate = new(1, 1);
    private readonly CancellationTokenSource _disposing = new();
    private readonly object _watchGate = new();
    private readonly List<Task> _watches = [];
    private Present? _presence;

    /// <summary>
    /// Whether a user CONNECTed over a session is kept present across a lost session (see the type's remarks); on by
    /// default. Matters only with <see cref="UseSessions"/>.
    /// </summary>
    public bool TrackPresence { get; init; } = true;

    /// <summary>The user this client keeps connected over its session; null when it keeps none.</summary>
    public string? PresentAs => Volatile.Read(ref _presence) is { } presence ? presence.User : null;

    /// <summary>Raised, with the user's name, when a lost session's presence was resumed on a new session.</summary>
    public event Action<string>? PresenceResumed;

    private bool ChangesPresence(DirectoryRequest request) =>
        UseSessions && TrackPresence && request is ConnectRequest or DisconnectRequest or UnregisterRequest;

    private async Task<DirectoryReply> SendInPresenceOrderAsync(DirectoryRequest request, CancellationToken cancellationToken)
    {
        await _presenceGate.WaitAsync(cancellationToken);
        try
        {
            return await SendOnceAsync(request, cancellationToken);
        }
        finally
        {
            _presenceGate.Release();
        }
    }

    /// <summary>
    /// Called with every answer that came over a session: what this client keeps present. A CONNECT answered 0
    /// makes its user present; a DISCONNECT or UNREGISTER of that user ends the presence whatever it was answered
    /// (2, say, when the grace period had already disconnected the user): the caller wants the user gone, and a
    /// resume must not bring it back.
    /// </summary>
    private void NotePresence(DirectoryRequest request, int code)
    {
        if (!TrackPresence)
        {
            return;
        }

        switch (request)
        {
            case ConnectRequest connect when code == 0:
                _presence = new Present(connect.User, connect.Port);
                break;
            case DisconnectRequest or UnregisterRequest when _presence?.User == request.User:
                _presence = null;
                break;
        }
    }

    /// <summary>Watches a newly opened session: when it is lost while a user is present, resumes it on a new one.</summary>
    private void Watch(DirectorySessionClient session)
    {
        if (!TrackPresence)
        {
            return;
        }

        lock (_watchGate)
        {
            _watches.RemoveAll(w => w.IsCompleted);
            _watches.Add(WatchAsync(session));
        }
    }

    private async Task WatchAsync(DirectorySessionClient session)
    {
        var reason = await session.Ended;
        if (reason is ObjectDisposedException || _disposing.IsCancellationRequested || Volatile.Read(ref _presence) is not { } presence)
        {
            return;
        }

        Log.PresenceLost(_logger, presence.User, Server.ToString(), reason.Message);
        await ResumeAsync();
    }

    /// <summary>CONNECTs the present user again over a new session, backing off while the server cannot be reached or still holds the old session.</summary>
    private async Task ResumeAsync()
    {
        var delay = FirstResumeDelay;
        var last = "no attempt made";
        for (var attempt = 1; attempt <= ResumeAttempts; attempt++)
        {
            try
            {
                await _presenceGate.WaitAsync(_disposing.Token);
                try
                {
                    if (_presence is not { } presence)
                    {
                        return; // disconnected meanwhile, on purpose
                    }

                    var stamp = await GetTimestampAsync(Operation.Connect, _disposing.Token);
                    var code = (await SendOnceAsync(new ConnectRequest(stamp, presence.User, presence.Port), _disposing.Token)).Code;
                    if (code == 0)
                    {
                        Log.PresenceResumed(_logger, presence.User, attempt);
                        PresenceResumed?.Invoke(presence.User);
                        return;
                    }

                    if (code != 2)
                    {
                        // 1: the server forgot the user (it restarted); 3: this client may not act as it any more.
                        _presence = null;
                        Log.PresenceNotResumed(_logger, presence.User, code);
                        return;
                    }

                    // 2: the server still holds the user on the old session, not yet noticed lost (a network cut).
                    last = "the server still holds the old session";
                }
                finally
                {
                    _presenceGate.Release();
                }
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException && _disposing.IsCancellationRequested)
            {
                return; // the client is being disposed
            }
            catch (DirectoryUnavailableException e)
            {
                last = e.Message;
            }

            try
            {
                await ClockDelay.DelayAsync(delay, _timeProvider, _disposing.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = delay * 2 < MaxResumeDelay ? delay * 2 : MaxResumeDelay;
        }

        Log.PresenceGivenUp(_logger, PresentAs ?? "?", ResumeAttempts, last);
    }

    /// <summary>Stops resuming: a resume under way gives up at its next wait, and no new session is opened for it.</summary>
    private void StopResuming() => _disposing.Cancel(); // not CancelAsync: its callbacks would run on a thread Coyote does not control

    /// <summary>Waits for the watches to end, once the session they watch is disposed.</summary>
    private Task WhenWatchesEndedAsync()
    {
        lock (_watchGate)
        {
            return Task.WhenAll(_watches.ToArray()); // an array: Coyote intercepts that overload, not the span one
        }
    }

    /// <summary>The user the server counts present on this client's session, and its CONNECT port.</summary>
    private sealed record Present(string User, int Port);
}
