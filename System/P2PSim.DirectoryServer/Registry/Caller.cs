namespace P2PSim.DirectoryServer.Registry;

/// <summary>
/// Who makes a request: nobody in particular (a classic connection, or a session that has not logged in), or the
/// owner of one account. The account is known by its number, not only its name, so a session logged in to an
/// account that was unregistered does not own a new account created later under the same name.
/// </summary>
/// <param name="User">The account's user name; null for an anonymous caller.</param>
/// <param name="Account">The account's number (never 0 for a logged-in caller).</param>
public readonly record struct Caller(string? User, long Account)
{
    /// <summary>A caller who has not logged in: may act only as users without a password.</summary>
    public static Caller Anonymous => default;

    /// <summary>
    /// The session the request came on (docs/sessions.md §7), numbered by the registry from 1; 0 for a classic
    /// connection. A CONNECT remembers it, so the user's presence follows that session.
    /// </summary>
    public long Session { get; init; }

    /// <summary>True once logged in.</summary>
    public bool IsAuthenticated => User is not null;
}
