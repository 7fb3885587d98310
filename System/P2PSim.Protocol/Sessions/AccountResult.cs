namespace P2PSim.Protocol.Sessions;

/// <summary>Result codes of <c>ACCOUNT</c> (docs/sessions.md §6), in the shape of REGISTER's.</summary>
public enum AccountResult
{
    /// <summary>The user is registered, protected by the password, and the session acts as it.</summary>
    Created = 0,

    /// <summary>The name is already registered (with a password or without).</summary>
    NameTaken = 1,

    /// <summary>
    /// Any other error: a malformed request, a password outside the server's length rules, or a session already
    /// logged in.
    /// </summary>
    Failed = 2,
}
