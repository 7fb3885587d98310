namespace P2PSim.Rpc.OncRpc;

/// <summary><c>reject_stat</c> (RFC 5531 §9) of a denied reply.</summary>
public enum RejectStatus
{
    /// <summary><c>RPC_MISMATCH = 0</c>: the RPC version is not 2; the lowest and highest supported follow.</summary>
    RpcMismatch = 0,

    /// <summary><c>AUTH_ERROR = 1</c>: authentication failed; an <see cref="AuthStatus"/> follows.</summary>
    AuthError = 1,
}
