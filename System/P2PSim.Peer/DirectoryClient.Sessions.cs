using P2PSim.Peer.Sessions;
using P2PSim.Protocol.Sessions;

namespace P2PSim.Peer;

/// <summary>The session behind <see cref="DirectoryClient.UseSessions"/>, and accounts (docs/sessions.md §6).</summary>
public sealed partial class DirectoryClient
{
    private readonly SemaphoreSlim _sessionGate = new(1, 1);
    private DirectorySessionClient? _session;
    private bool _declined;

    // Kept so that a session opened again (after the server restarted, say) is logged in again without asking the
    // user: a client library's usual trade (as Redis and database clients keep theirs), held in this process only.
    private (string User, string Password)? _login;

    /// <summary>True when requests go over an open session; false for a classic server, or before first use.</summary>
    public bool InSession => Volatile.Read(ref _session) is { IsOpen: true };

    /// <summary>The user this client is logged in as; null when it is not.</summary>
    public string? LoggedInAs => _login?.User;

    /// <summary>
    /// ACCOUNT: creates a password-protected account and logs in to it; from then on every request acts as that
    /// user. Needs a server that offers sessions, whatever <see cref="UseSessions"/> says.
    /// </summary>
    /// <exception cref="NotSupportedException">The server offers no sessions (a classic server): it has no accounts.</exception>
    /// <exception cref="DirectoryUnavailableException">The server cannot be reached.</exception>
    public async Task<AccountResult> CreateAccountAsync(string user, string password, CancellationToken cancellationToken = default)
    {
        var session = await RequireSessionAsync(cancellationToken);
        var result = await session.CreateAccountAsync(user, password, cancellationToken);
        _login = result == AccountResult.Created ? (user, password) : _login;
        return result;
    }

    /// <summary>LOGIN: from now on every request acts as <paramref name="user"/>, also over sessions opened later.</summary>
    /// <exception cref="NotSupportedException">The server offers no sessions (a classic server): it has no accounts.</exception>
    /// <exception cref="DirectoryUnavailableException">The server cannot be reached.</exception>
    public async Task<LoginResult> LoginAsync(string user, string password, CancellationToken cancellationToken = default)
    {
        var session = await RequireSessionAsync(cancellationToken);
        var result = await session.LoginAsync(user, password, cancellationToken);
        _login = result == LoginResult.LoggedIn ? (user, password) : _login;
        return result;
    }

    /// <summary>Ends the session, if one is open.</summary>
    public async ValueTask DisposeAsync()
    {
        StopResuming();
        await _sessionGate.WaitAsync();
        try
        {
            if (_session is not null)
            {
                await _session.DisposeAsync();
                _session = null;
            }
        }
        finally
        {
            _sessionGate.Release();
        }

        await WhenWatchesEndedAsync();
    }

    private async Task<DirectorySessionClient> RequireSessionAsync(CancellationToken cancellationToken) =>
        await SessionAsync(cancellationToken)
        ?? throw new NotSupportedException(
            $"The directory server at {Server} offers no sessions (a classic server, or one with sessions off), so it has no accounts: " +
            "use a P2PSim server with sessions on, or go on without logging in.");

    /// <summary>The open session, opening one (and logging in again) when none is; null when the server declines sessions.</summary>
    private async Task<DirectorySessionClient?> SessionAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _session) is { IsOpen: true } open)
        {
            return open;
        }

        if (Volatile.Read(ref _declined))
        {
            return null;
        }

        await _sessionGate.WaitAsync(cancellationToken);
        try
        {
            if (_session is { IsOpen: true } current)
            {
                return current;
            }

            if (_session is not null)
            {
                await _session.DisposeAsync(); // ended (server restart, network): a new one follows
                _session = null;
            }

            var options = new SessionClientOptions { Timeout = Timeout, MaxReplyBytes = MaxReplyBytes, TimeProvider = _timeProvider };
            var opened = await DirectorySessionClient.TryOpenAsync(_transport, Server, options, cancellationToken);
            if (opened is null)
            {
                Log.SessionsDeclined(_logger, Server.ToString());
                Volatile.Write(ref _declined, true);
                return null;
            }

            Log.SessionOpened(_logger, Server.ToString());
            if (_login is { } login)
            {
                var result = await opened.LoginAsync(login.User, login.Password, cancellationToken);
                Log.LoggedInAgain(_logger, login.User, result.ToString());
            }

            Volatile.Write(ref _session, opened);
            Watch(opened);
            return opened;
        }
        finally
        {
            _sessionGate.Release();
        }
    }
}
