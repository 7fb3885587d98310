using System.Buffers;
using FsCheck;
using FsCheck.Fluent;
using P2PSim.PropertyTests.Generators;
using P2PSim.PropertyTests.Support;
using P2PSim.Protocol;
using P2PSim.TestKit;
using Xunit.Abstractions;

namespace P2PSim.PropertyTests;

/// <summary>
/// Codec properties (style §3): decode(encode(m)) == m for every request and every reply in every result encoding;
/// the same bytes decode the same in any segmentation and one byte at a time; hostile bytes only ever give
/// true/false or a <see cref="ProtocolException"/>.
/// </summary>
public sealed class CodecRoundTripProperties(ITestOutputHelper output)
{
    private static int Cases => PropertySettings.CodecCases;

    [Fact]
    public void Every_request_round_trips()
    {
        Run(Prop.ForAll(RequestGenerators.Arbitrary, request =>
        {
            var bytes = DirectoryRequestEncoder.ToArray(request);
            var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(bytes));
            var decoded = DirectoryRequestDecoder.TryDecode(ref reader, FieldLimits.Classic, out var result);
            return (decoded && request == result && reader.End).Label($"decoded={decoded} as {result}, end={reader.End}");
        }));
    }

    [Fact]
    public void Every_reply_round_trips_in_every_result_encoding()
    {
        Run(Prop.ForAll(ReplyGenerators.Arbitrary, c =>
        {
            var buffer = new ArrayBufferWriter<byte>();
            DirectoryReplyEncoder.Encode(c.Reply, c.Encoding, buffer);
            var decoded = DirectoryReplyDecoder.Decode(c.Reply.Operation, buffer.WrittenSpan);
            return ReplyEquality.InOrder(c.Reply, decoded).Label($"decoded as {ReplyText.Describe(decoded)}");
        }));
    }

    [Fact]
    public void A_request_decodes_the_same_in_any_segmentation()
    {
        Run(Prop.ForAll(SegmentedRequests.Arbitrary, s =>
        {
            var reader = new SequenceReader<byte>(Chunking.SplitAtOffsets(s.Bytes, s.Cuts));
            var decoded = DirectoryRequestDecoder.TryDecode(ref reader, FieldLimits.Classic, out var result);
            return (decoded && s.Request == result && reader.End).Label($"decoded={decoded} as {result}");
        }));
    }

    [Fact]
    public void A_request_fed_one_byte_at_a_time_needs_exactly_all_its_bytes()
    {
        Run(Prop.ForAll(RequestGenerators.Arbitrary, request =>
        {
            var bytes = DirectoryRequestEncoder.ToArray(request);
            var everyOffset = Enumerable.Range(1, bytes.Length - 1).ToArray();
            for (var length = 0; length < bytes.Length; length++)
            {
                // Each proper prefix, one byte per segment, as a session sees it while bytes trickle in.
                var prefix = new SequenceReader<byte>(Chunking.SplitAtOffsets(bytes[..length], everyOffset[..Math.Max(0, length - 1)]));
                if (DirectoryRequestDecoder.TryDecode(ref prefix, FieldLimits.Classic, out var early) || prefix.Consumed != 0)
                {
                    return false.Label($"decoded {early} from the first {length} of {bytes.Length} bytes");
                }
            }

            var reader = new SequenceReader<byte>(Chunking.SplitAtOffsets(bytes, everyOffset));
            var decoded = DirectoryRequestDecoder.TryDecode(ref reader, FieldLimits.Classic, out var result);
            return (decoded && request == result && reader.End).Label($"decoded={decoded} as {result}");
        }));
    }

    [Fact]
    public void A_name_over_the_limit_is_a_protocol_error()
    {
        Run(Prop.ForAll(OverlongRequests.Arbitrary, request =>
            Refusal.Expected(DirectoryRequestEncoder.ToArray(request), Refusal.DirectoryRequest, e =>
                (e.Operation == request.Operation).Label($"exception names operation {e.Operation}"))));
    }

    [Fact]
    public void Hostile_bytes_give_true_false_or_a_ProtocolException_from_the_request_decoder()
    {
        // Any other exception escapes the property, and FsCheck reports it with the shrunk input.
        Run(Prop.ForAll(ByteGenerators.Hostile, bytes =>
        {
            var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(bytes));
            try
            {
                while (!reader.End && DirectoryRequestDecoder.TryDecode(ref reader, FieldLimits.Classic, out _))
                {
                }
            }
            catch (ProtocolException)
            {
            }

            return true;
        }));
    }

    [Fact]
    public void Hostile_bytes_give_a_reply_or_a_ProtocolException_from_the_reply_decoder()
    {
        Run(Prop.ForAll(ByteGenerators.Hostile, bytes =>
        {
            foreach (var operation in Enum.GetValues<Operation>())
            {
                try
                {
                    DirectoryReplyDecoder.Decode(operation, bytes);
                }
                catch (ProtocolException)
                {
                }
            }

            return true;
        }));
    }

    private void Run(Property property)
    {
        output.WriteLine(PropertySettings.Describe(Cases));
        Check.One(PropertySettings.Config(Cases), property);
    }
}
