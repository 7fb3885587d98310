using System.Buffers;
using P2PSim.Rpc.OncRpc;
using P2PSim.TestKit;
using static P2PSim.Rpc.Tests.XdrTestHelpers;

namespace P2PSim.Rpc.Tests;

public sealed class RecordMarkingTests
{
    private const int Max = 1 << 20;

    [Fact]
    public void Single_fragment_record_has_the_last_bit_and_length()
    {
        Assert.Equal(Hex("80000004 01020304"), Frame([1, 2, 3, 4]));
        Assert.Equal(Hex("80000000"), Frame([]));
        Assert.Equal([.. Hex("80000028"), .. Golden.CallNull], Frame(Golden.CallNull));
    }

    [Fact]
    public void Multi_fragment_record_marks_only_the_last()
    {
        Assert.Equal(Hex("00000004 01020304 00000004 05060708 80000002 090A"), Frame([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 4));
        Assert.Equal(Hex("00000002 0102 80000002 0304"), Frame([1, 2, 3, 4], 2));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(40)]
    [InlineData(int.MaxValue)]
    public void Round_trips_the_golden_call_with_any_fragment_size(int fragmentBytes)
    {
        var framed = Frame(Golden.CallAuthSys, fragmentBytes);
        Assert.True(TryRead(new ReadOnlySequence<byte>(framed), Max, out var record, out var consumed));
        Assert.Equal(Golden.CallAuthSys, record);
        Assert.Equal(framed.Length, consumed);
    }

    [Fact]
    public void Split_at_every_offset_is_incomplete_until_the_end()
    {
        var framed = Frame(Golden.CallAuthSys, 7);
        for (var offset = 0; offset <= framed.Length; offset++)
        {
            // Only the first part has arrived: need more, nothing consumed (except when that part is everything).
            var complete = TryRead(new ReadOnlySequence<byte>(framed, 0, offset), Max, out _, out var consumed);
            Assert.Equal(offset == framed.Length, complete);
            Assert.Equal(complete ? framed.Length : 0, consumed);

            // Both parts, in two segments.
            Assert.True(TryRead(Chunking.SplitAt(framed, offset), Max, out var record, out _));
            Assert.Equal(Golden.CallAuthSys, record);
        }
    }

    [Fact]
    public void One_byte_at_a_time_like_a_slow_socket()
    {
        byte[] stream = [.. Frame(Golden.CallAuthSys, 5), .. Frame(Golden.ReplySuccess), .. Frame([])];
        var buffered = Array.Empty<byte>();
        var records = new List<byte[]>();
        foreach (var b in stream)
        {
            buffered = [.. buffered, b];
            var sequence = Chunking.OneBytePerSegment(buffered);
            var reader = new SequenceReader<byte>(sequence);
            while (RecordMarking.TryReadRecord(ref reader, Max, out var record))
            {
                records.Add(record);
            }

            buffered = buffered[(int)reader.Consumed..]; // slide the remainder, as a session loop does
        }

        Assert.Equal([Golden.CallAuthSys, Golden.ReplySuccess, []], records);
        Assert.Empty(buffered);
    }

    [Fact]
    public void Two_records_in_one_buffer_are_read_one_after_the_other()
    {
        byte[] stream = [.. Frame([1, 2, 3, 4], 2), .. Frame([5, 6, 7, 8])];
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(stream));
        Assert.True(RecordMarking.TryReadRecord(ref reader, Max, out var first));
        Assert.True(RecordMarking.TryReadRecord(ref reader, Max, out var second));
        Assert.False(RecordMarking.TryReadRecord(ref reader, Max, out _));
        Assert.Equal([1, 2, 3, 4], first);
        Assert.Equal([5, 6, 7, 8], second);
    }

    [Theory]
    [InlineData("FFFFFFFF")] // last fragment of 2^31 - 1 bytes, only the header has arrived
    [InlineData("7FFFFFFF")] // non-last fragment of 2^31 - 1 bytes
    [InlineData("80000401")] // one byte over a 1024-byte bound
    [InlineData("00000401 00")] // non-last fragment one byte over the bound, one payload byte arrived
    public void Fragment_over_the_bound_is_rejected_from_its_header(string hex)
    {
        var ex = Assert.Throws<RpcProtocolException>(() => TryRead(new ReadOnlySequence<byte>(Hex(hex)), 1024, out _, out _));
        Assert.Contains("bound", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Record_over_the_bound_across_fragments_is_rejected_before_its_payload_arrives()
    {
        // 600 + 600 > 1024: rejected when the second header arrives, without its 600 bytes.
        byte[] bytes = [.. Hex("00000258"), .. new byte[600], .. Hex("80000258")];
        Assert.Throws<RpcProtocolException>(() => TryRead(new ReadOnlySequence<byte>(bytes), 1024, out _, out _));

        byte[] exact = [.. Hex("00000200"), .. new byte[512], .. Hex("80000200"), .. new byte[512]];
        Assert.True(TryRead(new ReadOnlySequence<byte>(exact), 1024, out var record, out _));
        Assert.Equal(1024, record.Length);
    }

    [Fact]
    public void Empty_non_last_fragment_is_rejected()
    {
        Assert.Throws<RpcProtocolException>(() => TryRead(new ReadOnlySequence<byte>(Hex("00000000")), Max, out _, out _));
        Assert.Throws<RpcProtocolException>(() =>
            TryRead(new ReadOnlySequence<byte>(Hex("00000002 0102 00000000 80000000")), Max, out _, out _));

        // An empty last fragment ends a record normally.
        Assert.True(TryRead(new ReadOnlySequence<byte>(Hex("00000002 0102 80000000")), Max, out var record, out _));
        Assert.Equal([1, 2], record);
    }

    [Fact]
    public void Truncated_records_need_more_and_consume_nothing()
    {
        var framed = Frame(Golden.LogBatch, 16);
        for (var length = 0; length < framed.Length; length++)
        {
            Assert.False(TryRead(new ReadOnlySequence<byte>(framed, 0, length), Max, out var record, out var consumed));
            Assert.Empty(record);
            Assert.Equal(0, consumed);
        }
    }

    [Fact]
    public void Zero_bound_allows_only_empty_records()
    {
        Assert.True(TryRead(new ReadOnlySequence<byte>(Hex("80000000")), 0, out var record, out _));
        Assert.Empty(record);
        Assert.Throws<RpcProtocolException>(() => TryRead(new ReadOnlySequence<byte>(Hex("80000001 00")), 0, out _, out _));
    }

    [Fact]
    public void Writer_rejects_a_non_positive_fragment_size() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Frame([1], 0));

    private static byte[] Frame(byte[] record, int maxFragmentBytes = RecordMarking.MaxFragmentLength)
    {
        var buffer = new ArrayBufferWriter<byte>();
        RecordMarking.WriteRecord(buffer, record, maxFragmentBytes);
        return buffer.WrittenSpan.ToArray();
    }

    private static bool TryRead(ReadOnlySequence<byte> sequence, int max, out byte[] record, out long consumed)
    {
        var reader = new SequenceReader<byte>(sequence);
        var result = RecordMarking.TryReadRecord(ref reader, max, out record);
        consumed = reader.Consumed;
        return result;
    }
}
