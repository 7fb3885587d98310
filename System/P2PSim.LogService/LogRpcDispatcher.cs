using System.Buffers;
using P2PSim.Rpc;
using P2PSim.Rpc.OncRpc;
using P2PSim.Rpc.Xdr;

namespace P2PSim.LogService;

/// <summary>
/// The log program's server side, without I/O: one decoded call in, one reply out (RFC 5531 §9). Checks, in
/// order: RPC version (<c>RPC_MISMATCH</c> 2..2), credential (<c>AUTH_NONE</c> and <c>AUTH_SYS</c> pass, anything
/// else is <c>AUTH_ERROR</c>/badcred), program, version (<c>PROG_MISMATCH</c> 1..1), procedure; arguments that do
/// not decode exactly are <c>GARBAGE_ARGS</c>. Accepted entries go to the <see cref="ILogStore"/>.
/// </summary>
public sealed class LogRpcDispatcher(ILogStore store)
{
    /// <summary>
    /// Handles one whole message (a datagram or a reassembled record) and returns the encoded reply, or null when
    /// the bytes are not a call at all (nothing to answer: a stream carrying them should be closed).
    /// </summary>
    public byte[]? HandleMessage(ReadOnlySpan<byte> message)
    {
        RpcCallMessage call;
        try
        {
            call = RpcMessageCodec.DecodeCall(message);
        }
        catch (RpcProtocolException)
        {
            return null;
        }

        var output = new ArrayBufferWriter<byte>(64);
        RpcMessageCodec.WriteReply(output, Handle(call));
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Answers a decoded call.</summary>
    public RpcReplyMessage Handle(RpcCallMessage call)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (call.RpcVersion != RpcMessageCodec.RpcVersion)
        {
            return RpcReplyMessage.RpcMismatch(call.Xid);
        }

        if (!IsAcceptedCredential(call.Credential))
        {
            return RpcReplyMessage.AuthError(call.Xid, AuthStatus.BadCredential);
        }

        if (call.Program != LogProgram.Program)
        {
            return RpcReplyMessage.ProgramUnavailable(call.Xid);
        }

        if (call.Version != LogProgram.Version)
        {
            return RpcReplyMessage.ProgramMismatch(call.Xid, LogProgram.Version, LogProgram.Version);
        }

        return call.Procedure switch
        {
            LogProgram.ProcedureNull => RpcReplyMessage.Success(call.Xid, ReadOnlyMemory<byte>.Empty),
            LogProgram.ProcedureLogEntry => LogEntryCall(call),
            LogProgram.ProcedureLogBatch => LogBatchCall(call),
            _ => RpcReplyMessage.ProcedureUnavailable(call.Xid),
        };
    }

    private RpcReplyMessage LogEntryCall(RpcCallMessage call)
    {
        LogEntry entry;
        try
        {
            var reader = new XdrReader(call.Arguments.Span);
            entry = LogEntry.Decode(ref reader);
            reader.EnsureAtEnd();
        }
        catch (RpcProtocolException)
        {
            return RpcReplyMessage.GarbageArguments(call.Xid);
        }

        return Store(call.Xid, [entry], accepted => accepted == 1 ? LogProgram.StatusOk : LogProgram.StatusRejected);
    }

    private RpcReplyMessage LogBatchCall(RpcCallMessage call)
    {
        IReadOnlyList<LogEntry> entries;
        try
        {
            var reader = new XdrReader(call.Arguments.Span);
            entries = LogEntry.DecodeBatch(ref reader);
            reader.EnsureAtEnd();
        }
        catch (RpcProtocolException)
        {
            return RpcReplyMessage.GarbageArguments(call.Xid);
        }

        return Store(call.Xid, entries, accepted => accepted);
    }

    private RpcReplyMessage Store(uint xid, IReadOnlyList<LogEntry> entries, Func<int, int> result)
    {
        int accepted;
        try
        {
            store.Append(entries);

            // Duplicates count as accepted: they are logged already, and the sender must not send them again.
            accepted = entries.Count;
        }
        catch (ObjectDisposedException)
        {
            accepted = 0; // shutting down: refused (LOG_REJECTED, or a batch prefix of 0)
        }
        catch (IOException)
        {
            // Not durable, so not acknowledged: the sender retries, and the duplicate filter absorbs any overlap.
            return RpcReplyMessage.SystemError(xid);
        }

        return RpcReplyMessage.Success(xid, EncodeInt(result(accepted)));
    }

    private static bool IsAcceptedCredential(OpaqueAuth credential)
    {
        switch (credential.Flavor)
        {
            case AuthFlavor.None:
                return true;
            case AuthFlavor.Sys:
                try
                {
                    AuthSysParameters.FromOpaqueAuth(credential);
                    return true;
                }
                catch (RpcProtocolException)
                {
                    return false;
                }

            default:
                return false;
        }
    }

    private static byte[] EncodeInt(int value)
    {
        var output = new ArrayBufferWriter<byte>(4);
        new XdrWriter(output).WriteInt32(value);
        return output.WrittenSpan.ToArray();
    }
}
