using System.Buffers;
using System.Text;

namespace P2PSim.Fuzzing;

/// <summary>
/// Runs a streaming decoder over an input the way a server does (decode, advance, decode again until it needs
/// more bytes or throws), records what it produced as text, and checks that the same bytes split into two segments
/// give the same transcript: the decoders are stateless over a <see cref="ReadOnlySequence{T}"/>, so where a read
/// happens to end must not matter.
/// </summary>
internal static class Transcript
{
    /// <summary>One decode step: true with a description of what it decoded, false when it needs more bytes.</summary>
    public delegate bool Step(ref SequenceReader<byte> reader, out string? decoded);

    /// <summary>
    /// Decodes <paramref name="input"/> whole and split at its middle; throws <see cref="FuzzFindingException"/>
    /// when the two differ or a step succeeds without consuming bytes. Exceptions for which
    /// <paramref name="expected"/> holds end the transcript; any other escapes.
    /// </summary>
    public static void CheckSplitIndependent(byte[] input, Step step, Func<Exception, bool> expected)
    {
        var whole = Run(new ReadOnlySequence<byte>(input), step, expected);
        if (input.Length < 2)
        {
            return;
        }

        var split = Run(Split(input, input.Length / 2), step, expected);
        if (whole != split)
        {
            throw new FuzzFindingException($"The transcript depends on the split point:\nwhole: {whole}\nsplit: {split}");
        }
    }

    /// <summary>The decode loop over one sequence, as text.</summary>
    public static string Run(ReadOnlySequence<byte> input, Step step, Func<Exception, bool> expected)
    {
        var text = new StringBuilder();
        var reader = new SequenceReader<byte>(input);
        try
        {
            // Each successful step consumes at least one byte, so the loop ends within input.Length + 1 steps.
            while (!reader.End)
            {
                var before = reader.Consumed;
                if (!step(ref reader, out var decoded))
                {
                    text.Append("[need more at ").Append(reader.Consumed).Append(']');
                    return text.ToString();
                }

                if (reader.Consumed <= before)
                {
                    throw new FuzzFindingException($"A step decoded {decoded} without consuming a byte at {before}.");
                }

                text.Append(decoded).Append(" @").Append(reader.Consumed).Append("; ");
            }
        }
        catch (Exception e) when (expected(e))
        {
            text.Append('!').Append(e.GetType().Name).Append(": ").Append(e.Message);
        }

        return text.ToString();
    }

    /// <summary>The same bytes as two segments, split at <paramref name="at"/>.</summary>
    public static ReadOnlySequence<byte> Split(byte[] input, int at)
    {
        var first = new Segment(input.AsMemory(0, at), 0);
        var last = first.Append(input.AsMemory(at));
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
