using System.Buffers;
using System.Globalization;
using System.Text;

namespace P2PSim.Protocol.Wire;

/// <summary>Writes NUL-terminated string fields (spec §1: every field is its bytes, then one NUL).</summary>
public static class FieldWriter
{
    /// <summary>Writes <paramref name="value"/> as UTF-8 followed by NUL.</summary>
    public static void Write(IBufferWriter<byte> output, string value)
    {
        var length = Encoding.UTF8.GetByteCount(value) + 1; // the bytes + the NUL terminator
        var span = output.GetSpan(length);
        var written = Encoding.UTF8.GetBytes(value, span);
        span[written] = 0;
        output.Advance(length);
    }

    /// <summary>Writes a number as decimal ASCII followed by NUL (<c>456\0</c>).</summary>
    public static void Write(IBufferWriter<byte> output, long value) =>
        Write(output, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Writes raw bytes with no terminator.</summary>
    public static void WriteRaw(IBufferWriter<byte> output, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(output.GetSpan(bytes.Length));
        output.Advance(bytes.Length);
    }
}
