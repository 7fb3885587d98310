using System.Buffers;
using P2PSim.Rpc.Xdr;

namespace P2PSim.Rpc.OncRpc;

/// <summary>
/// Encodes and decodes whole ONC-RPC v2 messages (RFC 5531 §9). Input is one complete message: a UDP datagram or
/// a TCP record reassembled by <see cref="RecordMarking"/>. Decoders throw only <see cref="RpcProtocolException"/>
/// (or its subclass <see cref="XdrException"/>) for bad bytes.
/// </summary>
public static class RpcMessageCodec
{
    /// <summary>The only RPC protocol version (RFC 5531 §8): the <c>rpcvers</c> of every call.</summary>
    public const uint RpcVersion = 2;

    /// <summary>Writes a call: xid, <c>CALL</c>, rpcvers, prog, vers, proc, cred, verf, then the argument bytes.</summary>
    public static void WriteCall(IBufferWriter<byte> output, RpcCallMessage call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var writer = new XdrWriter(output);
        writer.WriteUInt32(call.Xid);
        writer.WriteEnum((int)MessageType.Call);
        writer.WriteUInt32(call.RpcVersion);
        writer.WriteUInt32(call.Program);
        writer.WriteUInt32(call.Version);
        writer.WriteUInt32(call.Procedure);
        call.Credential.Encode(writer);
        call.Verifier.Encode(writer);
        WriteRaw(output, call.Arguments.Span);
    }

    /// <summary>Writes a reply in the layout its <see cref="RpcReplyMessage.Status"/> selects.</summary>
    public static void WriteReply(IBufferWriter<byte> output, RpcReplyMessage reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var writer = new XdrWriter(output);
        writer.WriteUInt32(reply.Xid);
        writer.WriteEnum((int)MessageType.Reply);
        writer.WriteEnum((int)reply.Status);
        if (reply.Status == ReplyStatus.Accepted)
        {
            reply.Verifier.Encode(writer);
            writer.WriteEnum((int)reply.AcceptStatus);
            switch (reply.AcceptStatus)
            {
                case AcceptStatus.Success:
                    WriteRaw(output, reply.Results.Span);
                    break;
                case AcceptStatus.ProgramMismatch:
                    writer.WriteUInt32(reply.MismatchLow);
                    writer.WriteUInt32(reply.MismatchHigh);
                    break;
            }
        }
        else
        {
            writer.WriteEnum((int)reply.RejectStatus);
            if (reply.RejectStatus == RejectStatus.RpcMismatch)
            {
                writer.WriteUInt32(reply.MismatchLow);
                writer.WriteUInt32(reply.MismatchHigh);
            }
            else
            {
                writer.WriteEnum((int)reply.AuthStatus);
            }
        }
    }

    /// <summary>
    /// Reads the xid and message type at the start of <paramref name="message"/>, so a server can tell a call
    /// from a reply (and has an xid to answer) before decoding the rest.
    /// </summary>
    public static (uint Xid, MessageType Type) ReadHeader(ReadOnlySpan<byte> message)
    {
        var reader = new XdrReader(message);
        return (reader.ReadUInt32(), ReadMessageType(ref reader));
    }

    /// <summary>Decodes a call; everything after the verifier becomes <see cref="RpcCallMessage.Arguments"/>.</summary>
    public static RpcCallMessage DecodeCall(ReadOnlySpan<byte> message)
    {
        var reader = new XdrReader(message);
        var xid = reader.ReadUInt32();
        if (ReadMessageType(ref reader) != MessageType.Call)
        {
            throw new RpcProtocolException("Expected a CALL message, got a REPLY.");
        }

        var rpcVersion = reader.ReadUInt32();
        var program = reader.ReadUInt32();
        var version = reader.ReadUInt32();
        var procedure = reader.ReadUInt32();
        var credential = OpaqueAuth.Decode(ref reader);
        var verifier = OpaqueAuth.Decode(ref reader);
        return new RpcCallMessage(xid, program, version, procedure, credential, verifier, reader.RemainingSpan.ToArray())
        {
            RpcVersion = rpcVersion,
        };
    }

    /// <summary>
    /// Decodes a reply; for <c>SUCCESS</c> everything after the status becomes <see cref="RpcReplyMessage.Results"/>,
    /// and any other state must end where its layout ends.
    /// </summary>
    public static RpcReplyMessage DecodeReply(ReadOnlySpan<byte> message)
    {
        var reader = new XdrReader(message);
        var xid = reader.ReadUInt32();
        if (ReadMessageType(ref reader) != MessageType.Reply)
        {
            throw new RpcProtocolException("Expected a REPLY message, got a CALL.");
        }

        RpcReplyMessage reply;
        switch (reader.ReadEnum())
        {
            case (int)ReplyStatus.Accepted:
                var verifier = OpaqueAuth.Decode(ref reader);
                reply = reader.ReadEnum() switch
                {
                    (int)AcceptStatus.Success => RpcReplyMessage.Success(xid, reader.RemainingSpan.ToArray(), verifier),
                    (int)AcceptStatus.ProgramUnavailable => RpcReplyMessage.ProgramUnavailable(xid, verifier),
                    (int)AcceptStatus.ProgramMismatch =>
                        RpcReplyMessage.ProgramMismatch(xid, reader.ReadUInt32(), reader.ReadUInt32(), verifier),
                    (int)AcceptStatus.ProcedureUnavailable => RpcReplyMessage.ProcedureUnavailable(xid, verifier),
                    (int)AcceptStatus.GarbageArguments => RpcReplyMessage.GarbageArguments(xid, verifier),
                    (int)AcceptStatus.SystemError => RpcReplyMessage.SystemError(xid, verifier),
                    var other => throw new RpcProtocolException($"Unknown accept_stat {other}."),
                };
                if (reply.AcceptStatus != AcceptStatus.Success)
                {
                    reader.EnsureAtEnd();
                }

                return reply;
            case (int)ReplyStatus.Denied:
                reply = reader.ReadEnum() switch
                {
                    (int)RejectStatus.RpcMismatch => RpcReplyMessage.RpcMismatch(xid, reader.ReadUInt32(), reader.ReadUInt32()),
                    (int)RejectStatus.AuthError => RpcReplyMessage.AuthError(xid, (AuthStatus)reader.ReadEnum()),
                    var other => throw new RpcProtocolException($"Unknown reject_stat {other}."),
                };
                reader.EnsureAtEnd();
                return reply;
            case var other:
                throw new RpcProtocolException($"Unknown reply_stat {other}.");
        }
    }

    private static MessageType ReadMessageType(ref XdrReader reader) => reader.ReadEnum() switch
    {
        (int)MessageType.Call => MessageType.Call,
        (int)MessageType.Reply => MessageType.Reply,
        var other => throw new RpcProtocolException($"Unknown msg_type {other}."),
    };

    private static void WriteRaw(IBufferWriter<byte> output, ReadOnlySpan<byte> bytes)
    {
        // Arguments and results are already XDR, so already a multiple of four bytes: copied as they are.
        bytes.CopyTo(output.GetSpan(bytes.Length));
        output.Advance(bytes.Length);
    }
}
