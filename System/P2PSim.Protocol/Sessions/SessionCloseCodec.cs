using System.Buffers;
using System.Globalization;
using P2PSim.Protocol.Wire;

namespace P2PSim.Protocol.Sessions;

/// <summary>The body of a <see cref="SessionFrameKind.Close"/> frame: <c>code\0 reason\0</c>.</summary>
public static class SessionCloseCodec
{
    /// <summary>The longest reason read back; a longer one is cut there.</summary>
    public const int MaxReasonBytes = 256;

    /// <summary>Writes a whole Close frame (id 0).</summary>
    public static void Write(IBufferWriter<byte> output, SessionCloseCode code, string reason)
    {
        var body = new ArrayBufferWriter<byte>(64);
        FieldWriter.Write(body, (int)code);
        FieldWriter.Write(body, reason);
        SessionFrameCodec.Write(output, SessionFrameKind.Close, 0, body.WrittenSpan);
    }

    /// <summary>Reads a Close frame's body; a malformed body reads as <see cref="SessionCloseCode.Malformed"/>.</summary>
    public static (SessionCloseCode Code, string Reason) Read(ReadOnlySequence<byte> body)
    {
        try
        {
            var fields = FieldReader.SplitFields(body.Slice(0, Math.Min(body.Length, MaxReasonBytes + 16)).ToArray(), null);
            var code = fields.Count > 0 && int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                ? (SessionCloseCode)value
                : SessionCloseCode.Malformed;
            return (code, fields.Count > 1 ? fields[1] : string.Empty);
        }
        catch (ProtocolException)
        {
            return (SessionCloseCode.Malformed, string.Empty);
        }
    }
}
