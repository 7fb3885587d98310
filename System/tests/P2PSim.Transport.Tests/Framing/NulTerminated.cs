using System.Buffers;
using System.Text;

namespace P2PSim.Transport.Tests.Framing;

/// <summary>A toy protocol for the reader's tests: a frame is text up to a NUL; a frame holding '!' is malformed.</summary>
internal static class NulTerminated
{
    public static bool TryDecode(ref SequenceReader<byte> reader, int unused, out string frame)
    {
        frame = string.Empty;
        if (!reader.TryReadTo(out ReadOnlySpan<byte> text, (byte)0))
        {
            return false;
        }

        if (text.Contains((byte)'!'))
        {
            throw new InvalidDataException("a frame holds '!'");
        }

        frame = Encoding.ASCII.GetString(text);
        return true;
    }
}
