namespace P2PSim.Rpc.OncRpc;

/// <summary>
/// An ONC-RPC reply (RFC 5531 §9, <c>rpc_msg</c> with <c>REPLY</c> and <c>reply_body</c>). Build one with the
/// factory methods, one per reply state; properties that do not apply to a state keep their defaults.
/// </summary>
public sealed record RpcReplyMessage
{
    private RpcReplyMessage(uint xid, ReplyStatus status)
    {
        Xid = xid;
        Status = status;
    }

    /// <summary>The xid of the call this answers.</summary>
    public uint Xid { get; init; }

    /// <summary>Accepted or denied.</summary>
    public ReplyStatus Status { get; init; }

    /// <summary>The server's verifier (accepted replies only; <see cref="OpaqueAuth.None"/> otherwise).</summary>
    public OpaqueAuth Verifier { get; init; } = OpaqueAuth.None;

    /// <summary>The outcome of an accepted reply.</summary>
    public AcceptStatus AcceptStatus { get; init; }

    /// <summary>The encoded procedure results (<see cref="AcceptStatus.Success"/> only).</summary>
    public ReadOnlyMemory<byte> Results { get; init; }

    /// <summary>Why a denied reply was denied.</summary>
    public RejectStatus RejectStatus { get; init; }

    /// <summary>The lowest supported version (<c>PROG_MISMATCH</c> and <c>RPC_MISMATCH</c> only).</summary>
    public uint MismatchLow { get; init; }

    /// <summary>The highest supported version (<c>PROG_MISMATCH</c> and <c>RPC_MISMATCH</c> only).</summary>
    public uint MismatchHigh { get; init; }

    /// <summary>The authentication failure (<c>AUTH_ERROR</c> only).</summary>
    public AuthStatus AuthStatus { get; init; }

    /// <summary><c>MSG_ACCEPTED</c> / <c>SUCCESS</c> with the encoded <paramref name="results"/>.</summary>
    public static RpcReplyMessage Success(uint xid, ReadOnlyMemory<byte> results, OpaqueAuth? verifier = null) =>
        Accepted(xid, AcceptStatus.Success, verifier) with { Results = results };

    /// <summary><c>MSG_ACCEPTED</c> / <c>PROG_UNAVAIL</c>.</summary>
    public static RpcReplyMessage ProgramUnavailable(uint xid, OpaqueAuth? verifier = null) =>
        Accepted(xid, AcceptStatus.ProgramUnavailable, verifier);

    /// <summary><c>MSG_ACCEPTED</c> / <c>PROG_MISMATCH</c> with the supported version range.</summary>
    public static RpcReplyMessage ProgramMismatch(uint xid, uint low, uint high, OpaqueAuth? verifier = null) =>
        Accepted(xid, AcceptStatus.ProgramMismatch, verifier) with { MismatchLow = low, MismatchHigh = high };

    /// <summary><c>MSG_ACCEPTED</c> / <c>PROC_UNAVAIL</c>.</summary>
    public static RpcReplyMessage ProcedureUnavailable(uint xid, OpaqueAuth? verifier = null) =>
        Accepted(xid, AcceptStatus.ProcedureUnavailable, verifier);

    /// <summary><c>MSG_ACCEPTED</c> / <c>GARBAGE_ARGS</c>.</summary>
    public static RpcReplyMessage GarbageArguments(uint xid, OpaqueAuth? verifier = null) =>
        Accepted(xid, AcceptStatus.GarbageArguments, verifier);

    /// <summary><c>MSG_ACCEPTED</c> / <c>SYSTEM_ERR</c>.</summary>
    public static RpcReplyMessage SystemError(uint xid, OpaqueAuth? verifier = null) =>
        Accepted(xid, AcceptStatus.SystemError, verifier);

    /// <summary><c>MSG_DENIED</c> / <c>RPC_MISMATCH</c> with the supported RPC version range (2..2).</summary>
    public static RpcReplyMessage RpcMismatch(uint xid, uint low = RpcMessageCodec.RpcVersion, uint high = RpcMessageCodec.RpcVersion) =>
        new RpcReplyMessage(xid, ReplyStatus.Denied) with
        {
            RejectStatus = RejectStatus.RpcMismatch,
            MismatchLow = low,
            MismatchHigh = high,
        };

    /// <summary><c>MSG_DENIED</c> / <c>AUTH_ERROR</c> with the reason.</summary>
    public static RpcReplyMessage AuthError(uint xid, AuthStatus status) =>
        new RpcReplyMessage(xid, ReplyStatus.Denied) with { RejectStatus = RejectStatus.AuthError, AuthStatus = status };

    private static RpcReplyMessage Accepted(uint xid, AcceptStatus status, OpaqueAuth? verifier) =>
        new(xid, ReplyStatus.Accepted) { AcceptStatus = status, Verifier = verifier ?? OpaqueAuth.None };
}
