using System.Buffers;
using P2PSim.Protocol.Wire;
using P2PSim.TestKit;

namespace P2PSim.Protocol.Tests;

/// <summary>Terminated fields (docs/protocol.md §2.1–2.3): NUL or \n, a byte limit enforced before the terminator, strict UTF-8.</summary>
public sealed class FieldReaderTests
{
    private static bool TryRead(ReadOnlySequence<byte> input, int maxLength, out string value, out long consumed)
    {
        var reader = new SequenceReader<byte>(input);
        var ok = FieldReader.TryReadField(ref reader, maxLength, "test field", Operation.Publish, out value);
        consumed = reader.Consumed;
        return ok;
    }

    [Theory]
    [InlineData("alice\0rest", "alice", 6)]
    [InlineData("alice\nrest", "alice", 6)]
    [InlineData("\0", "", 1)]
    [InlineData("\n", "", 1)]
    [InlineData("a\nb\0", "a", 2)] // the first terminator of either kind ends the field
    [InlineData("a\0b\n", "a", 2)]
    public void Reads_up_to_the_first_terminator_and_past_it(string input, string expected, long consumed)
    {
        Assert.True(TryRead(Chunking.Contiguous(System.Text.Encoding.UTF8.GetBytes(input)), 16, out var value, out var used));
        Assert.Equal(expected, value);
        Assert.Equal(consumed, used);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(8)]
    public void Without_a_terminator_and_within_the_limit_it_waits_without_advancing(int length)
    {
        Assert.False(TryRead(Chunking.Contiguous(Enumerable.Repeat((byte)'x', length).ToArray()), 8, out _, out var used));
        Assert.Equal(0, used);
    }

    [Fact]
    public void Without_a_terminator_and_past_the_limit_it_throws_with_the_operation()
    {
        var input = Chunking.OneBytePerSegment("123456789"u8);
        var error = Assert.Throws<ProtocolException>(() => TryRead(input, 8, out _, out _));
        Assert.Equal(Operation.Publish, error.Operation);
    }

    [Fact]
    public void A_terminated_field_at_the_limit_is_accepted_and_one_byte_more_rejected()
    {
        Assert.True(TryRead(Chunking.Contiguous("12345678\0"u8), 8, out var value, out _));
        Assert.Equal("12345678", value);
        Assert.Throws<ProtocolException>(() => TryRead(Chunking.Contiguous("123456789\0"u8), 8, out _, out _));
    }

    [Fact]
    public void A_character_split_across_segments_decodes_at_every_split()
    {
        var bytes = "\u00e9\u20ac\U0001F600\0"u8.ToArray(); // 2-, 3- and 4-byte characters
        for (var offset = 0; offset <= bytes.Length; offset++)
        {
            Assert.True(TryRead(Chunking.SplitAt(bytes, offset), 16, out var value, out _));
            Assert.Equal("\u00e9\u20ac\U0001F600", value);
        }

        Assert.True(TryRead(Chunking.OneBytePerSegment(bytes), 16, out var one, out _));
        Assert.Equal("\u00e9\u20ac\U0001F600", one);
    }

    [Theory]
    [InlineData("FF 00")]
    [InlineData("C3 00")] // truncated before the terminator
    [InlineData("C0 80 00")] // overlong NUL
    [InlineData("ED B0 80 00")] // lone low surrogate
    [InlineData("F8 88 80 80 80 00")] // 5-byte form
    public void Invalid_utf8_throws_at_every_split(string hex)
    {
        var bytes = Hex.Parse(hex);
        for (var offset = 0; offset <= bytes.Length; offset++)
        {
            var error = Assert.Throws<ProtocolException>(() => TryRead(Chunking.SplitAt(bytes, offset), 16, out _, out _));
            Assert.Equal(Operation.Publish, error.Operation);
        }
    }

    [Fact]
    public void SplitFields_splits_a_whole_body()
    {
        Assert.Equal(["2", "a", "", "b"], FieldReader.SplitFields("2\0a\0\0b\n"u8, null));
        Assert.Empty(FieldReader.SplitFields([], null));
    }

    [Fact]
    public void SplitFields_rejects_a_body_that_ends_inside_a_field()
    {
        var error = Assert.Throws<ProtocolException>(() => FieldReader.SplitFields("2\0a"u8, Operation.ListUsers));
        Assert.Equal(Operation.ListUsers, error.Operation);
    }
}
