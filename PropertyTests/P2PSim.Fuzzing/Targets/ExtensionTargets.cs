using System.Buffers;
using P2PSim.Protocol;
using P2PSim.Protocol.Peer;

namespace P2PSim.Fuzzing.Targets;

/// <summary>The peer extensions: GET_MANIFEST / GET_RANGE requests, the manifest and the range reply header.</summary>
internal static class ExtensionTargets
{
    public static IEnumerable<FuzzTarget> All()
    {
        yield return new FuzzTarget(
            "peer-request",
            "Pipelined GET_FILE / GET_MANIFEST / GET_RANGE requests (PeerRequestCodec.TryDecode), whole and split.",
            PeerRequest);
        yield return new FuzzTarget(
            "manifest",
            "A GET_MANIFEST reply body after its code (ManifestCodec.TryDecode), whole and split.",
            Manifest);
        yield return new FuzzTarget(
            "range-reply",
            "The header of a GET_RANGE reply (RangeReplyCodec.TryReadHeader); the first byte's low bit says whether the stream ended.",
            RangeReply);
    }

    private static void PeerRequest(byte[] input) =>
        Transcript.CheckSplitIndependent(input, DecodePeerRequest, ClassicTargets.IsExpected);

    private static bool DecodePeerRequest(ref SequenceReader<byte> reader, out string? decoded)
    {
        var ok = PeerRequestCodec.TryDecode(ref reader, FieldLimits.Classic, out var request);
        decoded = request?.ToString();
        return ok;
    }

    private static void Manifest(byte[] input) =>
        Transcript.CheckSplitIndependent(input, DecodeManifest, ClassicTargets.IsExpected);

    private static bool DecodeManifest(ref SequenceReader<byte> reader, out string? decoded)
    {
        var ok = ManifestCodec.TryDecode(ref reader, out var manifest);
        decoded = manifest is null
            ? null
            : $"{manifest.Size}/{manifest.BlockSize}/{manifest.Version}/{manifest.BlockCount}:{string.Join(',', manifest.BlockHashes.Select(Convert.ToHexString))}";
        return ok;
    }

    private static void RangeReply(byte[] input)
    {
        if (input.Length == 0)
        {
            return;
        }

        var reply = input.AsSpan(1);
        if (RangeReplyCodec.TryReadHeader(reply, (input[0] & 1) != 0, out var ok, out var code) &&
            ok && (reply.Length < RangeReplyCodec.HeaderLength || code != 0))
        {
            throw new FuzzFindingException($"A range header read as OK from {reply.Length} bytes with code {code}.");
        }
    }
}
