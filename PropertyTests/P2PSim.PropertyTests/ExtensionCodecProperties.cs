using System.Buffers;
using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using P2PSim.PropertyTests.Generators;
using P2PSim.PropertyTests.Support;
using P2PSim.Protocol;
using P2PSim.Protocol.Peer;
using P2PSim.TestKit;
using Xunit.Abstractions;

namespace P2PSim.PropertyTests;

/// <summary>
/// Codec properties of the multi-source extension (docs/extensions.md). FIND_SOURCES and SEARCH ride on the
/// directory codec, so <see cref="CodecRoundTripProperties"/> covers their round trip, segmentation and hostile
/// bytes through the shared generators; here are their refusals, and the peer side: GET_MANIFEST / GET_RANGE
/// requests (alone and pipelined, in any segmentation, numbers at their bounds) and manifests (round trip, any
/// segmentation, hostile headers refused before anything is allocated for their digests).
/// </summary>
public sealed class ExtensionCodecProperties(ITestOutputHelper output)
{
    /// <summary>What a decoder may allocate for one hostile input: far below what any believed count would cost.</summary>
    private const long AllocationBound = 4 * 1024 * 1024;

    private static int Cases => PropertySettings.CodecCases;

    [Fact]
    public void A_malformed_FIND_SOURCES_or_SEARCH_is_a_protocol_error_naming_its_operation()
    {
        Run(Prop.ForAll(MalformedExtensionRequests.Arbitrary, c =>
            Refusal.Expected(c.Bytes, Refusal.DirectoryRequest, e =>
                (e.Operation == c.Operation).Label($"exception names {e.Operation}: {e.Message}"))));
    }

    [Fact]
    public void Every_peer_request_round_trips_and_needs_all_its_bytes()
    {
        Run(Prop.ForAll(PeerRequestGenerators.Arbitrary, request =>
        {
            var bytes = PeerRequestGenerators.Encode(request);
            for (var length = 0; length < bytes.Length; length++)
            {
                var prefix = new SequenceReader<byte>(new ReadOnlySequence<byte>(bytes, 0, length));
                if (PeerRequestCodec.TryDecode(ref prefix, FieldLimits.Classic, out var early) || prefix.Consumed != 0)
                {
                    return false.Label($"decoded {early} from the first {length} of {bytes.Length} bytes");
                }
            }

            var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(bytes));
            var decoded = PeerRequestCodec.TryDecode(ref reader, FieldLimits.Classic, out var result);
            return (decoded && reader.End && request == result).Label($"decoded={decoded} as {result}, end={reader.End}");
        }));
    }

    [Fact]
    public void A_pipeline_of_peer_requests_decodes_the_same_in_any_segmentation()
    {
        Run(Prop.ForAll(PeerRequestGenerators.Pipeline, p =>
        {
            var reader = new SequenceReader<byte>(Chunking.SplitAtOffsets(p.Bytes.Bytes, p.Bytes.Cuts));
            var decoded = new List<PeerRequest>();
            while (!reader.End && PeerRequestCodec.TryDecode(ref reader, FieldLimits.Classic, out var request))
            {
                decoded.Add(request!);
            }

            return (reader.End && decoded.SequenceEqual(p.Requests))
                .Label($"decoded [{string.Join(", ", decoded)}], {reader.Remaining} bytes left");
        }));
    }

    [Fact]
    public void A_GET_RANGE_with_a_number_out_of_bounds_is_a_protocol_error()
    {
        Run(Prop.ForAll(PeerRequestGenerators.BadRange, bytes =>
            Refusal.Expected(bytes, Refusal.PeerRequest, _ => true.Label("refused"))));
    }

    [Fact]
    public void Hostile_bytes_give_true_false_or_a_ProtocolException_from_the_peer_request_decoder()
    {
        Run(Prop.ForAll(ByteGenerators.Hostile, PeerRequestGenerators.BadRange, (bytes, range) =>
        {
            byte[][] inputs = [bytes, [.. "GET_MANIFEST\0"u8, .. bytes], [.. "GET_RANGE\0"u8, .. bytes], [.. range[..(range.Length / 2)], .. bytes]];
            foreach (var input in inputs)
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(input));
                try
                {
                    while (!reader.End && PeerRequestCodec.TryDecode(ref reader, FieldLimits.Classic, out _))
                    {
                    }
                }
                catch (ProtocolException)
                {
                }

                var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                if (allocated > AllocationBound)
                {
                    return false.Label($"{allocated} bytes allocated for {input.Length} input bytes");
                }
            }

            return true.Label("only true, false or ProtocolException");
        }));
    }

    [Fact]
    public void Every_manifest_round_trips()
    {
        Run(Prop.ForAll(ManifestGenerators.Arbitrary, manifest =>
        {
            var bytes = ManifestGenerators.Encode(manifest);
            var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(bytes));
            var decoded = ManifestCodec.TryDecode(ref reader, out var result);
            return (decoded && reader.End && result!.SameContentAs(manifest))
                .Label($"decoded={decoded}: {result?.Size} bytes, {result?.BlockCount} blocks of {result?.BlockSize}");
        }));
    }

    [Fact]
    public void A_manifest_decodes_the_same_in_any_segmentation_and_not_before_its_last_byte()
    {
        Run(Prop.ForAll(ManifestGenerators.Segmented, s =>
        {
            // A proper prefix is "need more", never a manifest (the decoder is stateless: each call starts over).
            foreach (var length in s.Cuts.Where(c => c < s.Bytes.Length).Take(8))
            {
                var prefix = new SequenceReader<byte>(Chunking.SplitAtOffsets(s.Bytes[..length], [.. s.Cuts.Where(c => c <= length)]));
                if (ManifestCodec.TryDecode(ref prefix, out _) || prefix.Consumed != 0)
                {
                    return false.Label($"decoded from the first {length} of {s.Bytes.Length} bytes");
                }
            }

            var reader = new SequenceReader<byte>(Chunking.SplitAtOffsets(s.Bytes, s.Cuts));
            var whole = new SequenceReader<byte>(new ReadOnlySequence<byte>(s.Bytes));
            var decoded = ManifestCodec.TryDecode(ref reader, out var cut);
            ManifestCodec.TryDecode(ref whole, out var once);
            return (decoded && reader.End && cut!.SameContentAs(once!)).Label($"decoded={decoded}");
        }));
    }

    [Fact]
    public void A_hostile_manifest_header_is_refused_before_its_digests_are_allocated()
    {
        Run(Prop.ForAll(ManifestGenerators.Hostile, bytes =>
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(bytes));
            string outcome;
            try
            {
                var decoded = ManifestCodec.TryDecode(ref reader, out var manifest);
                outcome = decoded ? $"accepted: {manifest!.Size} bytes, {manifest.BlockCount} blocks of {manifest.BlockSize}" : "asked for more bytes";
            }
            catch (ProtocolException)
            {
                outcome = "refused";
            }

            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            return (outcome == "refused" && allocated < AllocationBound)
                .Label($"{outcome}, {allocated} bytes allocated, header {Header(bytes)}");
        }));
    }

    [Fact]
    public void Hostile_bytes_never_give_an_inconsistent_manifest_or_another_exception()
    {
        Run(Prop.ForAll(ByteGenerators.Hostile, ManifestGenerators.Hostile, (bytes, hostile) =>
        {
            byte[][] inputs = [bytes, [.. hostile[..(hostile.Length / 3)], .. bytes]];
            foreach (var input in inputs)
            {
                var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(input));
                try
                {
                    if (ManifestCodec.TryDecode(ref reader, out var manifest) && !Consistent(manifest!))
                    {
                        return false.Label($"inconsistent manifest accepted: {manifest!.Size} bytes, {manifest.BlockCount} blocks of {manifest.BlockSize}");
                    }
                }
                catch (ProtocolException)
                {
                }
            }

            return true.Label("consistent or refused");
        }));
    }

    /// <summary>Extensions §2.1 in exact arithmetic: count = ceil(size / blocksize) ≤ 65,536, block size 1..16 MiB.</summary>
    internal static bool Consistent(FileManifest m) =>
        m.BlockSize is >= 1 and <= FileManifest.MaxRangeLength && m.BlockCount <= FileManifest.MaxBlocks &&
        m.BlockCount == (new BigInteger(m.Size) + m.BlockSize - 1) / m.BlockSize;

    private static string Header(byte[] bytes) =>
        string.Join(" ", System.Text.Encoding.ASCII.GetString(bytes).Split('\0').Take(4).Select(f => f.Length > 20 ? f[..8] + "…" : f));

    private void Run(Property property)
    {
        output.WriteLine(PropertySettings.Describe(Cases));
        Check.One(PropertySettings.Config(Cases), property);
    }
}
