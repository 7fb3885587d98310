using System.Buffers;

namespace P2PSim.Protocol.Wire;

/// <summary>
/// Result codes in the three encodings of spec §1. Codes are 0..4, and -1 for an unknown operation.
/// </summary>
public static class ResultCode
{
    /// <summary>The code classic servers send for an unknown operation.</summary>
    public const int UnknownOperation = -1;

    /// <summary>Writes <paramref name="code"/> in <paramref name="encoding"/>.</summary>
    public static void Write(IBufferWriter<byte> output, int code, ResultEncoding encoding)
    {
        if (code is < -1 or > 9)
        {
            throw new ArgumentOutOfRangeException(nameof(code), code, "Result codes are single digits or -1.");
        }

        switch (encoding)
        {
            case ResultEncoding.Ascii:
                FieldWriter.Write(output, code);
                break;
            case ResultEncoding.Byte:
                FieldWriter.WriteRaw(output, [unchecked((byte)code)]);
                break;
            case ResultEncoding.Char:
                FieldWriter.WriteRaw(output, code < 0 ? "-1"u8 : [(byte)('0' + code)]);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(encoding));
        }
    }

    /// <summary>
    /// Reads a result code in any of the three encodings from the start of a reply. Returns false when
    /// <paramref name="reply"/> is empty. A byte below 0x20 (or 0xFF) is a raw byte; a digit (or <c>-1</c>) is
    /// ASCII, followed by its NUL when one is there. Codes are one digit, so a lone digit followed by a list's
    /// count (<c>"0" "3\0"</c>) is told apart from an ASCII code (<c>"0\0"</c>).
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> reply, out int code, out int consumed)
    {
        code = 0;
        consumed = 0;
        if (reply.IsEmpty)
        {
            return false;
        }

        var first = reply[0];
        if (first < 0x20 || first == 0xFF)
        {
            code = first == 0xFF ? UnknownOperation : first;
            consumed = 1;
            return true;
        }

        if (first == (byte)'-' && reply.Length >= 2 && reply[1] == (byte)'1')
        {
            code = UnknownOperation;
            consumed = 2;
        }
        else if (char.IsAsciiDigit((char)first))
        {
            code = first - '0';
            consumed = 1;
        }
        else
        {
            throw new ProtocolException($"The reply does not start with a result code (first byte 0x{first:X2}).");
        }

        if (consumed < reply.Length && reply[consumed] == 0)
        {
            consumed++; // ASCII + NUL, the default encoding
        }

        return true;
    }
}
