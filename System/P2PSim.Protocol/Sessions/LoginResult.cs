namespace P2PSim.Protocol.Sessions;

/// <summary>Result codes of <c>LOGIN</c> (docs/sessions.md §6).</summary>
public enum LoginResult
{
    /// <summary>The session now acts as the user.</summary>
    LoggedIn = 0,

    /// <summary>
    /// No such account, or the wrong password: one code for both, so a guess tells nothing about which names exist.
    /// </summary>
    Refused = 1,

    /// <summary>Too many failed logins for this account or from this address lately: not checked, try again later.</summary>
    Throttled = 2,

    /// <summary>Any other error: a malformed request, or a session already logged in as another user.</summary>
    Failed = 3,
}
