using System.Buffers;
using P2PSim.Protocol.Messages;
using P2PSim.Protocol.Peer;
using P2PSim.TestKit;

namespace P2PSim.Protocol.Tests;

/// <summary>The production decoders as <see cref="TryDecoder{T}"/>s.</summary>
internal static class Decoders
{
    public static TryDecoder<DirectoryRequest> Directory { get; } = DirectoryWith(FieldLimits.Classic);

    public static TryDecoder<GetFileRequest> GetFile { get; } =
        (ref SequenceReader<byte> reader, out GetFileRequest? request) =>
            GetFileCodec.TryDecodeRequest(ref reader, FieldLimits.Classic, out request);

    public static TryDecoder<DirectoryRequest> DirectoryWith(FieldLimits limits) =>
        (ref SequenceReader<byte> reader, out DirectoryRequest? request) =>
            DirectoryRequestDecoder.TryDecode(ref reader, limits, out request);

    /// <summary>Decodes a complete directory request held in one span.</summary>
    public static DirectoryRequest DecodeRequest(ReadOnlySpan<byte> bytes, FieldLimits? limits = null) =>
        DecoderChecks.DecodeAll(DirectoryWith(limits ?? FieldLimits.Classic), Chunking.Contiguous(bytes), "whole");

    /// <summary>Runs the directory decoder on <paramref name="bytes"/> and returns its ProtocolException.</summary>
    public static ProtocolException RejectRequest(ReadOnlySpan<byte> bytes, FieldLimits? limits = null)
    {
        var input = Chunking.Contiguous(bytes);
        var decode = DirectoryWith(limits ?? FieldLimits.Classic);
        return Assert.Throws<ProtocolException>(() =>
        {
            var reader = new SequenceReader<byte>(input);
            decode(ref reader, out _);
        });
    }
}
