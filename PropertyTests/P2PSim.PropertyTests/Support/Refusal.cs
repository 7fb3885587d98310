using System.Buffers;
using FsCheck;
using FsCheck.Fluent;
using P2PSim.Protocol;

namespace P2PSim.PropertyTests.Support;

/// <summary>The property that a decoder refuses some bytes: it must throw <see cref="ProtocolException"/>, not return.</summary>
internal static class Refusal
{
    /// <summary>A request decoder with the classic limits bound in.</summary>
    public delegate bool Decoder<T>(ref SequenceReader<byte> reader, out T? result);

    public static readonly Decoder<Protocol.Messages.DirectoryRequest> DirectoryRequest =
        (ref SequenceReader<byte> reader, out Protocol.Messages.DirectoryRequest? result) => DirectoryRequestDecoder.TryDecode(ref reader, FieldLimits.Classic, out result);

    public static readonly Decoder<Protocol.Peer.GetFileRequest> GetFileRequest =
        (ref SequenceReader<byte> reader, out Protocol.Peer.GetFileRequest? result) => Protocol.Peer.GetFileCodec.TryDecodeRequest(ref reader, FieldLimits.Classic, out result);

    public static readonly Decoder<Protocol.Peer.PeerRequest> PeerRequest =
        (ref SequenceReader<byte> reader, out Protocol.Peer.PeerRequest? result) => Protocol.Peer.PeerRequestCodec.TryDecode(ref reader, FieldLimits.Classic, out result);

    /// <summary>
    /// Decodes <paramref name="bytes"/>: false, labelled with what came back, when the decoder returns; otherwise
    /// what <paramref name="check"/> says of the exception.
    /// </summary>
    public static Property Expected<T>(byte[] bytes, Decoder<T> decode, Func<ProtocolException, Property> check)
    {
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(bytes));
        try
        {
            var decoded = decode(ref reader, out var result);
            return false.Label($"no ProtocolException: returned {decoded} with {result}");
        }
        catch (ProtocolException e)
        {
            return check(e);
        }
    }
}
