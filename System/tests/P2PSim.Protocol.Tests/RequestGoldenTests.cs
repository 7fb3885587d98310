namespace P2PSim.Protocol.Tests;

/// <summary>
/// Every golden request of docs/protocol.md §3 (see <see cref="RequestCases"/>): encoded byte for byte, and decoded
/// whole, split at every offset, one byte per segment, one byte at a time, and with bytes after it.
/// </summary>
public sealed class RequestGoldenTests
{
    public static TheoryData<string> Ids => RequestCases.Ids;

    public static TheoryData<string> CanonicalIds => RequestCases.CanonicalIds;

    [Theory]
    [MemberData(nameof(CanonicalIds))]
    public void Encode_writes_the_golden_bytes(string id)
    {
        var golden = RequestCases.Get(id);
        Assert.Equal(Hex.Format(golden.Bytes), Hex.Format(DirectoryRequestEncoder.ToArray(golden.Message)));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Decode_whole(string id)
    {
        var golden = RequestCases.Get(id);
        DecoderChecks.Whole(Decoders.Directory, golden.Bytes, golden.Message);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Decode_split_at_every_offset(string id)
    {
        var golden = RequestCases.Get(id);
        DecoderChecks.EverySplit(Decoders.Directory, golden.Bytes, golden.Message);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Decode_one_byte_per_segment(string id)
    {
        var golden = RequestCases.Get(id);
        DecoderChecks.OneBytePerSegment(Decoders.Directory, golden.Bytes, golden.Message);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Decode_fed_one_byte_at_a_time_is_false_until_complete(string id)
    {
        var golden = RequestCases.Get(id);
        DecoderChecks.Incrementally(Decoders.Directory, golden.Bytes, golden.Message);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Decode_consumes_exactly_the_message_before_guard_bytes(string id)
    {
        var golden = RequestCases.Get(id);
        DecoderChecks.FollowedBy(Decoders.Directory, golden.Bytes, golden.Message, DecoderChecks.GuardBytes);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Decode_consumes_exactly_the_message_before_another_request(string id)
    {
        // A field-shaped guard: a decoder that read one field too many would take it.
        var golden = RequestCases.Get(id);
        DecoderChecks.FollowedBy(Decoders.Directory, golden.Bytes, golden.Message, RequestCases.Get("P-LIST_CONTENT-2").Bytes);
    }

    [Theory]
    [MemberData(nameof(CanonicalIds))]
    public void Encode_then_decode_round_trips(string id)
    {
        var golden = RequestCases.Get(id);
        Assert.Equal(golden.Message, Decoders.DecodeRequest(DirectoryRequestEncoder.ToArray(golden.Message)));
    }
}
