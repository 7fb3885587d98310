using System.Buffers;
using P2PSim.Rpc.Xdr;
using P2PSim.TestKit;
using static P2PSim.Rpc.Tests.XdrTestHelpers;

namespace P2PSim.Rpc.Tests;

public sealed class XdrReaderTests
{
    private static readonly byte[] Rfc4506Example = Hex(
        "00000009 73696C6C 7970726F 67000000 00000002 00000004 6C697370 00000004 6A6F686E 00000006 28717569 74290000");

    [Fact]
    public void Reads_what_the_writer_wrote()
    {
        var bytes = Write(w =>
        {
            w.WriteInt32(-5);
            w.WriteUInt32(uint.MaxValue);
            w.WriteInt64(long.MinValue);
            w.WriteUInt64(ulong.MaxValue);
            w.WriteBoolean(true);
            w.WriteEnum(3);
            w.WriteFixedOpaque([1, 2, 3]);
            w.WriteVariableOpaque([4, 5], 8);
            w.WriteString("héllo", 16);
            w.WriteArrayLength(1, 4);
            w.WriteUInt32(42);
        });
        var reader = new XdrReader(bytes);
        Assert.Equal(-5, reader.ReadInt32());
        Assert.Equal(uint.MaxValue, reader.ReadUInt32());
        Assert.Equal(long.MinValue, reader.ReadInt64());
        Assert.Equal(ulong.MaxValue, reader.ReadUInt64());
        Assert.True(reader.ReadBoolean());
        Assert.Equal(3, reader.ReadEnum());
        Assert.Equal([1, 2, 3], reader.ReadFixedOpaque(3).ToArray());
        Assert.Equal([4, 5], reader.ReadVariableOpaque(8).ToArray());
        Assert.Equal("héllo", reader.ReadString(16));
        Assert.Equal(1, reader.ReadArrayLength(4));
        Assert.Equal(42u, reader.ReadUInt32());
        Assert.True(reader.IsAtEnd);
        reader.EnsureAtEnd();
    }

    [Fact]
    public void Reads_the_rfc4506_section7_example()
    {
        var reader = new XdrReader(Rfc4506Example);
        Assert.Equal("sillyprog", reader.ReadString(255));
        Assert.Equal(2, reader.ReadEnum());
        Assert.Equal("lisp", reader.ReadString(255));
        Assert.Equal("john", reader.ReadString(32));
        Assert.Equal("(quit)"u8.ToArray(), reader.ReadVariableOpaque(65535).ToArray());
        reader.EnsureAtEnd();
    }

    [Fact]
    public void Reads_a_multi_segment_sequence()
    {
        for (var offset = 0; offset <= Rfc4506Example.Length; offset++)
        {
            var reader = new XdrReader(Chunking.SplitAt(Rfc4506Example, offset));
            Assert.Equal("sillyprog", reader.ReadString(255));
            Assert.Equal(Rfc4506Example.Length - 16, reader.Remaining);
        }

        var oneByte = new XdrReader(Chunking.OneBytePerSegment(Rfc4506Example));
        Assert.Equal("sillyprog", oneByte.ReadString());
    }

    [Fact]
    public void Truncated_input_at_every_length_throws_XdrException()
    {
        for (var length = 0; length < Rfc4506Example.Length; length++)
        {
            var bytes = Rfc4506Example[..length];
            Assert.Throws<XdrException>(() =>
            {
                var reader = new XdrReader(bytes);
                reader.ReadString(255);
                reader.ReadEnum();
                reader.ReadString(255);
                reader.ReadString(32);
                reader.ReadVariableOpaque(65535);
            });
        }
    }

    [Theory]
    [InlineData("00000001 61000100")] // string "a" with a non-zero padding byte
    [InlineData("00000001 61010000")]
    [InlineData("00000003 61626301")]
    public void Non_zero_padding_throws(string hex) =>
        Assert.Throws<XdrException>(() => new XdrReader(Hex(hex)).ReadString());

    [Fact]
    public void Non_zero_padding_of_fixed_opaque_throws() =>
        Assert.Throws<XdrException>(() => new XdrReader(Hex("01020380")).ReadFixedOpaque(3));

    [Theory]
    [InlineData("00000002")]
    [InlineData("FFFFFFFF")]
    public void Bool_other_than_0_or_1_throws(string hex) =>
        Assert.Throws<XdrException>(() => new XdrReader(Hex(hex)).ReadBoolean());

    [Fact]
    public void String_over_its_bound_throws_before_reading_the_bytes()
    {
        Assert.Throws<XdrException>(() => new XdrReader(Hex("00000005 68656C6C 6F000000")).ReadString(4));
        Assert.Equal("hello", new XdrReader(Hex("00000005 68656C6C 6F000000")).ReadString(5));

        // A length of 4 GiB - 1 with no data: the bound, not the missing data, is reported.
        var ex = Assert.Throws<XdrException>(() => new XdrReader(Hex("FFFFFFFF")).ReadString(256));
        Assert.Contains("bound", ex.Message, StringComparison.Ordinal);
        Assert.Throws<XdrException>(() => new XdrReader(Hex("7FFFFFFF")).ReadString());
        Assert.Throws<XdrException>(() => new XdrReader(Hex("FFFFFFFF")).ReadString());
    }

    [Fact]
    public void Opaque_over_its_bound_throws()
    {
        Assert.Throws<XdrException>(() => new XdrReader(Hex("00000005 01020304 05000000")).ReadVariableOpaque(4));
        Assert.Throws<XdrException>(() => new XdrReader(Hex("FFFFFFFC")).ReadVariableOpaque());
    }

    [Fact]
    public void Array_over_its_bound_or_over_the_input_throws()
    {
        Assert.Throws<XdrException>(() => new XdrReader(Hex("00000011")).ReadArrayLength(16));
        Assert.Throws<XdrException>(() => new XdrReader(Hex("00000002 00000001")).ReadArrayLength(16));
        Assert.Throws<XdrException>(() => new XdrReader(Hex("FFFFFFFF")).ReadArrayLength());
        Assert.Equal(2, new XdrReader(Hex("00000002 00000001 00000002")).ReadArrayLength(16));
    }

    [Fact]
    public void Invalid_utf8_throws() =>
        Assert.Throws<XdrException>(() => new XdrReader(Hex("00000002 C3280000")).ReadString());

    [Fact]
    public void Trailing_bytes_fail_EnsureAtEnd()
    {
        var reader = new XdrReader(Hex("00000001 00000002"));
        reader.ReadInt32();
        Assert.Equal(4, reader.Remaining);
        Assert.Throws<XdrException>(() => new XdrReader(Hex("00000001")).EnsureAtEnd());
    }

    [Fact]
    public void XdrException_is_an_RpcProtocolException() =>
        Assert.IsAssignableFrom<RpcProtocolException>(new XdrException("x"));

    [Fact]
    public void Empty_sequence_reads_nothing()
    {
        var reader = new XdrReader(ReadOnlySequence<byte>.Empty);
        Assert.True(reader.IsAtEnd);
    }
}
