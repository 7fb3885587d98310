namespace P2PSim.Protocol.Sessions;

/// <summary>
/// The session-only account operations (docs/sessions.md §6). They travel in REQUEST frames like the classic
/// operations but are never valid on a classic connection: a password is only ever sent inside a session.
/// </summary>
public enum AccountOperation
{
    /// <summary><c>ACCOUNT user password</c>: registers a new, password-protected user and logs the session in as it.</summary>
    Create,

    /// <summary><c>LOGIN user password</c>: the session acts as that user from now on.</summary>
    Login,
}
