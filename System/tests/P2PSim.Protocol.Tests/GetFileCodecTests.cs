using System.Buffers;
using System.Text;
using P2PSim.Protocol.Peer;
using P2PSim.Protocol.Wire;
using P2PSim.TestKit;

namespace P2PSim.Protocol.Tests;

/// <summary>The peer transfer of docs/protocol.md §6: the GET_FILE request, the reply's result code and size prefix.</summary>
public sealed class GetFileCodecTests
{
    public static TheoryData<string> RequestIds => GetFileCases.RequestIds;

    public static TheoryData<string> ReplyIds => GetFileCases.ReplyIds;

    [Fact]
    public void Encode_writes_the_golden_bytes()
    {
        // G-REQUEST-1
        var golden = GetFileCases.GetRequest("G-REQUEST-1");
        var output = new ArrayBufferWriter<byte>();
        GetFileCodec.EncodeRequest(golden.Message, output);
        Assert.Equal(Hex.Format(golden.Bytes), Hex.Format(output.WrittenSpan));
    }

    [Theory]
    [MemberData(nameof(RequestIds))]
    public void Decode_whole_split_one_byte_per_segment_and_incrementally(string id)
    {
        var golden = GetFileCases.GetRequest(id);
        DecoderChecks.Whole(Decoders.GetFile, golden.Bytes, golden.Message);
        DecoderChecks.EverySplit(Decoders.GetFile, golden.Bytes, golden.Message);
        DecoderChecks.OneBytePerSegment(Decoders.GetFile, golden.Bytes, golden.Message);
        DecoderChecks.Incrementally(Decoders.GetFile, golden.Bytes, golden.Message);
    }

    [Theory]
    [MemberData(nameof(RequestIds))]
    public void Decode_consumes_exactly_the_request_before_guard_bytes(string id)
    {
        var golden = GetFileCases.GetRequest(id);
        DecoderChecks.FollowedBy(Decoders.GetFile, golden.Bytes, golden.Message, DecoderChecks.GuardBytes);
        DecoderChecks.FollowedBy(Decoders.GetFile, golden.Bytes, golden.Message, "GET_FILE\0other\0"u8.ToArray());
    }

    [Fact]
    public void File_name_of_256_bytes_is_accepted_and_257_rejected()
    {
        var name256 = Bytes.Repeat('f', 256);
        DecoderChecks.Whole(Decoders.GetFile, Bytes.Fields("GET_FILE", name256), new GetFileRequest(name256));
        Reject(Bytes.Fields("GET_FILE", name256 + "f"));
    }

    [Fact]
    public void File_name_over_the_limit_is_rejected_before_its_terminator()
    {
        DecoderChecks.AssertIncomplete(
            Decoders.GetFile, Chunking.Contiguous(Bytes.FieldsThen(["GET_FILE"], Encoding.ASCII.GetBytes(Bytes.Repeat('f', 256)))), "256 bytes");
        var error = Reject(Bytes.FieldsThen(["GET_FILE"], Encoding.ASCII.GetBytes(Bytes.Repeat('f', 257))));
        Assert.Null(error.Operation); // GET_FILE is not a directory Operation
    }

    [Theory]
    [InlineData("REGISTER\0alice\0")] // a directory request sent to a peer
    [InlineData("get_file\0song.mp3\0")]
    [InlineData("GET_FILES\0song.mp3\0")]
    [InlineData("GET_FILE \0song.mp3\0")]
    [InlineData("\0song.mp3\0")]
    [InlineData("HELLO\0")] // refused as soon as the name ends
    public void Other_operations_are_rejected(string request)
    {
        Assert.Null(Reject(Encoding.ASCII.GetBytes(request)).Operation);
    }

    [Fact]
    public void Operation_name_is_refused_past_32_bytes_without_a_terminator()
    {
        Reject(Encoding.ASCII.GetBytes(Bytes.Repeat('G', 33)));
    }

    [Theory]
    [InlineData("FF")]
    [InlineData("C3")]
    [InlineData("C0 AF")] // overlong '/'
    [InlineData("ED A0 80")]
    public void Invalid_utf8_in_the_file_name_is_rejected(string hex)
    {
        Reject([.. "GET_FILE\0"u8, .. Hex.Parse(hex), 0]);
    }

    [Theory]
    [InlineData("../secret.txt")]
    [InlineData("/etc/passwd")]
    [InlineData("my song.mp3")]
    [InlineData("")]
    public void File_name_is_passed_through_for_the_file_server_to_judge(string name)
    {
        // Documented contract of GetFileCodec.TryDecodeRequest: naming policy (traversal, blanks, empty) belongs to the
        // file server, which answers 2; the codec only bounds and decodes the field.
        DecoderChecks.Whole(Decoders.GetFile, Bytes.Fields("GET_FILE", name), new GetFileRequest(name));
    }

    [Theory]
    [InlineData(GetFileResult.Ok, ResultEncoding.Ascii, "30 00")]
    [InlineData(GetFileResult.Ok, ResultEncoding.Byte, "00")]
    [InlineData(GetFileResult.Ok, ResultEncoding.Char, "30")]
    [InlineData(GetFileResult.NotFound, ResultEncoding.Ascii, "31 00")]
    [InlineData(GetFileResult.NotFound, ResultEncoding.Byte, "01")]
    [InlineData(GetFileResult.NotFound, ResultEncoding.Char, "31")]
    [InlineData(GetFileResult.Error, ResultEncoding.Ascii, "32 00")]
    [InlineData(GetFileResult.Error, ResultEncoding.Byte, "02")]
    [InlineData(GetFileResult.Error, ResultEncoding.Char, "32")]
    public void EncodeResult_writes_the_result_code(GetFileResult result, ResultEncoding encoding, string hex)
    {
        var output = new ArrayBufferWriter<byte>();
        GetFileCodec.EncodeResult(result, encoding, output);
        Assert.Equal(hex, Hex.Format(output.WrittenSpan));
    }

    [Theory]
    [MemberData(nameof(ReplyIds))]
    public void Reply_reads_as_its_code_and_content(string id)
    {
        var golden = GetFileCases.GetReply(id);
        var (code, content) = ReadReply(golden.Bytes);
        Assert.Equal(golden.Code, code);
        Assert.Equal(Hex.Format(golden.Content), Hex.Format(content));
    }

    [Theory]
    [InlineData("35 00 68 65 6C 6C 6F", 2)] // "5\0hello"
    [InlineData("30 00", 2)] // "0\0": an empty file with its prefix
    [InlineData("30 30 35 00 68 65 6C 6C 6F", 4)] // "005\0hello": leading zeros
    [InlineData("31 32 00 00 01 02 03 04 05 06 07 08 09 0A 0B", 3)] // "12\0" + 12 binary bytes
    public void SizePrefixLength_finds_a_prefix_that_matches_the_length(string hex, int expected)
    {
        var bytes = Hex.Parse(hex);
        Assert.Equal(expected, GetFileCodec.SizePrefixLength(bytes, bytes.Length));
    }

    [Fact]
    public void SizePrefixLength_needs_only_the_head_of_a_large_file()
    {
        var head = "1000000\0"u8.ToArray();
        Assert.Equal(8, GetFileCodec.SizePrefixLength(head, 8 + 1_000_000));
        Assert.Equal(0, GetFileCodec.SizePrefixLength(head, 8 + 999_999));
    }

    [Theory]
    [InlineData("68 65 6C 6C 6F")] // "hello": no NUL
    [InlineData("31 32 00 61 62")] // "12\0ab": digits and NUL, but 12 ≠ 2 bytes after them
    [InlineData("35 00 68 65 6C 6C 6F 21")] // "5\0hello!": one byte too many
    [InlineData("35 00 68 65 6C 6C")] // "5\0hell": one byte short
    [InlineData("00 61 62 63")] // NUL first: no digits
    [InlineData("35 61 00 61")] // "5a\0a": not all digits
    [InlineData("2B 32 00 61 62")] // "+2\0ab": a sign is not a digit
    [InlineData("20 32 00 61 62")] // " 2\0ab"
    [InlineData("35")] // digits, no NUL yet
    [InlineData("")]
    [InlineData("39 39 39 39 39 39 39 39 39 39 39 39 39 39 39 39 39 39 39 39 00")] // 20 nines: beyond long
    [InlineData("30 30 30 30 30 30 30 30 30 30 30 30 30 30 30 30 30 30 30 30 30 00")] // 21 digits: too long for a prefix
    public void SizePrefixLength_leaves_content_that_merely_looks_like_a_prefix(string hex)
    {
        var bytes = Hex.Parse(hex);
        Assert.Equal(0, GetFileCodec.SizePrefixLength(bytes, bytes.Length));
    }

    /// <summary>The client's reading of a whole GET_FILE reply (docs/protocol.md §6.3).</summary>
    private static (int Code, byte[] Content) ReadReply(byte[] reply)
    {
        Assert.True(ResultCode.TryRead(reply, out var code, out var consumed));
        if (code != 0)
        {
            return (code, []);
        }

        var rest = reply[consumed..];
        var head = rest.AsSpan(0, Math.Min(rest.Length, 21));
        return (code, rest[GetFileCodec.SizePrefixLength(head, rest.Length)..]);
    }

    private static ProtocolException Reject(byte[] bytes) =>
        Assert.Throws<ProtocolException>(() =>
        {
            var reader = new SequenceReader<byte>(Chunking.Contiguous(bytes));
            GetFileCodec.TryDecodeRequest(ref reader, FieldLimits.Classic, out _);
        });
}
