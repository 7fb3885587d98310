using System.Buffers;
using System.Text;
using P2PSim.Protocol.Messages;
using P2PSim.Protocol.Peer;
using P2PSim.TestKit;

namespace P2PSim.Protocol.Tests;

/// <summary>
/// Arbitrary bytes never make a request decoder do anything but answer true or false or throw
/// <see cref="ProtocolException"/> (style §3). Seeded, so a failure names an input that reproduces.
/// </summary>
public sealed class RandomInputTests
{
    private const int Seed = 20251124;
    private const int Inputs = 4000;
    private const int MaxLength = 600;

    /// <summary>Bytes that steer inputs into the decoders' interesting paths: terminators, digits, timestamp punctuation, UTF-8 lead and continuation bytes.</summary>
    private static readonly byte[] Alphabet = [.. "\0\n\r \t/:_-+0123456789aZ"u8, 0x7F, 0x80, 0xA9, 0xBF, 0xC0, 0xC3, 0xE2, 0xED, 0xF0, 0xF4, 0xFF];

    private static readonly string[] Prefixes =
    [
        "REGISTER\0", "UNREGISTER\0", "CONNECT\0", "DISCONNECT\0", "PUBLISH\0", "DELETE\0", "LIST_USERS\0",
        "LIST_CONTENT\0", "GET_FILE\0", "CONNECT\0alice\0", "PUBLISH\024/11/2025 18:30:05\0alice\0", "REGISTER\n",
    ];

    [Fact]
    public void Directory_request_decoder_only_returns_or_throws_ProtocolException()
    {
        var random = new Random(Seed);
        for (var i = 0; i < Inputs; i++)
        {
            var input = NextInput(random);
            Check(input, random, i, (ref SequenceReader<byte> reader, out DirectoryRequest? request) =>
                DirectoryRequestDecoder.TryDecode(ref reader, FieldLimits.Classic, out request));
        }
    }

    [Fact]
    public void GetFile_request_decoder_only_returns_or_throws_ProtocolException()
    {
        var random = new Random(Seed + 1);
        for (var i = 0; i < Inputs; i++)
        {
            var input = NextInput(random);
            Check(input, random, i, (ref SequenceReader<byte> reader, out GetFileRequest? request) =>
                GetFileCodec.TryDecodeRequest(ref reader, FieldLimits.Classic, out request));
        }
    }

    [Fact]
    public void Reply_decoder_only_returns_or_throws_ProtocolException()
    {
        var random = new Random(Seed + 2);
        for (var i = 0; i < Inputs; i++)
        {
            var input = NextInput(random);
            if (random.Next(2) == 0)
            {
                input = [(byte)"0-123"[random.Next(5)], .. input];
            }

            var operation = (Operation)random.Next(8);
            var error = Record.Exception(() => DirectoryReplyDecoder.Decode(operation, input));
            if (error is not null and not ProtocolException)
            {
                Assert.Fail($"Input #{i} ({operation}, {Hex.Format(input)}) threw {error}");
            }
        }
    }

    /// <summary>A third uniform bytes, a third from <see cref="Alphabet"/>, a third a valid operation prefix then the alphabet.</summary>
    private static byte[] NextInput(Random random)
    {
        var length = random.Next(MaxLength + 1);
        switch (random.Next(3))
        {
            case 0:
                var bytes = new byte[length];
                random.NextBytes(bytes);
                return bytes;
            case 1:
                return FromAlphabet(random, length);
            default:
                var prefix = Encoding.UTF8.GetBytes(Prefixes[random.Next(Prefixes.Length)]);
                return [.. prefix, .. FromAlphabet(random, Math.Max(0, length - prefix.Length))];
        }
    }

    private static byte[] FromAlphabet(Random random, int length)
    {
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
        {
            bytes[i] = Alphabet[random.Next(Alphabet.Length)];
        }

        return bytes;
    }

    /// <summary>Decodes the input contiguous and cut into random segments; true must consume, false must not.</summary>
    private static void Check<T>(byte[] input, Random random, int index, TryDecoder<T> decode)
        where T : class
    {
        var cuts = Enumerable.Range(0, random.Next(4)).Select(_ => random.Next(input.Length + 1)).Order().ToArray();
        foreach (var sequence in new[] { Chunking.Contiguous(input), Chunking.SplitAtOffsets(input, cuts) })
        {
            try
            {
                var reader = new SequenceReader<byte>(sequence);
                if (decode(ref reader, out var value))
                {
                    Assert.NotNull(value);
                    Assert.InRange(reader.Consumed, 1, input.Length);
                }
                else
                {
                    Assert.Null(value);
                    Assert.Equal(0, reader.Consumed);
                }
            }
            catch (ProtocolException)
            {
                // Malformed input: the one exception a decoder may throw.
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                Assert.Fail($"Input #{index} ({Hex.Format(input)}, cut at [{string.Join(", ", cuts)}]) threw {e}");
            }
        }
    }
}
