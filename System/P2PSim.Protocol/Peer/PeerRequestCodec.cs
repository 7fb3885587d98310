using System.Buffers;
using System.Globalization;
using P2PSim.Protocol.Wire;

namespace P2PSim.Protocol.Peer;

/// <summary>
/// Encoding and decoding of every peer request: the classic GET_FILE and the GET_MANIFEST / GET_RANGE extensions
/// (docs/extensions.md §2). Names are not checked for safety here: that is the file server's policy.
/// </summary>
public static class PeerRequestCodec
{
    /// <summary>The manifest request's name on the wire.</summary>
    public const string ManifestOperation = "GET_MANIFEST";

    /// <summary>The range request's name on the wire.</summary>
    public const string RangeOperation = "GET_RANGE";

    /// <summary>The largest valid request: a GET_RANGE with every field at its limit, terminators included.</summary>
    public static int MaxRequestBytes(FieldLimits limits) =>
        limits.OperationName + 1 + limits.FileName + 1 + VersionLength + 1 + (2 * (limits.Number + 1));

    /// <summary>Length of a version field: a SHA-256 in hex.</summary>
    public const int VersionLength = 64;

    /// <summary>Writes any peer request.</summary>
    /// <exception cref="ArgumentException">A field holds a NUL, a newline or a lone surrogate (the message names it).</exception>
    public static void Encode(PeerRequest request, IBufferWriter<byte> output)
    {
        switch (request)
        {
            case GetFileRequest getFile:
                GetFileCodec.EncodeRequest(getFile, output);
                break;
            case ManifestRequest manifest:
                PeerRequestField.Check(manifest.FileName, ManifestOperation, "file name");
                FieldWriter.Write(output, ManifestOperation);
                FieldWriter.Write(output, manifest.FileName);
                break;
            case RangeRequest range:
                PeerRequestField.Check(range.FileName, RangeOperation, "file name");
                PeerRequestField.Check(range.Version, RangeOperation, "version");
                FieldWriter.Write(output, RangeOperation);
                FieldWriter.Write(output, range.FileName);
                FieldWriter.Write(output, range.Version);
                FieldWriter.Write(output, range.Offset);
                FieldWriter.Write(output, range.Length);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(request), request, "Unknown peer request.");
        }
    }

    /// <summary>
    /// Tries to decode one request from the start of <paramref name="reader"/>; false when more bytes are needed.
    /// Throws <see cref="ProtocolException"/> for an unknown operation, a field over its limit or a malformed number.
    /// Range bounds against the file are the server's check; here only their shape (non-negative, a length from 1
    /// to <see cref="FileManifest.MaxRangeLength"/>).
    /// </summary>
    public static bool TryDecode(ref SequenceReader<byte> reader, FieldLimits limits, out PeerRequest? request)
    {
        request = null;
        var probe = reader;
        if (!FieldReader.TryReadField(ref probe, limits.OperationName, "operation name", null, out var name))
        {
            return false;
        }

        switch (name)
        {
            case GetFileCodec.OperationName:
                if (!GetFileCodec.TryDecodeRequest(ref reader, limits, out var getFile))
                {
                    return false;
                }

                request = getFile;
                return true;
            case ManifestOperation:
                if (!FieldReader.TryReadField(ref probe, limits.FileName, "file name", null, out var manifestName))
                {
                    return false;
                }

                request = new ManifestRequest(manifestName);
                break;
            case RangeOperation:
                if (!FieldReader.TryReadField(ref probe, limits.FileName, "file name", null, out var rangeName) ||
                    !FieldReader.TryReadField(ref probe, VersionLength, "version", null, out var version) ||
                    !FieldReader.TryReadField(ref probe, limits.Number, "offset", null, out var offsetText) ||
                    !FieldReader.TryReadField(ref probe, limits.Number, "length", null, out var lengthText))
                {
                    return false;
                }

                var offset = ParseNumber(offsetText, "offset", long.MaxValue);
                var length = ParseNumber(lengthText, "length", FileManifest.MaxRangeLength);
                if (length == 0)
                {
                    throw new ProtocolException("The range length is 0.");
                }

                request = new RangeRequest(rangeName, version, offset, (int)length);
                break;
            default:
                throw new ProtocolException(
                    $"Unknown peer operation '{DirectoryRequestDecoder.Printable(name)}'; peers serve GET_FILE, GET_MANIFEST and GET_RANGE.");
        }

        reader = probe;
        return true;
    }

    private static long ParseNumber(string text, string fieldName, long max)
    {
        if (text.Length == 0 || !text.All(char.IsAsciiDigit) ||
            !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > max)
        {
            throw new ProtocolException($"The {fieldName} '{DirectoryRequestDecoder.Printable(text)}' is not a number from 0 to {max}.");
        }

        return value;
    }
}
