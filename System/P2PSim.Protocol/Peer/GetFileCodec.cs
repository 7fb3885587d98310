using System.Buffers;
using System.Globalization;
using P2PSim.Protocol.Wire;

namespace P2PSim.Protocol.Peer;

/// <summary>Encoding and decoding of the GET_FILE exchange between peers (spec §3).</summary>
public static class GetFileCodec
{
    /// <summary>The operation name on the wire.</summary>
    public const string OperationName = "GET_FILE";

    /// <summary>Writes <c>GET_FILE\0 filename\0</c>.</summary>
    /// <exception cref="ArgumentException">The name holds a NUL, a newline or a lone surrogate.</exception>
    public static void EncodeRequest(GetFileRequest request, IBufferWriter<byte> output)
    {
        PeerRequestField.Check(request.FileName, OperationName, "file name");
        FieldWriter.Write(output, OperationName);
        FieldWriter.Write(output, request.FileName);
    }

    /// <summary>
    /// Tries to decode a request from the bytes received so far; false when more are needed. Throws
    /// <see cref="ProtocolException"/> for another operation or a name over the limit. The name is not
    /// checked for safety here: that is the file server's policy.
    /// </summary>
    public static bool TryDecodeRequest(ref SequenceReader<byte> reader, FieldLimits limits, out GetFileRequest? request)
    {
        request = null;
        var probe = reader;
        if (!FieldReader.TryReadField(ref probe, limits.OperationName, "operation name", null, out var name))
        {
            return false;
        }

        if (name != OperationName)
        {
            throw new ProtocolException($"Unknown peer operation '{DirectoryRequestDecoder.Printable(name)}'; peers serve GET_FILE.");
        }

        if (!FieldReader.TryReadField(ref probe, limits.FileName, "file name", null, out var fileName))
        {
            return false;
        }

        request = new GetFileRequest(fileName);
        reader = probe;
        return true;
    }

    /// <summary>Writes the result code that starts a GET_FILE reply; after <see cref="GetFileResult.Ok"/> the content follows.</summary>
    public static void EncodeResult(GetFileResult result, ResultEncoding encoding, IBufferWriter<byte> output) =>
        ResultCode.Write(output, (int)result, encoding);

    /// <summary>
    /// Reads the <c>size\0</c> prefix some classic peers send after the result code. Returns its length (1 to 20
    /// ASCII digits and the NUL) and its value when <paramref name="head"/> starts with one that fits a
    /// <see cref="long"/>; 0 otherwise (the reply is then raw content up to the close). The rule is exact and looks
    /// only at these bytes: content that itself starts with digits and a NUL reads as a prefix, and
    /// <see cref="CheckSizedContent"/> then decides, from what follows, whether the reply is whole (docs/protocol.md §6.2).
    /// </summary>
    public static int ReadSizePrefix(ReadOnlySpan<byte> head, out long size)
    {
        size = 0;
        var length = PrefixCandidateLength(head);
        if (length == 0)
        {
            return 0;
        }

        var text = System.Text.Encoding.ASCII.GetString(head[..(length - 1)]);
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out size) ? length : 0;
    }

    /// <summary>
    /// Whether the content that followed a size prefix of <paramref name="size"/> is whole: exactly that many bytes
    /// (<see cref="SizedContent.Exact"/>), or those and one NUL that some classic peers add after the content
    /// (<see cref="SizedContent.TrailingNul"/>). Anything else is a broken reply: fewer bytes
    /// (<see cref="SizedContent.Short"/>) or more (<see cref="SizedContent.Long"/>, which includes one extra byte that
    /// is not NUL).
    /// </summary>
    /// <param name="size">The prefix's value.</param>
    /// <param name="received">Bytes received after the prefix, up to the close.</param>
    /// <param name="lastByte">The last of them (ignored when <paramref name="received"/> is 0).</param>
    public static SizedContent CheckSizedContent(long size, long received, byte lastByte)
    {
        if (received < size)
        {
            return SizedContent.Short;
        }

        if (received == size)
        {
            return SizedContent.Exact;
        }

        return received == size + 1 && lastByte == 0 ? SizedContent.TrailingNul : SizedContent.Long;
    }

    /// <summary>
    /// The prefix check when the content's size is known beforehand (a manifest gave it): the prefix length when
    /// <paramref name="head"/> starts with decimal digits and a NUL whose value is exactly
    /// <paramref name="contentSize"/>; 0 otherwise.
    /// </summary>
    public static int SizePrefixLengthFor(ReadOnlySpan<byte> head, long contentSize)
    {
        var length = ReadSizePrefix(head, out var size);
        return length > 0 && size == contentSize ? length : 0;
    }

    /// <summary>Length of a leading <c>digits\0</c> (1 to 20 digits), terminator included; 0 when there is none.</summary>
    private static int PrefixCandidateLength(ReadOnlySpan<byte> head)
    {
        var nul = head.IndexOf((byte)0);
        if (nul <= 0 || nul > 20)
        {
            return 0;
        }

        foreach (var b in head[..nul])
        {
            if (!char.IsAsciiDigit((char)b))
            {
                return 0;
            }
        }

        return nul + 1;
    }
}
