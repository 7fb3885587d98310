using P2PSim.Rpc.Xdr;
using static P2PSim.Rpc.Tests.XdrTestHelpers;

namespace P2PSim.Rpc.Tests;

public sealed class XdrWriterTests
{
    [Fact]
    public void Integers_are_big_endian_four_and_eight_bytes()
    {
        Assert.Equal(Hex("FFFFFFFF"), Write(w => w.WriteInt32(-1)));
        Assert.Equal(Hex("80000000"), Write(w => w.WriteInt32(int.MinValue)));
        Assert.Equal(Hex("12345678"), Write(w => w.WriteUInt32(0x12345678)));
        Assert.Equal(Hex("FFFFFFFF FFFFFFFE"), Write(w => w.WriteInt64(-2)));
        Assert.Equal(Hex("01020304 05060708"), Write(w => w.WriteUInt64(0x0102030405060708)));
    }

    [Fact]
    public void Bool_and_enum_are_ints()
    {
        Assert.Equal(Hex("00000001 00000000"), Write(w =>
        {
            w.WriteBoolean(true);
            w.WriteBoolean(false);
        }));
        Assert.Equal(Hex("FFFFFFFF"), Write(w => w.WriteEnum(-1)));
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("01", "01000000")]
    [InlineData("0102", "01020000")]
    [InlineData("010203", "01020300")]
    [InlineData("01020304", "01020304")]
    [InlineData("0102030405", "0102030405000000")]
    public void Fixed_opaque_is_padded_with_zeros(string data, string expected) =>
        Assert.Equal(Hex(expected), Write(w => w.WriteFixedOpaque(Hex(data))));

    [Fact]
    public void Padding_is_zero_even_over_a_dirty_buffer()
    {
        // ArrayBufferWriter hands out reused memory after Clear; the writer must still zero the padding.
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(64);
        buffer.GetSpan(64).Fill(0xEE);
        var writer = new XdrWriter(buffer);
        writer.WriteString("a");
        writer.WriteFixedOpaque([9]);
        Assert.Equal(Hex("00000001 61000000 09000000"), buffer.WrittenSpan.ToArray());
    }

    [Fact]
    public void Variable_opaque_and_string_have_a_length_then_padding()
    {
        Assert.Equal(Hex("00000003 01020300"), Write(w => w.WriteVariableOpaque(Hex("010203"))));
        Assert.Equal(Hex("00000005 68656C6C 6F000000"), Write(w => w.WriteString("hello", 5)));
        Assert.Equal(Hex("00000000"), Write(w => w.WriteString("")));
        Assert.Equal(Hex("00000002 C3A90000"), Write(w => w.WriteString("é", 2)));
    }

    /// <summary>RFC 4506 §7, "An Example of an XDR Data Description": the file "sillyprog", EXEC "lisp", owner "john", data "(quit)".</summary>
    [Fact]
    public void Rfc4506_section7_example()
    {
        var expected = Hex(
            "00000009 73696C6C 7970726F 67000000 00000002 00000004 6C697370 00000004 6A6F686E 00000006 28717569 74290000");
        var actual = Write(w =>
        {
            w.WriteString("sillyprog", 255);
            w.WriteEnum(2); // filekind EXEC
            w.WriteString("lisp", 255); // interpretor
            w.WriteString("john", 32);
            w.WriteVariableOpaque("(quit)"u8, 65535);
        });
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Arrays_have_a_count()
    {
        Assert.Equal(Hex("00000002 00000007 00000008"), Write(w =>
        {
            w.WriteArrayLength(2, 16);
            w.WriteUInt32(7);
            w.WriteUInt32(8);
        }));
    }

    [Fact]
    public void Writing_over_a_bound_is_a_caller_bug()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Write(w => w.WriteString("abcde", 4)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Write(w => w.WriteString("éé", 3))); // the bound counts bytes
        Assert.Throws<ArgumentOutOfRangeException>(() => Write(w => w.WriteVariableOpaque(new byte[5], 4)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Write(w => w.WriteArrayLength(17, 16)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Write(w => w.WriteArrayLength(-1)));
    }
}
