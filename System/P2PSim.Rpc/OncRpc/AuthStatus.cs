namespace P2PSim.Rpc.OncRpc;

/// <summary>
/// <c>auth_stat</c> (RFC 5531 §9) of an <c>AUTH_ERROR</c> reply. Decoders keep values not listed here as they are.
/// </summary>
public enum AuthStatus
{
    /// <summary><c>AUTH_OK = 0</c>.</summary>
    Ok = 0,

    /// <summary><c>AUTH_BADCRED = 1</c>: bad credential (seal broken).</summary>
    BadCredential = 1,

    /// <summary><c>AUTH_REJECTEDCRED = 2</c>: the client must begin a new session.</summary>
    RejectedCredential = 2,

    /// <summary><c>AUTH_BADVERF = 3</c>: bad verifier (seal broken).</summary>
    BadVerifier = 3,

    /// <summary><c>AUTH_REJECTEDVERF = 4</c>: the verifier expired or was replayed.</summary>
    RejectedVerifier = 4,

    /// <summary><c>AUTH_TOOWEAK = 5</c>: rejected for security reasons.</summary>
    TooWeak = 5,

    /// <summary><c>AUTH_INVALIDRESP = 6</c>: bogus response verifier.</summary>
    InvalidResponse = 6,

    /// <summary><c>AUTH_FAILED = 7</c>: reason unknown.</summary>
    Failed = 7,
}
