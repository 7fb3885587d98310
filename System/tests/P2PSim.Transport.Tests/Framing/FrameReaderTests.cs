using P2PSim.Transport.Framing;

namespace P2PSim.Transport.Tests.Framing;

/// <summary>
/// The frame reader every session and client reads through: frames split anywhere, pipelined frames, the three
/// ways a read can end without a frame, the limit, the room each read asks for, and the switch to raw bytes.
/// </summary>
public sealed class FrameReaderTests
{
    [Fact]
    public async Task A_frame_split_into_single_bytes_decodes_once_whole()
    {
        var stream = ScriptedStream.OneBytePerRead("hello\0"u8.ToArray());
        using var reader = new FrameReader(stream, new byte[64], 64);

        var read = await ReadAsync(reader);

        Assert.Equal(new FrameRead<string>(FrameStatus.Frame, "hello"), read);
        Assert.Equal(0, reader.BufferedCount);
        Assert.Equal(6, stream.Asked.Count); // one read per byte, none after the frame
    }

    [Fact]
    public async Task Pipelined_frames_come_from_the_buffer_before_the_next_read()
    {
        var stream = new ScriptedStream("one\0two\0thr"u8.ToArray(), "ee\0"u8.ToArray());
        using var reader = new FrameReader(stream, new byte[64], 64);

        Assert.Equal("one", (await ReadAsync(reader)).Frame);
        Assert.Equal("two", (await ReadAsync(reader)).Frame);
        Assert.Single(stream.Asked);
        Assert.Equal("three", (await ReadAsync(reader)).Frame);
        Assert.Equal(FrameStatus.End, (await ReadAsync(reader)).Status);
    }

    [Fact]
    public async Task The_remainder_slides_to_the_front_before_a_read_so_each_read_asks_for_all_the_room_left()
    {
        var stream = new ScriptedStream("ab\0cd"u8.ToArray(), "e\0"u8.ToArray());
        using var reader = new FrameReader(stream, new byte[16], 16);

        await ReadAsync(reader);
        await ReadAsync(reader);

        // The first read offers all 16 bytes; the second comes after "ab\0" was consumed and "cd" slid to the
        // front, so it offers 16 - 2.
        Assert.Equal([16, 14], stream.Asked);
    }

    [Fact]
    public async Task An_end_between_frames_is_clean_and_an_end_inside_one_is_not()
    {
        using var clean = new FrameReader(new ScriptedStream("a\0"u8.ToArray()), new byte[8], 8);
        using var cut = new FrameReader(new ScriptedStream("a\0b"u8.ToArray()), new byte[8], 8);

        await ReadAsync(clean);
        await ReadAsync(cut);

        Assert.Equal(FrameStatus.End, (await ReadAsync(clean)).Status);
        Assert.Equal(FrameStatus.EndMidFrame, (await ReadAsync(cut)).Status);
        Assert.Equal("b"u8.ToArray(), cut.Buffered.ToArray());
    }

    [Fact]
    public async Task A_frame_longer_than_the_limit_stops_at_the_limit()
    {
        var stream = new ScriptedStream("abcdefghij\0"u8.ToArray());
        using var reader = new FrameReader(stream, new byte[64], 4);

        var read = await ReadAsync(reader);

        Assert.Equal(FrameStatus.OverLimit, read.Status);
        Assert.Equal(4, reader.BufferedCount);
        Assert.True(reader.IsFull);
        Assert.Equal([4], stream.Asked); // never more room than the limit, even in a larger buffer
    }

    [Fact]
    public async Task A_pooled_buffer_doubles_up_to_the_limit_and_no_further()
    {
        var frame = new byte[100];
        Array.Fill(frame, (byte)'x');
        var stream = new ScriptedStream(frame);
        using var reader = FrameReader.Pooled(stream, 16, 40);

        var read = await ReadAsync(reader);

        Assert.Equal(FrameStatus.OverLimit, read.Status);
        Assert.Equal(40, reader.BufferedCount);
        Assert.Equal([16, 16, 8], stream.Asked); // 16, then 32 (16 more), then the limit 40 (8 more)
    }

    [Fact]
    public async Task A_pooled_buffer_grows_for_a_frame_that_fits_the_limit()
    {
        var text = new string('y', 50);
        using var reader = FrameReader.Pooled(new ScriptedStream(System.Text.Encoding.ASCII.GetBytes(text + "\0")), 16, 1024);

        Assert.Equal(text, (await ReadAsync(reader)).Frame);
    }

    [Fact]
    public async Task A_malformed_frame_throws_the_decoders_exception()
    {
        using var reader = new FrameReader(new ScriptedStream("ok\0b!d\0"u8.ToArray()), new byte[16], 16);

        Assert.Equal("ok", (await ReadAsync(reader)).Frame);
        await Assert.ThrowsAsync<InvalidDataException>(() => ReadAsync(reader));
    }

    [Fact]
    public async Task Raw_bytes_after_a_header_come_from_the_buffer_first_then_straight_from_the_stream()
    {
        var stream = new ScriptedStream("hdr\0ABC"u8.ToArray(), "DEFGH"u8.ToArray());
        using var reader = new FrameReader(stream, new byte[64], 64);
        Assert.Equal("hdr", (await ReadAsync(reader)).Frame);

        var payload = new byte[8];
        await reader.ReadExactlyAsync(payload, CancellationToken.None);

        Assert.Equal("ABCDEFGH"u8.ToArray(), payload);
        Assert.Equal([64, 5], stream.Asked); // the rest was read into the payload itself: room 5, not the buffer's
        Assert.Equal(0, reader.BufferedCount);
    }

    [Fact]
    public async Task Raw_bytes_cut_earlyare_an_end_of_stream()
    {
        using var reader = new FrameReader(new ScriptedStream("AB"u8.ToArray()), new byte[8], 8);

        await Assert.ThrowsAsync<EndOfStreamException>(() => reader.ReadExactlyAsync(new byte[3], CancellationToken.None));
    }

    [Fact]
    public async Task Fill_at_least_reads_until_the_minimum_or_the_end()
    {
        using var enough = new FrameReader(ScriptedStream.OneBytePerRead("abcd"u8.ToArray()), new byte[8], 8);
        using var early = new FrameReader(new ScriptedStream("a"u8.ToArray()), new byte[8], 8);

        Assert.True(await enough.FillAtLeastAsync(3, CancellationToken.None));
        Assert.Equal("abc"u8.ToArray(), enough.Buffered.ToArray());
        Assert.False(await early.FillAtLeastAsync(2, CancellationToken.None));
        Assert.Equal(1, early.BufferedCount);
    }

    [Fact]
    public async Task A_caller_buffer_is_never_grown_past_its_limit()
    {
        using var reader = new FrameReader(new ScriptedStream("abcd"u8.ToArray()), new byte[4], 4);
        await reader.FillAtLeastAsync(4, CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => reader.FillAsync(CancellationToken.None));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FrameReader(Stream.Null, new byte[4], 5));
    }

    private static Task<FrameRead<string>> ReadAsync(FrameReader reader) =>
        reader.ReadFrameAsync<int, string>(NulTerminated.TryDecode, 0, CancellationToken.None);
}
