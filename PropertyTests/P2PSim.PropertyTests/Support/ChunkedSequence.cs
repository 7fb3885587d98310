using System.Buffers;

namespace P2PSim.PropertyTests.Support;

/// <summary>Builds a multi-segment <see cref="ReadOnlySequence{T}"/>: the same bytes, cut where a network might cut them.</summary>
internal sealed class ChunkedSequence : ReadOnlySequenceSegment<byte>
{
    private ChunkedSequence(ReadOnlyMemory<byte> memory, long runningIndex)
    {
        Memory = memory;
        RunningIndex = runningIndex;
    }

    /// <summary>Cuts <paramref name="bytes"/> at the given offsets (sorted, distinct, inside the array; empty segments allowed).</summary>
    public static ReadOnlySequence<byte> Create(byte[] bytes, IReadOnlyList<int> cuts)
    {
        var offsets = new List<int> { 0 };
        offsets.AddRange(cuts.Where(c => c >= 0 && c <= bytes.Length).Order());
        offsets.Add(bytes.Length);

        var first = new ChunkedSequence(bytes.AsMemory(0, offsets[1]), 0);
        var last = first;
        for (var i = 1; i < offsets.Count - 1; i++)
        {
            var next = new ChunkedSequence(bytes.AsMemory(offsets[i], offsets[i + 1] - offsets[i]), offsets[i]);
            last.Next = next;
            last = next;
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }
}
