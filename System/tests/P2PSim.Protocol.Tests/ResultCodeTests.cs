using System.Buffers;
using P2PSim.Protocol.Wire;

namespace P2PSim.Protocol.Tests;

/// <summary>The result-code table of docs/protocol.md §4.1: every code in every encoding, written and read back.</summary>
public sealed class ResultCodeTests
{
    /// <summary>docs/protocol.md §4.1, row by row: code, encoding, bytes.</summary>
    public static TheoryData<int, ResultEncoding, string> Table => new()
    {
        { -1, ResultEncoding.Ascii, "2D 31 00" }, { -1, ResultEncoding.Byte, "FF" }, { -1, ResultEncoding.Char, "2D 31" },
        { 0, ResultEncoding.Ascii, "30 00" }, { 0, ResultEncoding.Byte, "00" }, { 0, ResultEncoding.Char, "30" },
        { 1, ResultEncoding.Ascii, "31 00" }, { 1, ResultEncoding.Byte, "01" }, { 1, ResultEncoding.Char, "31" },
        { 2, ResultEncoding.Ascii, "32 00" }, { 2, ResultEncoding.Byte, "02" }, { 2, ResultEncoding.Char, "32" },
        { 3, ResultEncoding.Ascii, "33 00" }, { 3, ResultEncoding.Byte, "03" }, { 3, ResultEncoding.Char, "33" },
        { 4, ResultEncoding.Ascii, "34 00" }, { 4, ResultEncoding.Byte, "04" }, { 4, ResultEncoding.Char, "34" },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Write_produces_the_table_bytes(int code, ResultEncoding encoding, string hex)
    {
        var output = new ArrayBufferWriter<byte>();
        ResultCode.Write(output, code, encoding);
        Assert.Equal(hex, Hex.Format(output.WrittenSpan));
    }

    [Theory]
    [MemberData(nameof(Table))]
    public void TryRead_reads_every_encoding_whole(int code, ResultEncoding encoding, string hex)
    {
        _ = encoding;
        var bytes = Hex.Parse(hex);
        Assert.True(ResultCode.TryRead(bytes, out var read, out var consumed));
        Assert.Equal(code, read);
        Assert.Equal(bytes.Length, consumed);
    }

    [Theory]
    [InlineData("30 32 00", 0, 1)] // lone '0', then a list count "2\0"
    [InlineData("30 30 00", 0, 1)] // lone '0', then the count "0\0"
    [InlineData("00 32 00", 0, 1)] // raw 0, then "2\0"
    [InlineData("30 00 32 00", 0, 2)] // ASCII "0\0", then "2\0"
    [InlineData("2D 31 00 41", -1, 3)]
    [InlineData("2D 31 41", -1, 2)]
    [InlineData("FF 00", -1, 1)]
    [InlineData("31 68 69", 1, 1)] // lone '1', then anything
    public void TryRead_consumes_only_the_code_and_its_terminator(string hex, int code, int consumed)
    {
        Assert.True(ResultCode.TryRead(Hex.Parse(hex), out var read, out var used));
        Assert.Equal(code, read);
        Assert.Equal(consumed, used);
    }

    [Fact]
    public void TryRead_of_nothing_is_false()
    {
        Assert.False(ResultCode.TryRead([], out _, out var consumed));
        Assert.Equal(0, consumed);
    }

    [Theory]
    [InlineData("41")]
    [InlineData("2D")]
    [InlineData("2D 32")]
    [InlineData("20")]
    [InlineData("7F")]
    [InlineData("C3 A9")]
    public void TryRead_rejects_bytes_that_are_no_result_code(string hex)
    {
        var bytes = Hex.Parse(hex);
        Assert.Throws<ProtocolException>(() => ResultCode.TryRead(bytes, out _, out _));
    }

    [Theory]
    [InlineData(-2)]
    [InlineData(10)]
    [InlineData(255)]
    public void Write_refuses_codes_that_have_no_single_digit_form(int code)
    {
        var output = new ArrayBufferWriter<byte>();
        Assert.Throws<ArgumentOutOfRangeException>(() => ResultCode.Write(output, code, ResultEncoding.Ascii));
        Assert.Equal(0, output.WrittenCount);
    }
}
