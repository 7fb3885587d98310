using System.Buffers;

namespace P2PSim.TestKit;

/// <summary>
/// Bytes cut the way a network, a pipe or a pooled-buffer session may cut them: multi-segment
/// <see cref="ReadOnlySequence{T}"/>s for decoders, and pieces for separate writes. Every segment gets its own array,
/// so a decoder that wrongly assumes contiguous memory reads garbage.
/// </summary>
public static class Chunking
{
    /// <summary>One contiguous segment (a copy of <paramref name="bytes"/>).</summary>
    public static ReadOnlySequence<byte> Contiguous(ReadOnlySpan<byte> bytes) => new(bytes.ToArray());

    /// <summary>Two segments, <c>bytes[..offset]</c> and <c>bytes[offset..]</c>; either may be empty.</summary>
    public static ReadOnlySequence<byte> SplitAt(ReadOnlySpan<byte> bytes, int offset) =>
        FromSegments(bytes[..offset].ToArray(), bytes[offset..].ToArray());

    /// <summary>One segment per byte.</summary>
    public static ReadOnlySequence<byte> OneBytePerSegment(ReadOnlySpan<byte> bytes)
    {
        var segments = new byte[bytes.Length][];
        for (var i = 0; i < bytes.Length; i++)
        {
            segments[i] = [bytes[i]];
        }

        return FromSegments(segments);
    }

    /// <summary>
    /// Splits <paramref name="bytes"/> at the given offsets, in any order; offsets outside the bytes are ignored, and
    /// repeated offsets or the two ends give empty segments (which a decoder must step over too).
    /// </summary>
    public static ReadOnlySequence<byte> SplitAtOffsets(ReadOnlySpan<byte> bytes, IEnumerable<int> offsets)
    {
        var length = bytes.Length;
        var segments = new List<byte[]>();
        var start = 0;
        foreach (var offset in offsets.Where(o => o >= 0 && o <= length).Order())
        {
            segments.Add(bytes[start..offset].ToArray());
            start = offset;
        }

        segments.Add(bytes[start..].ToArray());
        return FromSegments([.. segments]);
    }

    /// <summary>A sequence made of exactly these segments, in order (empty ones allowed).</summary>
    public static ReadOnlySequence<byte> FromSegments(params byte[][] segments)
    {
        if (segments.Length == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }

        var first = new Segment(segments[0], 0);
        var last = first;
        for (var i = 1; i < segments.Length; i++)
        {
            last = last.Append(segments[i]);
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    /// <summary>
    /// <paramref name="bytes"/> cut at <paramref name="cuts"/> into non-empty pieces, one write each (any order;
    /// duplicates and the ends are dropped, as an empty write puts nothing on the wire).
    /// </summary>
    public static IReadOnlyList<byte[]> Pieces(byte[] bytes, IEnumerable<int> cuts)
    {
        var offsets = cuts.Where(c => c > 0 && c < bytes.Length).Distinct().Order().Prepend(0).Append(bytes.Length).ToList();
        return [.. offsets.Zip(offsets.Skip(1), (from, to) => bytes[from..to])];
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
