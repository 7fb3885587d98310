using System.Buffers;
using System.Globalization;
using P2PSim.Protocol.Wire;

namespace P2PSim.Protocol.Sessions;

/// <summary>
/// The opening of a session (docs/sessions.md §2). The client's hello, <c>SESSION\0 version\0</c>, is shaped like a
/// classic request, so a classic server answers it as an unknown operation (-1) and closes: that is how a client
/// tells a classic server and falls back. A P2PSim server answers with its terms,
/// <c>0\0 version\0 maxframe\0 window\0 heartbeat\0 idle\0</c>; frames follow on both sides.
/// </summary>
public static class SessionHelloCodec
{
    /// <summary>The only session protocol version so far.</summary>
    public const int CurrentVersion = 1;

    private const int NumberLimit = 10;

    /// <summary>The bytes every hello starts with.</summary>
    public static ReadOnlySpan<byte> Magic => "SESSION\0"u8;

    /// <summary>Whether the first bytes of a connection are a session hello.</summary>
    public static HelloMatch Match(ReadOnlySpan<byte> buffered)
    {
        var compared = Math.Min(buffered.Length, Magic.Length);
        if (!buffered[..compared].SequenceEqual(Magic[..compared]))
        {
            return HelloMatch.NotHello;
        }

        return compared == Magic.Length ? HelloMatch.Hello : HelloMatch.NeedMore;
    }

    /// <summary>Writes the client's hello offering <paramref name="version"/>.</summary>
    public static void WriteHello(IBufferWriter<byte> output, int version = CurrentVersion)
    {
        FieldWriter.WriteRaw(output, Magic);
        FieldWriter.Write(output, version);
    }

    /// <summary>Decodes a hello; false when more bytes are needed.</summary>
    /// <exception cref="ProtocolException">It is not a hello, or its version is not a positive number.</exception>
    public static bool TryDecodeHello(ref SequenceReader<byte> reader, int unused, out int version)
    {
        version = 0;
        var probe = reader;
        if (!probe.IsNext(Magic, advancePast: true))
        {
            if (probe.Remaining < Magic.Length)
            {
                return false;
            }

            throw new ProtocolException("The request is not a session hello.");
        }

        if (!FieldReader.TryReadField(ref probe, NumberLimit, "session version", null, out var text))
        {
            return false;
        }

        version = ParsePositive(text, "session version");
        reader = probe;
        return true;
    }

    /// <summary>Writes the server's answer: code 0 and <paramref name="terms"/>.</summary>
    public static void WriteTerms(IBufferWriter<byte> output, SessionTerms terms)
    {
        FieldWriter.Write(output, 0);
        FieldWriter.Write(output, terms.Version);
        FieldWriter.Write(output, terms.MaxFrameBytes);
        FieldWriter.Write(output, terms.Window);
        FieldWriter.Write(output, terms.HeartbeatSeconds);
        FieldWriter.Write(output, terms.IdleSeconds);
    }

    /// <summary>
    /// Client side: decodes the answer to a hello; false when more bytes are needed. True with null
    /// <paramref name="terms"/> when the server declined: any answer that does not start with <c>0\0</c> (a classic
    /// server's -1, in any of its result encodings).
    /// </summary>
    /// <exception cref="ProtocolException">The answer starts with 0 but its terms are not numbers.</exception>
    public static bool TryDecodeTerms(ref SequenceReader<byte> reader, int unused, out SessionTerms? terms)
    {
        terms = null;
        var probe = reader;
        if (probe.Remaining < 2)
        {
            return false;
        }

        if (!probe.IsNext("0\0"u8, advancePast: true))
        {
            reader.Advance(reader.Remaining);
            return true;
        }

        var numbers = new int[5];
        for (var i = 0; i < numbers.Length; i++)
        {
            if (!FieldReader.TryReadField(ref probe, NumberLimit, "session terms", null, out var text))
            {
                return false;
            }

            // Heartbeat and idle time may be 0 (none); version, frame limit and window may not.
            numbers[i] = i < 3 ? ParsePositive(text, "session terms") : ParseNonNegative(text, "session terms");
        }

        terms = new SessionTerms(numbers[0], numbers[1], numbers[2], numbers[3], numbers[4]);
        if (terms.MaxFrameBytes <= SessionFrameCodec.HeaderLength)
        {
            throw new ProtocolException($"The server's frame limit of {terms.MaxFrameBytes} bytes leaves no room for a request.");
        }

        reader = probe;
        return true;
    }

    private static int ParsePositive(string text, string what) =>
        ParseNonNegative(text, what) is var value and > 0
            ? value
            : throw new ProtocolException($"The {what} '{text}' is not a positive number.");

    private static int ParseNonNegative(string text, string what) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ProtocolException($"The {what} '{text}' is not a number.");
}
