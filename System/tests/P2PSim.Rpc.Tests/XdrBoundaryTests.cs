using System.Buffers;
using System.Text;
using P2PSim.Rpc.OncRpc;
using P2PSim.Rpc.Xdr;
using static P2PSim.Rpc.Tests.XdrTestHelpers;

namespace P2PSim.Rpc.Tests;

/// <summary>
/// The edges of the XDR codec (RFC 4506): a length exactly at its declared bound is accepted both ways, booleans
/// decode both values, lengths whose padding overflows an int are refused, and text that is not valid Unicode is
/// refused when writing as it is when reading.
/// </summary>
public sealed class XdrBoundaryTests
{
    [Fact]
    public void Opaque_and_string_exactly_at_their_bound_round_trip()
    {
        var opaque = Write(w => w.WriteVariableOpaque([1, 2, 3], maxLength: 3));
        Assert.Equal(Hex("00000003 01020300"), opaque);
        var text = Write(w => w.WriteString("abc", maxLength: 3));
        Assert.Equal(Hex("00000003 61626300"), text);

        var reader = new XdrReader(opaque);
        Assert.Equal([1, 2, 3], reader.ReadVariableOpaque(maxLength: 3).ToArray());
        reader = new XdrReader(text);
        Assert.Equal("abc", reader.ReadString(maxLength: 3));
    }

    [Fact]
    public void Both_boolean_values_decode()
    {
        var reader = new XdrReader(Hex("00000000 00000001"));
        Assert.False(reader.ReadBoolean());
        Assert.True(reader.ReadBoolean());
        Assert.True(reader.IsAtEnd);
    }

    [Fact]
    public void A_length_whose_padding_overflows_is_refused() =>
        Assert.Throws<OverflowException>(() => XdrPadding.Padded(int.MaxValue));

    [Fact]
    public void A_lone_surrogate_is_refused_rather_than_sent_as_a_replacement_character()
    {
        Assert.Throws<EncoderFallbackException>(() => Write(w => w.WriteString("a\uD800b")));
    }

    [Fact]
    public void Auth_sys_parameters_differing_in_any_field_are_not_equal()
    {
        var sys = new AuthSysParameters(7, "host", 1000, 100, [1, 2]);
        Assert.Equal(sys, new AuthSysParameters(7, "host", 1000, 100, [1, 2]));
        Assert.NotEqual(sys, new AuthSysParameters(8, "host", 1000, 100, [1, 2]));
        Assert.NotEqual(sys, new AuthSysParameters(7, "other", 1000, 100, [1, 2]));
        Assert.NotEqual(sys, new AuthSysParameters(7, "host", 1001, 100, [1, 2]));
        Assert.NotEqual(sys, new AuthSysParameters(7, "host", 1000, 101, [1, 2]));
        Assert.NotEqual(sys, new AuthSysParameters(7, "host", 1000, 100, [1, 3]));
        Assert.False(sys.Equals(null));
    }

    [Fact]
    public void A_credential_of_another_flavor_is_not_read_as_auth_sys()
    {
        var body = new AuthSysParameters(7, "host", 1000, 100, []).ToOpaqueAuth().Body;
        Assert.Throws<XdrException>(() => AuthSysParameters.FromOpaqueAuth(new OpaqueAuth(AuthFlavor.None, body)));
    }

    [Fact]
    public void Opaque_auth_keeps_a_body_under_auth_none_and_a_flavor_with_an_empty_body()
    {
        var noneWithBody = RoundTrip(new OpaqueAuth(AuthFlavor.None, new byte[] { 9, 9, 9, 9 }));
        Assert.Equal(AuthFlavor.None, noneWithBody.Flavor);
        Assert.Equal([9, 9, 9, 9], noneWithBody.Body.ToArray());

        var sysWithoutBody = RoundTrip(new OpaqueAuth(AuthFlavor.Sys, ReadOnlyMemory<byte>.Empty));
        Assert.Equal(AuthFlavor.Sys, sysWithoutBody.Flavor);
        Assert.True(sysWithoutBody.Body.IsEmpty);
    }

    [Fact]
    public void An_accepted_reply_keeps_the_verifier_it_is_given()
    {
        var verifier = new OpaqueAuth(AuthFlavor.Sys, new byte[] { 1, 2, 3, 4 });
        var replies = new[]
        {
            RpcReplyMessage.Success(1, new byte[4], verifier),
            RpcReplyMessage.ProgramUnavailable(1, verifier),
            RpcReplyMessage.SystemError(1, verifier),
        };
        foreach (var reply in replies)
        {
            var output = new ArrayBufferWriter<byte>();
            RpcMessageCodec.WriteReply(output, reply);
            var decoded = RpcMessageCodec.DecodeReply(output.WrittenSpan);
            Assert.Equal(AuthFlavor.Sys, decoded.Verifier.Flavor);
            Assert.Equal([1, 2, 3, 4], decoded.Verifier.Body.ToArray());
        }
    }

    [Fact]
    public void A_call_is_not_decoded_as_a_reply()
    {
        var call = new RpcCallMessage(1, LogProgram.Program, LogProgram.Version, LogProgram.ProcedureNull, OpaqueAuth.None, OpaqueAuth.None, ReadOnlyMemory<byte>.Empty);
        var output = new ArrayBufferWriter<byte>();
        RpcMessageCodec.WriteCall(output, call);
        Assert.Throws<RpcProtocolException>(() => RpcMessageCodec.DecodeReply(output.WrittenSpan));
    }

    private static OpaqueAuth RoundTrip(OpaqueAuth auth)
    {
        var reader = new XdrReader(Write(auth.Encode));
        var decoded = OpaqueAuth.Decode(ref reader);
        reader.EnsureAtEnd();
        return decoded;
    }
}
