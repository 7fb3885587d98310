using System.Buffers;
using System.Text;
using Xunit.Sdk;

namespace P2PSim.Protocol.Tests;

/// <summary>The shape checks catch the decoder bugs they exist for: they are not vacuous.</summary>
public sealed class DecoderChecksTests
{
    private static readonly byte[] Message = "hello\0"u8.ToArray();

    /// <summary>Advances past the bytes it saw even when it answers false.</summary>
    private static readonly TryDecoder<string> AdvancesOnFalse = (ref SequenceReader<byte> reader, out string? value) =>
    {
        value = null;
        if (!reader.TryReadTo(out ReadOnlySequence<byte> field, 0))
        {
            reader.Advance(reader.Remaining);
            return false;
        }

        value = Encoding.ASCII.GetString(field);
        return true;
    };

    /// <summary>Looks at the first segment only.</summary>
    private static readonly TryDecoder<string> FirstSegmentOnly = (ref SequenceReader<byte> reader, out string? value) =>
    {
        value = null;
        var span = reader.CurrentSpan;
        var nul = span.IndexOf((byte)0);
        if (nul < 0)
        {
            return false;
        }

        value = Encoding.ASCII.GetString(span[..nul]);
        reader.Advance(nul + 1);
        return true;
    };

    /// <summary>Reads to the end of the input instead of to the end of the message.</summary>
    private static readonly TryDecoder<string> Greedy = (ref SequenceReader<byte> reader, out string? value) =>
    {
        value = null;
        if (!reader.TryReadTo(out ReadOnlySequence<byte> field, 0))
        {
            return false;
        }

        value = Encoding.ASCII.GetString(field);
        reader.Advance(reader.Remaining);
        return true;
    };

    [Fact]
    public void Incrementally_catches_a_decoder_that_advances_on_false() =>
        Assert.ThrowsAny<XunitException>(() => DecoderChecks.Incrementally(AdvancesOnFalse, Message, "hello"));

    [Fact]
    public void EverySplit_and_OneBytePerSegment_catch_a_decoder_that_reads_one_segment()
    {
        DecoderChecks.Whole(FirstSegmentOnly, Message, "hello");
        Assert.ThrowsAny<XunitException>(() => DecoderChecks.EverySplit(FirstSegmentOnly, Message, "hello"));
        Assert.ThrowsAny<XunitException>(() => DecoderChecks.OneBytePerSegment(FirstSegmentOnly, Message, "hello"));
    }

    [Fact]
    public void FollowedBy_catches_a_decoder_that_consumes_too_much()
    {
        DecoderChecks.Whole(Greedy, Message, "hello");
        Assert.ThrowsAny<XunitException>(() => DecoderChecks.FollowedBy(Greedy, Message, "hello", DecoderChecks.GuardBytes));
    }
}
