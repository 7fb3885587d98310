using System.Buffers;
using P2PSim.Rpc.Xdr;

namespace P2PSim.Rpc.Tests;

internal static class XdrTestHelpers
{
    /// <summary>Runs <paramref name="write"/> against a fresh writer and returns the bytes.</summary>
    public static byte[] Write(Action<XdrWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new XdrWriter(buffer);
        write(writer);
        Assert.Equal(buffer.WrittenCount, writer.BytesWritten);
        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));
}
