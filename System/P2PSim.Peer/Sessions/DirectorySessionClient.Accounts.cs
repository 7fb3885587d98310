using P2PSim.Protocol;
using P2PSim.Protocol.Sessions;

namespace P2PSim.Peer.Sessions;

/// <summary>ACCOUNT and LOGIN (docs/sessions.md §6): after either succeeds, every request on the session acts as that user.</summary>
public sealed partial class DirectorySessionClient
{
    /// <summary>The user this session is logged in as; null until a login or account creation succeeds.</summary>
    public string? User { get; private set; }

    /// <summary>Creates a password-protected account and logs the session in to it.</summary>
    /// <exception cref="DirectoryUnavailableException">The session failed, or the reply did not come in time.</exception>
    /// <exception cref="ArgumentException">The password holds NUL or a newline, or is over 256 bytes.</exception>
    public async Task<AccountResult> CreateAccountAsync(string user, string password, CancellationToken cancellationToken = default)
    {
        var result = (AccountResult)await SendAccountAsync(new AccountRequest(AccountOperation.Create, user, password), cancellationToken);
        User = result == AccountResult.Created ? user : User;
        return result;
    }

    /// <summary>Logs the session in to <paramref name="user"/>'s account.</summary>
    /// <exception cref="DirectoryUnavailableException">The session failed, or the reply did not come in time.</exception>
    /// <exception cref="ArgumentException">The password holds NUL or a newline, or is over 256 bytes.</exception>
    public async Task<LoginResult> LoginAsync(string user, string password, CancellationToken cancellationToken = default)
    {
        var result = (LoginResult)await SendAccountAsync(new AccountRequest(AccountOperation.Login, user, password), cancellationToken);
        User = result == LoginResult.LoggedIn ? user : User;
        return result;
    }

    private async Task<int> SendAccountAsync(AccountRequest request, CancellationToken cancellationToken)
    {
        ThrowIfFailed();
        await _window.WaitAsync(cancellationToken); // the end of the session wakes this wait too (see Fail)

        // An account reply is one result code, the shape of REGISTER's: the reply reader decodes it as such.
        var reply = await SendInWindow(
            new PendingReply(Operation.Register), request, static (r, output) => AccountCodec.Encode(r, output), cancellationToken);
        return reply.Code;
    }
}
