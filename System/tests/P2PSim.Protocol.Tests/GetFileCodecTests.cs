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
    public void Reply_reads_as_its_code_and_content_or_is_refused(string id)
    {
        var golden = GetFileCases.GetReply(id);
        var (code, content) = ReadReply(golden.Bytes);
        Assert.Equal(golden.Code, code);
        Assert.Equal(golden.Content is null ? null : Hex.Format(golden.Content), content is null ? null : Hex.Format(content));
    }

    [Theory]
    [InlineData("35 00 68 65 6C 6C 6F", 2, 5)] // "5\0hello"
    [InlineData("30 00", 2, 0)] // "0\0": an empty file with its prefix
    [InlineData("30 30 35 00 68 65 6C 6C 6F", 4, 5)] // "005\0hello": leading zeros
    [InlineData("31 32 00 61 62", 3, 12)] // "12\0ab": the value is not checked here
    [InlineData("31 30 30 30 30 30 30 00", 8, 1_000_000)] // only the head of a large file is needed
    public void ReadSizePrefix_reads_leading_digits_and_a_NUL(string hex, int length, long size)
    {
        Assert.Equal(length, GetFileCodec.ReadSizePrefix(Hex.Parse(hex), out var value));
        Assert.Equal(size, value);
    }

    [Theory]
    [InlineData("68 65 6C 6C 6F")] // "hello": no NUL
    [InlineData("00 61 62 63")] // NUL first: no digits
    [InlineData("35 61 00 61")] // "5a\0a": not all digits
    [InlineData("2B 32 00 61 62")] // "+2\0ab": a sign is not a digit
    [InlineData("20 32 00 61 62")] // " 2\0ab"
    [InlineData("35")] // digits, no NUL yet
    [InlineData("")]
    [InlineData("39 39 39 39 39 39 39 39 39 39 39 39 39 39 39 39 39 39 39 39 00")] // 20 nines: beyond long
    [InlineData("30 30 30 30 30 30 30 30 30 30 30 30 30 30 30 30 30 30 30 30 30 00")] // 21 digits: too long for a prefix
    public void ReadSizePrefix_finds_none_where_the_body_does_not_start_with_one(string hex)
    {
        Assert.Equal(0, GetFileCodec.ReadSizePrefix(Hex.Parse(hex), out var size));
        Assert.Equal(0, size);
    }

    [Theory]
    [InlineData(5, 5, 'o', SizedContent.Exact)]
    [InlineData(0, 0, 0, SizedContent.Exact)]
    [InlineData(5, 6, 0, SizedContent.TrailingNul)]
    [InlineData(0, 1, 0, SizedContent.TrailingNul)]
    [InlineData(5, 4, 'l', SizedContent.Short)]
    [InlineData(5, 0, 0, SizedContent.Short)]
    [InlineData(5, 6, '!', SizedContent.Long)]
    [InlineData(5, 7, 0, SizedContent.Long)]
    [InlineData(0, 1, 'x', SizedContent.Long)]
    public void CheckSizedContent_accepts_the_size_or_the_size_and_one_NUL(long size, long received, int last, SizedContent expected)
    {
        Assert.Equal(expected, GetFileCodec.CheckSizedContent(size, received, (byte)last));
    }

    /// <summary>The client's reading of a whole GET_FILE reply (docs/protocol.md §6.3); null content = refused.</summary>
    private static (int Code, byte[]? Content) ReadReply(byte[] reply)
    {
        Assert.True(ResultCode.TryRead(reply, out var code, out var consumed));
        if (code != 0)
        {
            return (code, []);
        }

        var rest = reply[consumed..];
        var prefix = GetFileCodec.ReadSizePrefix(rest.AsSpan(0, Math.Min(rest.Length, 21)), out var size);
        if (prefix == 0)
        {
            return (code, rest);
        }

        var content = rest[prefix..];
        return GetFileCodec.CheckSizedContent(size, content.Length, content.Length > 0 ? content[^1] : (byte)0) switch
        {
            SizedContent.Exact => (code, content),
            SizedContent.TrailingNul => (code, content[..^1]),
            _ => (code, null),
        };
    }

    private static ProtocolException Reject(byte[] bytes) =>
        Assert.Throws<ProtocolException>(() =>
        {
            var reader = new SequenceReader<byte>(Chunking.Contiguous(bytes));
            GetFileCodec.TryDecodeRequest(ref reader, FieldLimits.Classic, out _);
        });
}
