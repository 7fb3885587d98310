using System.Buffers;
using FsCheck;
using FsCheck.Fluent;
using P2PSim.PropertyTests.Generators;
using P2PSim.PropertyTests.Support;
using P2PSim.Protocol;
using P2PSim.Protocol.Peer;
using P2PSim.Protocol.Wire;
using P2PSim.TestKit;
using Xunit.Abstractions;

namespace P2PSim.PropertyTests;

/// <summary>
/// The peer-to-peer message (GET_FILE, spec §3) gets the same codec properties as the directory's: round trip,
/// split-point independence, nothing decoded early, names over the limit and hostile bytes give the protocol
/// error; and the reply's result code is read back in every encoding, with the content starting right after it.
/// </summary>
public sealed class GetFileCodecProperties(ITestOutputHelper output)
{
    private static int Cases => PropertySettings.CodecCases;

    [Fact]
    public void Every_GET_FILE_request_round_trips_in_any_segmentation()
    {
        Run(Prop.ForAll(GetFileGenerators.SegmentedRequest, s =>
        {
            var reader = new SequenceReader<byte>(Chunking.SplitAtOffsets(s.Bytes, s.Cuts));
            var decoded = GetFileCodec.TryDecodeRequest(ref reader, FieldLimits.Classic, out var request);
            var whole = new SequenceReader<byte>(new ReadOnlySequence<byte>(s.Bytes));
            GetFileCodec.TryDecodeRequest(ref whole, FieldLimits.Classic, out var once);
            return (decoded && reader.End && request == once && GetFileGenerators.Encode(request!).SequenceEqual(s.Bytes))
                .Label($"decoded={decoded} as {request}, whole as {once}");
        }));
    }

    [Fact]
    public void A_GET_FILE_request_is_not_decoded_before_its_last_byte()
    {
        Run(Prop.ForAll(GetFileGenerators.Request, request =>
        {
            var bytes = GetFileGenerators.Encode(request);
            for (var length = 0; length < bytes.Length; length++)
            {
                var prefix = new SequenceReader<byte>(new ReadOnlySequence<byte>(bytes, 0, length));
                if (GetFileCodec.TryDecodeRequest(ref prefix, FieldLimits.Classic, out var early) || prefix.Consumed != 0)
                {
                    return false.Label($"decoded {early} from the first {length} of {bytes.Length} bytes");
                }
            }

            return true.Label("no early decode");
        }));
    }

    [Fact]
    public void A_GET_FILE_name_over_the_limit_is_a_protocol_error()
    {
        Run(Prop.ForAll(GetFileGenerators.OverlongRequest, request =>
            Refusal.Expected(GetFileGenerators.Encode(request), Refusal.GetFileRequest, _ => true.Label("rejected"))));
    }

    [Fact]
    public void Hostile_bytes_give_true_false_or_a_ProtocolException_from_the_GET_FILE_decoder()
    {
        Run(Prop.ForAll(ByteGenerators.Hostile, bytes =>
        {
            var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(bytes));
            try
            {
                GetFileCodec.TryDecodeRequest(ref reader, FieldLimits.Classic, out _);
                var withName = new SequenceReader<byte>(new ReadOnlySequence<byte>([.. "GET_FILE\0"u8, .. bytes]));
                GetFileCodec.TryDecodeRequest(ref withName, FieldLimits.Classic, out _);
            }
            catch (ProtocolException)
            {
            }

            return true;
        }));
    }

    [Fact]
    public void A_GET_FILE_reply_code_reads_back_in_every_encoding_and_the_content_follows_it()
    {
        Run(Prop.ForAll(GetFileGenerators.Reply, reply =>
        {
            var buffer = new ArrayBufferWriter<byte>();
            GetFileCodec.EncodeResult(reply.Result, reply.Encoding, buffer);
            var codeLength = buffer.WrittenCount;
            buffer.Write(reply.Content);
            var read = ResultCode.TryRead(buffer.WrittenSpan, out var code, out var consumed);

            // Documented ambiguity: a lone digit then content starting with NUL reads as ASCII + NUL (FileDownloader remarks).
            var expected = reply.Encoding == ResultEncoding.Char && reply.Content is [0, ..] ? codeLength + 1 : codeLength;
            return (read && code == (int)reply.Result && consumed == expected)
                .Label($"read={read} code={code} consumed={consumed}, expected {expected}");
        }));
    }

    private void Run(Property property)
    {
        output.WriteLine(PropertySettings.Describe(Cases));
        Check.One(PropertySettings.Config(Cases), property);
    }
}
