using System.Buffers;
using P2PSim.Rpc.OncRpc;
using P2PSim.Rpc.Xdr;
using static P2PSim.Rpc.Tests.XdrTestHelpers;

namespace P2PSim.Rpc.Tests;

public sealed class RpcMessageCodecTests
{
    private const uint Xid = 0x12345678;

    private static readonly AuthSysParameters Sys = new(0x05F5E100, "peer-host", 1000, 100, [100, 27, 4]);

    public static TheoryData<string, RpcReplyMessage> Replies => new()
    {
        { nameof(Golden.ReplySuccess), RpcReplyMessage.Success(Xid, new byte[4]) },
        { nameof(Golden.ReplyProgramUnavailable), RpcReplyMessage.ProgramUnavailable(Xid) },
        { nameof(Golden.ReplyProgramMismatch), RpcReplyMessage.ProgramMismatch(Xid, 1, 3) },
        { nameof(Golden.ReplyProcedureUnavailable), RpcReplyMessage.ProcedureUnavailable(Xid) },
        { nameof(Golden.ReplyGarbageArguments), RpcReplyMessage.GarbageArguments(Xid) },
        { nameof(Golden.ReplySystemError), RpcReplyMessage.SystemError(Xid) },
        { nameof(Golden.ReplyRpcMismatch), RpcReplyMessage.RpcMismatch(Xid) },
        { nameof(Golden.ReplyAuthError), RpcReplyMessage.AuthError(Xid, AuthStatus.TooWeak) },
    };

    [Fact]
    public void Auth_sys_body_matches_libtirpc()
    {
        Assert.Equal(Golden.AuthSysBody, Write(Sys.Encode));
        var auth = Sys.ToOpaqueAuth();
        Assert.Equal(AuthFlavor.Sys, auth.Flavor);
        Assert.Equal(Golden.AuthSysBody, auth.Body.ToArray());
        Assert.Equal(Sys, AuthSysParameters.FromOpaqueAuth(auth));
    }

    [Fact]
    public void Auth_sys_bounds_are_enforced()
    {
        var tooManyGids = Sys with { Gids = [.. Enumerable.Range(0, 17).Select(i => (uint)i)] };
        Assert.Throws<ArgumentOutOfRangeException>(() => Write(tooManyGids.Encode));
        var longName = Sys with { MachineName = new string('m', 256) };
        Assert.Throws<ArgumentOutOfRangeException>(() => Write(longName.Encode));

        var seventeen = Hex("00000000 00000000 00000000 00000000 00000011" + string.Concat(Enumerable.Repeat("00000000", 17)));
        Assert.Throws<XdrException>(() => AuthSysParameters.FromOpaqueAuth(new OpaqueAuth(AuthFlavor.Sys, seventeen)));
        Assert.Throws<XdrException>(() => AuthSysParameters.FromOpaqueAuth(OpaqueAuth.None));
        Assert.Throws<XdrException>(() => AuthSysParameters.FromOpaqueAuth(new OpaqueAuth(AuthFlavor.Sys, Golden.AuthSysBody[..^4])));
        Assert.Throws<XdrException>(() => AuthSysParameters.FromOpaqueAuth(new OpaqueAuth(AuthFlavor.Sys, Golden.AuthSysBody.Concat(new byte[4]).ToArray())));
    }

    [Fact]
    public void Call_with_auth_sys_matches_libtirpc_xdr_callmsg()
    {
        var call = new RpcCallMessage(
            Xid, LogProgram.Program, LogProgram.Version, LogProgram.ProcedureLogEntry,
            Sys.ToOpaqueAuth(), OpaqueAuth.None, Write(Golden.Entry.Encode));
        Assert.Equal(Golden.CallAuthSys, WriteCall(call));

        var decoded = RpcMessageCodec.DecodeCall(Golden.CallAuthSys);
        Assert.Equal((Xid, LogProgram.Program, LogProgram.Version, LogProgram.ProcedureLogEntry, 2u),
            (decoded.Xid, decoded.Program, decoded.Version, decoded.Procedure, decoded.RpcVersion));
        Assert.Equal(Sys, AuthSysParameters.FromOpaqueAuth(decoded.Credential));
        Assert.Same(OpaqueAuth.None, decoded.Verifier);
        var args = new XdrReader(decoded.Arguments.Span);
        Assert.Equal(Golden.Entry, LogEntry.Decode(ref args));
        args.EnsureAtEnd();
    }

    [Fact]
    public void Null_call_with_auth_none_matches_libtirpc()
    {
        var call = new RpcCallMessage(1, LogProgram.Program, LogProgram.Version, LogProgram.ProcedureNull, OpaqueAuth.None, OpaqueAuth.None, ReadOnlyMemory<byte>.Empty);
        Assert.Equal(Golden.CallNull, WriteCall(call));
        var decoded = RpcMessageCodec.DecodeCall(Golden.CallNull);
        Assert.Equal(AuthFlavor.None, decoded.Credential.Flavor);
        Assert.True(decoded.Arguments.IsEmpty);
        Assert.Equal((1u, MessageType.Call), RpcMessageCodec.ReadHeader(Golden.CallNull));
    }

    [Fact]
    public void Call_keeps_a_foreign_rpc_version_for_the_server_to_answer()
    {
        var bytes = (byte[])Golden.CallNull.Clone();
        bytes[11] = 3;
        Assert.Equal(3u, RpcMessageCodec.DecodeCall(bytes).RpcVersion);
    }

    [Theory]
    [MemberData(nameof(Replies))]
    public void Every_reply_state_matches_libtirpc_xdr_replymsg(string golden, RpcReplyMessage reply)
    {
        var expected = (byte[])typeof(Golden).GetProperty(golden)!.GetValue(null)!;
        Assert.Equal(expected, WriteReply(reply));

        var decoded = RpcMessageCodec.DecodeReply(expected);
        Assert.Equal(reply with { Results = decoded.Results }, decoded);
        Assert.Equal(reply.Results.ToArray(), decoded.Results.ToArray());
        Assert.Equal((Xid, MessageType.Reply), RpcMessageCodec.ReadHeader(expected));
    }

    [Fact]
    public void Reply_decoding_checks_the_layout()
    {
        Assert.Throws<RpcProtocolException>(() => RpcMessageCodec.DecodeReply(Golden.CallNull));
        Assert.Throws<RpcProtocolException>(() => RpcMessageCodec.DecodeCall(Golden.ReplySuccess));
        Assert.Throws<RpcProtocolException>(() => RpcMessageCodec.DecodeReply(Hex("12345678 00000002")));
        Assert.Throws<RpcProtocolException>(() => RpcMessageCodec.DecodeReply(Hex("12345678 00000001 00000002")));
        Assert.Throws<RpcProtocolException>(() => RpcMessageCodec.DecodeReply(Hex("12345678 00000001 00000000 00000000 00000000 00000006")));
        Assert.Throws<RpcProtocolException>(() => RpcMessageCodec.DecodeReply(Hex("12345678 00000001 00000001 00000002")));
        Assert.Throws<XdrException>(() => RpcMessageCodec.DecodeReply([.. Golden.ReplyAuthError, 0, 0, 0, 0]));
        Assert.Throws<XdrException>(() => RpcMessageCodec.DecodeReply([.. Golden.ReplyProgramUnavailable, 0, 0, 0, 0]));
        Assert.Throws<XdrException>(() => RpcMessageCodec.DecodeReply(Golden.ReplyProgramMismatch[..^4]));
    }

    [Fact]
    public void Credential_over_400_bytes_is_rejected()
    {
        var header = Hex("00000001 00000000 00000002 20050105 00000001 00000000 00000001 00000191");
        Assert.Throws<XdrException>(() => RpcMessageCodec.DecodeCall([.. header, .. new byte[404], 0, 0, 0, 0, 0, 0, 0, 0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => WriteCall(new RpcCallMessage(
            1, 1, 1, 1, new OpaqueAuth(AuthFlavor.Sys, new byte[401]), OpaqueAuth.None, ReadOnlyMemory<byte>.Empty)));
    }

    [Fact]
    public void Truncated_messages_throw_only_protocol_exceptions()
    {
        foreach (var message in Golden.AllMessages)
        {
            for (var length = 0; length < message.Length; length++)
            {
                var bytes = message[..length];
                var isCall = message.Length > 4 + 3 && message[7] == 0;
                try
                {
                    _ = isCall ? (object)RpcMessageCodec.DecodeCall(bytes) : RpcMessageCodec.DecodeReply(bytes);
                }
                catch (RpcProtocolException)
                {
                }
            }
        }
    }

    private static byte[] WriteCall(RpcCallMessage call)
    {
        var buffer = new ArrayBufferWriter<byte>();
        RpcMessageCodec.WriteCall(buffer, call);
        return buffer.WrittenSpan.ToArray();
    }

    private static byte[] WriteReply(RpcReplyMessage reply)
    {
        var buffer = new ArrayBufferWriter<byte>();
        RpcMessageCodec.WriteReply(buffer, reply);
        return buffer.WrittenSpan.ToArray();
    }
}
