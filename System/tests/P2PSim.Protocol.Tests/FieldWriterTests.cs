using System.Buffers;
using P2PSim.Protocol.Wire;

namespace P2PSim.Protocol.Tests;

/// <summary>Fields as written (docs/protocol.md §2.1): UTF-8 bytes then one NUL; numbers in decimal ASCII.</summary>
public sealed class FieldWriterTests
{
    [Theory]
    [InlineData("alice", "61 6C 69 63 65 00")]
    [InlineData("", "00")]
    [InlineData("Jos\u00e9", "4A 6F 73 C3 A9 00")]
    [InlineData("my song", "6D 79 20 73 6F 6E 67 00")]
    public void Writes_utf8_then_nul(string value, string hex)
    {
        var output = new ArrayBufferWriter<byte>(1); // forces GetSpan to grow
        FieldWriter.Write(output, value);
        Assert.Equal(hex, Hex.Format(output.WrittenSpan));
    }

    [Theory]
    [InlineData(0L, "30 00")]
    [InlineData(456L, "34 35 36 00")]
    [InlineData(65535L, "36 35 35 33 35 00")]
    [InlineData(-1L, "2D 31 00")]
    public void Writes_numbers_as_decimal_ascii_then_nul(long value, string hex)
    {
        var output = new ArrayBufferWriter<byte>();
        FieldWriter.Write(output, value);
        Assert.Equal(hex, Hex.Format(output.WrittenSpan));
    }

    [Fact]
    public void WriteRaw_adds_no_terminator()
    {
        var output = new ArrayBufferWriter<byte>();
        FieldWriter.WriteRaw(output, "hello"u8);
        Assert.Equal("68 65 6C 6C 6F", Hex.Format(output.WrittenSpan));
    }
}
