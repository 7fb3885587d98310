using System.Buffers;
using P2PSim.Protocol.Sessions;

namespace P2PSim.Protocol.Tests.Sessions;

public sealed class SessionCodecTests
{
    private const int Limit = 833;

    [Fact]
    public void The_encoders_write_the_golden_bytes()
    {
        Assert.Equal(Hex.Format(SessionCases.Hello), Hex.Format(Written(o => SessionHelloCodec.WriteHello(o))));
        Assert.Equal(Hex.Format(SessionCases.Terms), Hex.Format(Written(o => SessionHelloCodec.WriteTerms(o, new SessionTerms(1, 833, 64, 15, 60)))));
        Assert.Equal(
            Hex.Format(SessionCases.RegisterFrame),
            Hex.Format(Written(o => SessionFrameCodec.Write(o, SessionFrameKind.Request, 1, [.. "REGISTER\0"u8, .. "alice\0"u8]))));
        Assert.Equal(Hex.Format(SessionCases.RegisterReplyFrame), Hex.Format(Written(o => SessionFrameCodec.Write(o, SessionFrameKind.Reply, 1, "0\0"u8))));
        Assert.Equal(Hex.Format(SessionCases.PingFrame), Hex.Format(Written(o => SessionFrameCodec.Write(o, SessionFrameKind.Ping, 7, []))));
        Assert.Equal(Hex.Format(SessionCases.PongFrame), Hex.Format(Written(o => SessionFrameCodec.Write(o, SessionFrameKind.Pong, 7, []))));
        Assert.Equal(
            Hex.Format(SessionCases.IdleCloseFrame),
            Hex.Format(Written(o => SessionCloseCodec.Write(o, SessionCloseCode.Idle, "No frame within the idle time."))));
    }

    [Fact]
    public void A_frame_decodes_to_its_kind_id_and_body_and_not_a_byte_early()
    {
        var bytes = SessionCases.RegisterFrame;
        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.False(TryDecode(bytes[..length], out _, out _), $"decoded from {length} bytes");
        }

        Assert.True(TryDecode([.. bytes, .. SessionCases.PingFrame], out var frame, out var consumed));
        Assert.Equal(SessionFrameKind.Request, frame.Kind);
        Assert.Equal(1u, frame.Id);
        Assert.Equal("REGISTER\0alice\0"u8.ToArray(), frame.Body.ToArray());
        Assert.Equal(bytes.Length, consumed);
    }

    [Fact]
    public void Ids_use_all_32_bits()
    {
        var bytes = Written(o => SessionFrameCodec.Write(o, SessionFrameKind.Ping, uint.MaxValue, []));

        Assert.True(TryDecode(bytes, out var frame, out _));
        Assert.Equal(uint.MaxValue, frame.Id);
    }

    [Fact]
    public void A_frame_over_the_limit_is_refused_from_its_length_alone()
    {
        byte[] header = [0, 0, 0x03, 0x3D]; // 829 bytes after the length: 833 in all, one over a limit of 832

        var error = Assert.Throws<SessionProtocolException>(() => TryDecodeWithLimit(header, Limit - 1));

        Assert.Equal(SessionCloseCode.FrameTooLarge, error.Code);
        Assert.False(TryDecodeWithLimit(header, Limit)); // at the limit: waits for the rest
        Assert.Throws<SessionProtocolException>(() => TryDecodeWithLimit([0xFF, 0xFF, 0xFF, 0xFF], Limit));
    }

    [Theory]
    [InlineData(new byte[] { 0, 0, 0, 4, 1, 0, 0, 0 })] // a length shorter than kind and id
    [InlineData(new byte[] { 0, 0, 0, 0 })]
    [InlineData(new byte[] { 0, 0, 0, 5, 0, 0, 0, 0, 1 })] // kind 0
    [InlineData(new byte[] { 0, 0, 0, 5, 6, 0, 0, 0, 1 })] // kind 6
    public void Bytes_that_are_no_frame_are_malformed(byte[] bytes)
    {
        var error = Assert.Throws<SessionProtocolException>(() => TryDecode(bytes, out _, out _));

        Assert.Equal(SessionCloseCode.Malformed, error.Code);
    }

    [Theory]
    [InlineData("", HelloMatch.NeedMore)]
    [InlineData("SESS", HelloMatch.NeedMore)]
    [InlineData("SESSION", HelloMatch.NeedMore)]
    [InlineData("SESSION\0", HelloMatch.Hello)]
    [InlineData("SESSION\u00001\0", HelloMatch.Hello)]
    [InlineData("SEARCH\0", HelloMatch.NotHello)]
    [InlineData("REGISTER\0alice\0", HelloMatch.NotHello)]
    [InlineData("SESSIONS\0", HelloMatch.NotHello)]
    public void The_first_bytes_tell_a_hello_from_a_classic_request(string text, HelloMatch expected)
    {
        Assert.Equal(expected, SessionHelloCodec.Match(System.Text.Encoding.ASCII.GetBytes(text)));
    }

    [Fact]
    public void A_hello_decodes_only_when_whole()
    {
        var bytes = SessionCases.Hello;
        for (var length = 0; length < bytes.Length; length++)
        {
            var partial = new SequenceReader<byte>(new ReadOnlySequence<byte>(bytes[..length]));
            Assert.False(SessionHelloCodec.TryDecodeHello(ref partial, 0, out _));
        }

        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(bytes));
        Assert.True(SessionHelloCodec.TryDecodeHello(ref reader, 0, out var version));
        Assert.Equal(1, version);
        Assert.True(reader.End);
    }

    [Theory]
    [InlineData("SESSION\u00000\0")]
    [InlineData("SESSION\0x\0")]
    [InlineData("SESSION\0-1\0")]
    [InlineData("REGISTER\0alice\0")]
    public void A_hello_with_no_valid_version_is_refused(string text)
    {
        var bytes = System.Text.Encoding.ASCII.GetBytes(text);

        Assert.Throws<ProtocolException>(() =>
        {
            var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(bytes));
            return SessionHelloCodec.TryDecodeHello(ref reader, 0, out _);
        });
    }

    [Fact]
    public void Terms_decode_only_when_whole_and_leave_the_frames_behind_them()
    {
        var bytes = SessionCases.Terms;
        for (var length = 0; length < bytes.Length; length++)
        {
            var partial = new SequenceReader<byte>(new ReadOnlySequence<byte>(bytes[..length]));
            Assert.False(SessionHelloCodec.TryDecodeTerms(ref partial, 0, out _));
        }

        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>([.. bytes, .. SessionCases.PingFrame]));
        Assert.True(SessionHelloCodec.TryDecodeTerms(ref reader, 0, out var terms));
        Assert.Equal(new SessionTerms(1, 833, 64, 15, 60), terms);
        Assert.Equal(SessionCases.PingFrame.Length, reader.Remaining);
    }

    [Theory]
    [InlineData(new byte[] { 0x2D, 0x31, 0x00 })] // -1\0, a classic server's ASCII code
    [InlineData(new byte[] { 0xFF, 0x00 })] // -1 as a raw byte, then anything
    [InlineData(new byte[] { 0x2D, 0x31 })] // -1 as characters
    [InlineData(new byte[] { 0x30, 0x31 })] // a lone digit, not 0\0
    public void Any_answer_but_0_declines_the_session(byte[] answer)
    {
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(answer));

        Assert.True(SessionHelloCodec.TryDecodeTerms(ref reader, 0, out var terms));
        Assert.Null(terms);
    }

    [Theory]
    [InlineData("0\u00000\u0000833\u000064\u000015\u000060\0")] // version 0
    [InlineData("0\u00001\u00009\u000064\u000015\u000060\0")] // no room for a request
    [InlineData("0\u00001\u0000833\u00000\u000015\u000060\0")] // window 0
    [InlineData("0\u00001\u0000833\u000064\u0000x\u000060\0")]
    public void Terms_that_cannot_be_kept_are_refused(string text)
    {
        var bytes = System.Text.Encoding.ASCII.GetBytes(text);

        Assert.Throws<ProtocolException>(() =>
        {
            var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(bytes));
            return SessionHelloCodec.TryDecodeTerms(ref reader, 0, out _);
        });
    }

    [Fact]
    public void No_heartbeat_and_no_idle_time_are_terms_too()
    {
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>("0\u00001\u0000833\u000064\u00000\u00000\0"u8.ToArray()));

        Assert.True(SessionHelloCodec.TryDecodeTerms(ref reader, 0, out var terms));
        Assert.Equal(new SessionTerms(1, 833, 64, 0, 0), terms);
    }

    [Fact]
    public void A_close_body_reads_back_its_code_and_reason()
    {
        Assert.True(TryDecode(SessionCases.IdleCloseFrame, out var frame, out _));

        Assert.Equal((SessionCloseCode.Idle, "No frame within the idle time."), SessionCloseCodec.Read(frame.Body));
        Assert.Equal(SessionCloseCode.Malformed, SessionCloseCodec.Read(new ReadOnlySequence<byte>("x"u8.ToArray())).Code);
        Assert.Equal(SessionCloseCode.Malformed, SessionCloseCodec.Read(new ReadOnlySequence<byte>("abc\0"u8.ToArray())).Code);
        Assert.Equal((SessionCloseCode.Normal, string.Empty), SessionCloseCodec.Read(new ReadOnlySequence<byte>("0\0"u8.ToArray())));
    }

    private static byte[] Written(Action<IBufferWriter<byte>> write)
    {
        var output = new ArrayBufferWriter<byte>();
        write(output);
        return output.WrittenSpan.ToArray();
    }

    private static bool TryDecode(byte[] bytes, out SessionFrame frame, out long consumed)
    {
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(bytes));
        var decoded = SessionFrameCodec.TryDecode(ref reader, Limit, out frame);
        consumed = reader.Consumed;
        return decoded;
    }

    private static bool TryDecodeWithLimit(byte[] bytes, int limit)
    {
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(bytes));
        return SessionFrameCodec.TryDecode(ref reader, limit, out _);
    }
}
