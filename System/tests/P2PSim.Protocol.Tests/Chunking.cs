using System.Buffers;

namespace P2PSim.Protocol.Tests;

/// <summary>
/// Builds multi-segment <see cref="ReadOnlySequence{T}"/>s, the shapes a pipe or a pooled-buffer session can hand a
/// decoder. Every segment gets its own array, so a decoder that wrongly assumes contiguous memory reads garbage.
/// </summary>
internal static class Chunking
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

    /// <summary>Splits <paramref name="bytes"/> at the given ascending offsets.</summary>
    public static ReadOnlySequence<byte> SplitAtOffsets(ReadOnlySpan<byte> bytes, IEnumerable<int> offsets)
    {
        var segments = new List<byte[]>();
        var start = 0;
        foreach (var offset in offsets)
        {
            segments.Add(bytes[start..offset].ToArray());
            start = offset;
        }

        segments.Add(bytes[start..].ToArray());
        return FromSegments([.. segments]);
    }

    /// <summary>A sequence made of exactly these segments, in order.</summary>
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
