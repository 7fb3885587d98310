namespace P2PSim.Rpc.OncRpc;

/// <summary>
/// An ONC-RPC call (RFC 5531 §9, <c>rpc_msg</c> with <c>CALL</c> and <c>call_body</c>). The arguments are the
/// XDR bytes after the header, left encoded because their type depends on program, version and procedure.
/// </summary>
/// <param name="Xid">The transaction id the reply echoes.</param>
/// <param name="Program">The remote program number.</param>
/// <param name="Version">The program version.</param>
/// <param name="Procedure">The procedure number.</param>
/// <param name="Credential">The caller's credential.</param>
/// <param name="Verifier">The caller's verifier.</param>
/// <param name="Arguments">The encoded procedure arguments.</param>
public sealed record RpcCallMessage(
    uint Xid,
    uint Program,
    uint Version,
    uint Procedure,
    OpaqueAuth Credential,
    OpaqueAuth Verifier,
    ReadOnlyMemory<byte> Arguments)
{
    /// <summary>
    /// The <c>rpcvers</c> field, 2 for every message this library writes. A decoded call keeps what the peer sent,
    /// so a server can answer a different version with <see cref="RpcReplyMessage.RpcMismatch"/>.
    /// </summary>
    public uint RpcVersion { get; init; } = RpcMessageCodec.RpcVersion;
}
