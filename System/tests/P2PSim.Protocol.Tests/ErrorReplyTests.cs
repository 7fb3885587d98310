using System.Buffers;
using P2PSim.Protocol.Messages;
using P2PSim.Protocol.Wire;
using P2PSim.TestKit;

namespace P2PSim.Protocol.Tests;

/// <summary>
/// docs/extensions.md §2: malformed input is answered with the operation's "other error" code
/// (<see cref="OperationInfo.OtherErrorCode"/>), or -1 when <see cref="ProtocolException.Operation"/> is null.
/// The reply is built here the way the directory session builds it, from the decoder's exception alone.
/// </summary>
public sealed class ErrorReplyTests
{
    public static TheoryData<string> Ids => ErrorCases.Ids;

    [Theory]
    [MemberData(nameof(Ids))]
    public void Malformed_request_gets_the_documented_reply(string id)
    {
        var golden = ErrorCases.Get(id);
        Assert.Equal(Hex.Format(golden.Reply), Hex.Format(ReplyTo(golden.Request, ResultEncoding.Ascii)));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void The_error_is_found_whatever_the_segmentation(string id)
    {
        var golden = ErrorCases.Get(id);
        var expected = Decoders.RejectRequest(golden.Request).Operation;
        var error = Assert.Throws<ProtocolException>(() =>
        {
            var reader = new SequenceReader<byte>(Chunking.OneBytePerSegment(golden.Request));
            DirectoryRequestDecoder.TryDecode(ref reader, FieldLimits.Classic, out _);
        });
        Assert.Equal(expected, error.Operation);
    }

    [Theory]
    [InlineData("E-1", ResultEncoding.Byte, "02")]
    [InlineData("E-1", ResultEncoding.Char, "32")]
    [InlineData("E-9", ResultEncoding.Byte, "FF")]
    [InlineData("E-9", ResultEncoding.Char, "2D 31")]
    public void The_error_reply_follows_the_configured_encoding(string id, ResultEncoding encoding, string hex)
    {
        Assert.Equal(hex, Hex.Format(ReplyTo(ErrorCases.Get(id).Request, encoding)));
    }

    private static byte[] ReplyTo(byte[] request, ResultEncoding encoding)
    {
        var error = Decoders.RejectRequest(request);
        var output = new ArrayBufferWriter<byte>();
        if (error.Operation is { } operation)
        {
            DirectoryReplyEncoder.Encode(new DirectoryReply(operation, operation.OtherErrorCode()), encoding, output);
        }
        else
        {
            DirectoryReplyEncoder.EncodeUnknownOperation(encoding, output);
        }

        Assert.True(ResultCode.TryRead(output.WrittenSpan, out _, out _));
        return output.WrittenSpan.ToArray();
    }
}
