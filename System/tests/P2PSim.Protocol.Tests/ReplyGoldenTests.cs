using System.Buffers;
using P2PSim.Protocol.Messages;

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
    [InlineData("R-LIST_CONTENT-1", ResultEncoding.Ascii, "R-LIST_CONTENT-3")]
    [InlineData("R-LIST_CONTENT-2", ResultEncoding.Char, "R-LIST_CONTENT-4")]
    public void Names_only_shape_writes_the_names_only_golden_bytes(string describedId, ResultEncoding encoding, string namesId)
    {
        var output = new ArrayBufferWriter<byte>();
        DirectoryReplyEncoder.Encode(ReplyCases.Get(describedId).Reply, encoding, output, ListContentShape.Names);

        Assert.Equal(Hex.Format(ReplyCases.Get(namesId).Bytes), Hex.Format(output.WrittenSpan));
        // P2PSim's own client reads it back as names with empty descriptions.
        ReplyCases.AssertEqual(ReplyCases.Get(namesId).Reply, DirectoryReplyDecoder.Decode(Operation.ListContent, output.WrittenSpan));
    }

    [Theory]
    [InlineData("R-LIST_USERS-1")]
    [InlineData("R-LIST_CONTENT-5")]
    [InlineData("R-RESULT-4")]
    public void Names_only_shape_changes_nothing_but_content_lists(string id)
    {
        var golden = ReplyCases.Get(id);
        var output = new ArrayBufferWriter<byte>();
        DirectoryReplyEncoder.Encode(golden.Reply, golden.Encoding!.Value, output, ListContentShape.Names);
        Assert.Equal(Hex.Format(golden.Bytes), Hex.Format(output.WrittenSpan));
    }

    [Fact]
    public void Names_only_shape_of_an_empty_list_is_the_count_alone()
    {
        var output = new ArrayBufferWriter<byte>();
        DirectoryReplyEncoder.Encode(
            new DirectoryReply(Operation.ListContent, 0) { Files = [] }, ResultEncoding.Ascii, output, ListContentShape.Names);
        Assert.Equal(Hex.Format("0\0"u8 + "0\0"u8), Hex.Format(output.WrittenSpan));
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
