using System.Buffers;

namespace P2PSim.Protocol.Tests;

/// <summary>Every golden reply of docs/protocol.md §4 (see <see cref="ReplyCases"/>): encoded byte for byte and decoded.</summary>
public sealed class ReplyGoldenTests
{
    public static TheoryData<string> Ids => ReplyCases.Ids;

    public static TheoryData<string> EncodedIds => ReplyCases.EncodedIds;

    [Theory]
    [MemberData(nameof(EncodedIds))]
    public void Encode_writes_the_golden_bytes(string id)
    {
        var golden = ReplyCases.Get(id);
        var output = new ArrayBufferWriter<byte>();
        DirectoryReplyEncoder.Encode(golden.Reply, golden.Encoding!.Value, output);
        Assert.Equal(Hex.Format(golden.Bytes), Hex.Format(output.WrittenSpan));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Decode_golden_bytes(string id)
    {
        var golden = ReplyCases.Get(id);
        ReplyCases.AssertEqual(golden.Reply, DirectoryReplyDecoder.Decode(golden.Reply.Operation, golden.Bytes));
    }

    [Theory]
    [InlineData("R-UNKNOWN-1", ResultEncoding.Ascii)]
    [InlineData("R-UNKNOWN-2", ResultEncoding.Byte)]
    [InlineData("R-UNKNOWN-3", ResultEncoding.Char)]
    public void Unknown_operation_reply_is_minus_one(string id, ResultEncoding encoding)
    {
        var output = new ArrayBufferWriter<byte>();
        DirectoryReplyEncoder.EncodeUnknownOperation(encoding, output);
        Assert.Equal(Hex.Format(ReplyCases.Get(id).Bytes), Hex.Format(output.WrittenSpan));
    }

    [Theory]
    [MemberData(nameof(EncodedIds))]
    public void Decode_accepts_what_the_encoder_writes_in_every_encoding(string id)
    {
        var golden = ReplyCases.Get(id);
        foreach (var encoding in Enum.GetValues<ResultEncoding>())
        {
            var output = new ArrayBufferWriter<byte>();
            DirectoryReplyEncoder.Encode(golden.Reply, encoding, output);
            ReplyCases.AssertEqual(golden.Reply, DirectoryReplyDecoder.Decode(golden.Reply.Operation, output.WrittenSpan));
        }
    }
}
