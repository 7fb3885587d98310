using P2PSim.Protocol.Peer;

namespace P2PSim.Protocol.Tests;

/// <summary>
/// The GET_RANGE reply header (docs/extensions.md §2.2): <c>0\0</c> before exactly <c>length</c> bytes, or a
/// refusal code 1, 2 or 3 after which the peer closes. Byte-exact on the way out; on the way in, every prefix of
/// a header and every refusal, with and without its NUL, before and at the end of the stream.
/// </summary>
public sealed class RangeReplyCodecTests
{
    [Fact]
    public void The_ok_header_is_the_ascii_zero_and_its_nul()
    {
        var buffer = new byte[] { 0xEE, 0xEE, 0xEE };

        var written = RangeReplyCodec.WriteHeader(buffer);

        Assert.Equal(2, written);
        Assert.Equal(RangeReplyCodec.HeaderLength, written);
        Assert.Equal("30 00 EE", Hex.Format(buffer)); // "0\0", the byte after it untouched
    }

    [Fact]
    public void A_buffer_shorter_than_the_header_is_refused()
    {
        Assert.Throws<ArgumentException>(() => RangeReplyCodec.WriteHeader(new byte[1]));
    }

    [Theory]
    [InlineData("30 00", false)]
    [InlineData("30 00 61 62", false)] // the bytes follow at once
    [InlineData("30 00", true)]
    public void The_ok_header_reads_as_ok(string hex, bool ended)
    {
        Assert.True(RangeReplyCodec.TryReadHeader(Hex.Parse(hex), ended, out var ok, out _));
        Assert.True(ok);
    }

    [Theory]
    [InlineData("31 00", 1)] // no such file
    [InlineData("32 00", 2)] // refused
    [InlineData("33 00", 3)] // changed, or cut short while read
    [InlineData("33 FF", 3)]
    [InlineData("78 00", -1)] // not a digit: not a reply at all
    public void A_refusal_reads_as_its_code(string hex, int code)
    {
        Assert.True(RangeReplyCodec.TryReadHeader(Hex.Parse(hex), ended: false, out var ok, out var read));
        Assert.False(ok);
        Assert.Equal(code, read);
    }

    [Fact]
    public void A_zero_without_its_nul_is_not_the_ok_header()
    {
        Assert.True(RangeReplyCodec.TryReadHeader("0x"u8, ended: false, out var ok, out var code));
        Assert.False(ok);
        Assert.Equal(0, code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("30")]
    [InlineData("33")] // a lone digit waits for its NUL while the stream goes on
    public void Fewer_than_two_bytes_need_more(string hex)
    {
        Assert.False(RangeReplyCodec.TryReadHeader(Hex.Parse(hex), ended: false, out _, out _));
    }

    [Theory]
    [InlineData("31", 1)]
    [InlineData("33", 3)]
    public void A_lone_refusal_digit_then_the_close_is_that_refusal(string hex, int code)
    {
        Assert.True(RangeReplyCodec.TryReadHeader(Hex.Parse(hex), ended: true, out var ok, out var read));
        Assert.False(ok);
        Assert.Equal(code, read);
    }

    [Theory]
    [InlineData("")]
    [InlineData("30")] // "0" then the close: the block never came
    [InlineData("78")]
    public void A_reply_cut_before_its_header_is_not_a_header(string hex)
    {
        Assert.False(RangeReplyCodec.TryReadHeader(Hex.Parse(hex), ended: true, out _, out _));
    }
}
