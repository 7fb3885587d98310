namespace P2PSim.Rpc.OncRpc;

/// <summary>
/// <c>auth_flavor</c> (RFC 5531 §8.2 and the IANA registry). The set is open: decoders keep unknown flavors as
/// their number and leave it to the server to answer <c>AUTH_ERROR</c>.
/// </summary>
public enum AuthFlavor
{
    /// <summary><c>AUTH_NONE = 0</c>: no authentication; the body is empty.</summary>
    None = 0,

    /// <summary><c>AUTH_SYS = 1</c> (also <c>AUTH_UNIX</c>): see <see cref="AuthSysParameters"/>.</summary>
    Sys = 1,

    /// <summary><c>AUTH_SHORT = 2</c>: a server-issued shorthand for an earlier <c>AUTH_SYS</c> credential.</summary>
    Short = 2,

    /// <summary><c>AUTH_DH = 3</c>: Diffie-Hellman (obsolete).</summary>
    Dh = 3,

    /// <summary><c>RPCSEC_GSS = 6</c> (RFC 2203).</summary>
    RpcSecGss = 6,
}
