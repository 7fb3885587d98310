using System.Buffers;
using P2PSim.Protocol.Messages;
using P2PSim.Protocol.Peer;
using P2PSim.Protocol.Wire;

namespace P2PSim.Protocol.Tests;

/// <summary>
/// Edges of the codecs that the golden tests do not reach: numbers exactly at their bound, fields that would end
/// early, replies too short for what they announce, and the readable form of garbage in error messages.
/// </summary>
public sealed class CodecEdgeTests
{
    private static readonly string Version = new('a', 64);

    [Fact]
    public void A_range_at_the_largest_offset_and_length_is_accepted()
    {
        // docs/extensions.md §2.2: offset is any non-negative long, length 1 .. 16 MiB.
        var bytes = Bytes.Fields("GET_RANGE", "movie.bin", Version, "9223372036854775807", "16777216");
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(bytes));
        Assert.True(PeerRequestCodec.TryDecode(ref reader, FieldLimits.Classic, out var request));
        Assert.Equal(new RangeRequest("movie.bin", Version, long.MaxValue, FileManifest.MaxRangeLength), request);

        var tooLong = Bytes.Fields("GET_RANGE", "movie.bin", Version, "0", "16777217");
        Assert.Throws<ProtocolException>(() =>
        {
            var r = new SequenceReader<byte>(new ReadOnlySequence<byte>(tooLong));
            PeerRequestCodec.TryDecode(ref r, FieldLimits.Classic, out _);
        });
    }

    [Fact]
    public void A_search_for_at_most_one_hit_is_accepted()
    {
        // docs/extensions.md §1: max is 1 .. 2^31-1.
        var request = Decoders.DecodeRequest("SEARCH\0bob\0song\01\0"u8);
        Assert.Equal(new SearchRequest(null, "bob", "song", 1), request);
    }

    [Fact]
    public void The_largest_peer_request_is_a_range_request_with_every_field_at_its_limit()
    {
        // Operation (32), file name (256), version (64), offset and length (20 each), five NUL terminators.
        Assert.Equal(32 + 256 + 64 + 20 + 20 + 5, PeerRequestCodec.MaxRequestBytes(FieldLimits.Classic));
        var small = FieldLimits.Classic with { OperationName = 10, FileName = 20, Number = 3 };
        Assert.Equal(10 + 20 + 64 + 3 + 3 + 5, PeerRequestCodec.MaxRequestBytes(small));
    }

    [Theory]
    [InlineData("\nmovie.bin")]
    [InlineData("\0movie.bin")]
    [InlineData("movie\n.bin")]
    public void A_peer_request_field_that_would_end_early_is_refused_before_writing(string name)
    {
        var output = new ArrayBufferWriter<byte>();
        Assert.Throws<ArgumentException>(() => PeerRequestCodec.Encode(new ManifestRequest(name), output));
        Assert.Equal(0, output.WrittenCount);
    }

    [Fact]
    public void Result_code_nine_is_the_largest_single_digit()
    {
        var output = new ArrayBufferWriter<byte>();
        ResultCode.Write(output, 9, ResultEncoding.Ascii);
        Assert.Equal("9\0"u8.ToArray(), output.WrittenSpan.ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => ResultCode.Write(new ArrayBufferWriter<byte>(), 10, ResultEncoding.Ascii));
    }

    [Fact]
    public void A_reply_without_a_result_code_is_blamed_on_its_operation()
    {
        var error = Assert.Throws<ProtocolException>(() => DirectoryReplyDecoder.Decode(Operation.Register, "x\0"u8));
        Assert.Equal(Operation.Register, error.Operation);
    }

    [Fact]
    public void A_search_reply_with_fewer_fields_than_it_announces_is_refused()
    {
        // docs/extensions.md §1: count, then user, filename, description per hit. Two hits announced, five fields.
        var error = Assert.Throws<ProtocolException>(() =>
            DirectoryReplyDecoder.Decode(Operation.Search, "0\02\0ann\0song.mp3\0my song\0cy\0a b\0"u8));
        Assert.Equal(Operation.Search, error.Operation);
        var hits = DirectoryReplyDecoder.Decode(Operation.Search, "0\01\0ann\0song.mp3\0my song\0"u8).Hits;
        Assert.Equal([new SearchHit("ann", "song.mp3", "my song")], hits);
    }

    [Fact]
    public void A_size_prefix_has_one_to_twenty_digits()
    {
        // 20 digits (leading zeros) then NUL, announcing the 5 bytes that follow: a prefix of 21 bytes.
        Assert.Equal(21, GetFileCodec.ReadSizePrefix("00000000000000000005\0hello"u8, out var size));
        Assert.Equal(5, size);
        Assert.Equal(0, GetFileCodec.ReadSizePrefix("000000000000000000005\0hello"u8, out _));
        Assert.Equal(0, GetFileCodec.SizePrefixLengthFor("hello"u8, 5));
        Assert.Equal(2, GetFileCodec.SizePrefixLengthFor("5\0hello"u8, 5));
    }

    [Fact]
    public void Garbage_is_shown_cut_to_forty_characters_with_controls_as_question_marks()
    {
        Assert.Equal(new string('a', 40), DirectoryRequestDecoder.Printable(new string('a', 40)));
        Assert.Equal(new string('a', 40) + "…", DirectoryRequestDecoder.Printable(new string('a', 41)));
        Assert.Equal("a?b?", DirectoryRequestDecoder.Printable("a\u0001b\n"));
    }
}
