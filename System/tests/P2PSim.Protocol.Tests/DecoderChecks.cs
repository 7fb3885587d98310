using System.Buffers;
using P2PSim.TestKit;

namespace P2PSim.Protocol.Tests;

/// <summary>
/// The RESPite-style shape checks (style §3) for any <see cref="TryDecoder{T}"/>: whole, split at every offset, one
/// byte per segment, fed one byte at a time, and followed by guard bytes. Failures name the shape and the offset.
/// </summary>
internal static class DecoderChecks
{
    /// <summary>Bytes after the message that the decoder must leave alone: not a terminator, not valid UTF-8.</summary>
    public static readonly byte[] GuardBytes = [0xDE, 0xAD, 0xBE, 0xEF, 0xFF];

    /// <summary>Decodes <paramref name="input"/>, asserting that the message is complete and uses every byte.</summary>
    public static T DecodeAll<T>(TryDecoder<T> decode, ReadOnlySequence<byte> input, string shape)
        where T : class
    {
        var reader = new SequenceReader<byte>(input);
        if (!decode(ref reader, out var value))
        {
            Assert.Fail($"{shape}: the decoder asked for more bytes after all {input.Length} arrived.");
        }

        Assert.NotNull(value);
        if (reader.Consumed != input.Length)
        {
            Assert.Fail($"{shape}: consumed {reader.Consumed} of {input.Length} bytes.");
        }

        return value;
    }

    public static void Whole<T>(TryDecoder<T> decode, byte[] bytes, T expected)
        where T : class =>
        AssertSame(expected, DecodeAll(decode, Chunking.Contiguous(bytes), "whole"), "whole");

    public static void EverySplit<T>(TryDecoder<T> decode, byte[] bytes, T expected)
        where T : class
    {
        for (var offset = 0; offset <= bytes.Length; offset++)
        {
            var shape = $"split at {offset}";
            AssertSame(expected, DecodeAll(decode, Chunking.SplitAt(bytes, offset), shape), shape);
        }
    }

    public static void OneBytePerSegment<T>(TryDecoder<T> decode, byte[] bytes, T expected)
        where T : class =>
        AssertSame(expected, DecodeAll(decode, Chunking.OneBytePerSegment(bytes), "one byte per segment"), "one byte per segment");

    /// <summary>
    /// Feeds the message one byte at a time, as a session re-parsing its growing buffer does: every proper prefix
    /// (contiguous and one byte per segment) must give false without advancing; the whole message must decode.
    /// </summary>
    public static void Incrementally<T>(TryDecoder<T> decode, byte[] bytes, T expected)
        where T : class
    {
        for (var length = 0; length < bytes.Length; length++)
        {
            AssertIncomplete(decode, Chunking.Contiguous(bytes.AsSpan(0, length)), $"prefix of {length} bytes");
            AssertIncomplete(decode, Chunking.OneBytePerSegment(bytes.AsSpan(0, length)), $"prefix of {length} one-byte segments");
        }

        AssertSame(expected, DecodeAll(decode, Chunking.Contiguous(bytes), "last byte arrived"), "last byte arrived");
    }

    /// <summary>The message followed by <paramref name="guard"/>: the decoder consumes exactly the message.</summary>
    public static void FollowedBy<T>(TryDecoder<T> decode, byte[] bytes, T expected, byte[] guard)
        where T : class
    {
        byte[] input = [.. bytes, .. guard];
        foreach (var (shape, sequence) in new[]
                 {
                     ("contiguous", Chunking.Contiguous(input)),
                     ("one byte per segment", Chunking.OneBytePerSegment(input)),
                 })
        {
            var reader = new SequenceReader<byte>(sequence);
            Assert.True(decode(ref reader, out var value), $"{shape}: not decoded");
            AssertSame(expected, value, shape);
            Assert.Equal(bytes.Length, reader.Consumed);
            Assert.Equal(guard, reader.UnreadSequence.ToArray());
        }
    }

    public static void AssertIncomplete<T>(TryDecoder<T> decode, ReadOnlySequence<byte> input, string shape)
        where T : class
    {
        var reader = new SequenceReader<byte>(input);
        if (decode(ref reader, out var value))
        {
            Assert.Fail($"{shape}: decoded {value} before the message was complete.");
        }

        Assert.Null(value);
        if (reader.Consumed != 0)
        {
            Assert.Fail($"{shape}: returned false but advanced {reader.Consumed} bytes.");
        }
    }

    private static void AssertSame<T>(T expected, T? actual, string shape)
        where T : class
    {
        if (!Equals(expected, actual))
        {
            Assert.Fail($"{shape}: expected {expected}, decoded {actual}.");
        }
    }
}
