using System.Buffers;

namespace P2PSim.Rpc.Tests;

/// <summary>Builds multi-segment sequences so decoders see data split the way a socket may deliver it.</summary>
internal sealed class BufferSegment : ReadOnlySequenceSegment<byte>
{
    private BufferSegment(ReadOnlyMemory<byte> memory, long runningIndex)
    {
        Memory = memory;
        RunningIndex = runningIndex;
    }

    /// <summary>A sequence with one segment per chunk (empty chunks allowed).</summary>
    public static ReadOnlySequence<byte> Create(params byte[][] chunks)
    {
        var first = new BufferSegment(chunks[0], 0);
        var last = first;
        foreach (var chunk in chunks.Skip(1))
        {
            var next = new BufferSegment(chunk, last.RunningIndex + last.Memory.Length);
            last.Next = next;
            last = next;
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    /// <summary>The bytes split in two at <paramref name="offset"/>.</summary>
    public static ReadOnlySequence<byte> SplitAt(byte[] bytes, int offset) => Create(bytes[..offset], bytes[offset..]);

    /// <summary>The bytes one per segment.</summary>
    public static ReadOnlySequence<byte> OneBytePerSegment(byte[] bytes) =>
        bytes.Length == 0 ? ReadOnlySequence<byte>.Empty : Create([.. bytes.Select(b => new[] { b })]);
}
