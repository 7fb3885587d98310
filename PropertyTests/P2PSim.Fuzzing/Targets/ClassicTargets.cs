using System.Buffers;
using P2PSim.Protocol;
using P2PSim.Protocol.Peer;
using P2PSim.Protocol.Wire;

namespace P2PSim.Fuzzing.Targets;

/// <summary>The classic protocol: directory requests and replies, GET_FILE requests and replies.</summary>
internal static class ClassicTargets
{
    /// <summary>Result codes and the GET_FILE size prefix are read from at most this many bytes, as the peer does.</summary>
    private const int GetFileHeadLength = 21;

    public static IEnumerable<FuzzTarget> All()
    {
        yield return new FuzzTarget(
            "directory-request",
            "Pipelined classic requests as a directory server reads them (DirectoryRequestDecoder.TryDecode), whole and split.",
            DirectoryRequest);
        yield return new FuzzTarget(
            "directory-reply",
            "A whole classic reply (DirectoryReplyDecoder.Decode); the first byte picks the operation it answers.",
            DirectoryReply);
        yield return new FuzzTarget(
            "getfile-request",
            "Pipelined GET_FILE requests as the peer file server reads them (GetFileCodec.TryDecodeRequest).",
            GetFileRequest);
        yield return new FuzzTarget(
            "getfile-reply",
            "A whole GET_FILE reply as a downloader reads it: result code, optional size prefix, content check.",
            GetFileReply);
    }

    internal static bool IsExpected(Exception e) => e is ProtocolException;

    private static void DirectoryRequest(byte[] input) =>
        Transcript.CheckSplitIndependent(input, DecodeDirectoryRequest, IsExpected);

    private static bool DecodeDirectoryRequest(ref SequenceReader<byte> reader, out string? decoded)
    {
        var ok = DirectoryRequestDecoder.TryDecode(ref reader, FieldLimits.Classic, out var request);
        decoded = request?.ToString();
        return ok;
    }

    private static void DirectoryReply(byte[] input)
    {
        if (input.Length == 0)
        {
            return;
        }

        var operations = Enum.GetValues<Operation>();
        var operation = operations[input[0] % operations.Length];
        try
        {
            var reply = DirectoryReplyDecoder.Decode(operation, input.AsSpan(1));
            _ = reply.ToString();
        }
        catch (ProtocolException)
        {
        }
    }

    private static void GetFileRequest(byte[] input) =>
        Transcript.CheckSplitIndependent(input, DecodeGetFileRequest, IsExpected);

    private static bool DecodeGetFileRequest(ref SequenceReader<byte> reader, out string? decoded)
    {
        var ok = GetFileCodec.TryDecodeRequest(ref reader, FieldLimits.Classic, out var request);
        decoded = request?.ToString();
        return ok;
    }

    private static void GetFileReply(byte[] input)
    {
        try
        {
            var head = input.AsSpan(0, Math.Min(input.Length, GetFileHeadLength));
            if (!ResultCode.TryRead(head, out var code, out var consumed) || code != 0)
            {
                return;
            }

            var body = input.AsSpan(consumed);
            var prefix = GetFileCodec.ReadSizePrefix(body[..Math.Min(body.Length, GetFileHeadLength)], out var size);
            if (prefix < 0 || prefix > body.Length)
            {
                throw new FuzzFindingException($"A size prefix of {prefix} bytes in a body of {body.Length}.");
            }

            var content = body[prefix..];
            _ = GetFileCodec.CheckSizedContent(size, content.Length, content.IsEmpty ? (byte)0 : content[^1]);
            _ = GetFileCodec.SizePrefixLengthFor(body, content.Length);
        }
        catch (ProtocolException)
        {
        }
    }
}
