using System.Buffers;
using P2PSim.Protocol;
using P2PSim.Protocol.Sessions;

namespace P2PSim.Fuzzing.Targets;

/// <summary>The session protocol: frames and the bodies read from them, the hello, the terms, account requests.</summary>
internal static class SessionTargets
{
    /// <summary>A frame limit small enough that the fuzzer reaches it (servers default to more).</summary>
    private const int MaxFrameBytes = 4096;

    public static IEnumerable<FuzzTarget> All()
    {
        yield return new FuzzTarget(
            "session-frames",
            "A stream of session frames (SessionFrameCodec.TryDecode), each body read as the server reads it: Close bodies, " +
            "account requests, classic requests. Whole and split.",
            Frames);
        yield return new FuzzTarget(
            "session-hello",
            "The first bytes of a connection: SessionHelloCodec.Match and TryDecodeHello, whole and split.",
            Hello);
        yield return new FuzzTarget(
            "session-terms",
            "The server's answer to a hello as a client reads it (SessionHelloCodec.TryDecodeTerms), whole and split.",
            Terms);
        yield return new FuzzTarget(
            "account",
            "An ACCOUNT / LOGIN request body (AccountCodec.Decode) and the same bytes as a reply (AccountCodec.DecodeReply).",
            Account);
    }

    private static bool IsExpected(Exception e) => e is SessionProtocolException or ProtocolException;

    private static void Frames(byte[] input) => Transcript.CheckSplitIndependent(input, DecodeFrame, IsExpected);

    private static bool DecodeFrame(ref SequenceReader<byte> reader, out string? decoded)
    {
        decoded = null;
        if (!SessionFrameCodec.TryDecode(ref reader, MaxFrameBytes, out var frame))
        {
            return false;
        }

        decoded = $"{frame.Kind} {frame.Id} [{Convert.ToHexString(frame.Body.ToArray())}] => {ReadBody(frame)}";
        return true;
    }

    private static string ReadBody(SessionFrame frame)
    {
        try
        {
            switch (frame.Kind)
            {
                case SessionFrameKind.Close:
                    var (code, reason) = SessionCloseCodec.Read(frame.Body);
                    return $"close {code} {reason}";
                case SessionFrameKind.Request when AccountCodec.IsAccountRequest(frame.Body, out _):
                    return AccountCodec.Decode(frame.Body, FieldLimits.Classic).ToString();
                case SessionFrameKind.Request:
                    var reader = new SequenceReader<byte>(frame.Body);
                    return DirectoryRequestDecoder.TryDecode(ref reader, FieldLimits.Classic, out var request)
                        ? $"{request} +{reader.Remaining}"
                        : "incomplete request";
                default:
                    return string.Empty;
            }
        }
        catch (ProtocolException e)
        {
            return $"!{e.Message}";
        }
    }

    private static void Hello(byte[] input)
    {
        var match = SessionHelloCodec.Match(input);
        if (match == HelloMatch.Hello && !input.AsSpan().StartsWith(SessionHelloCodec.Magic))
        {
            throw new FuzzFindingException("Match said Hello for bytes without the magic.");
        }

        Transcript.CheckSplitIndependent(input, DecodeHello, IsExpected);
    }

    private static bool DecodeHello(ref SequenceReader<byte> reader, out string? decoded)
    {
        var ok = SessionHelloCodec.TryDecodeHello(ref reader, 0, out var version);
        decoded = $"hello {version}";
        return ok;
    }

    private static void Terms(byte[] input) => Transcript.CheckSplitIndependent(input, DecodeTerms, IsExpected);

    private static bool DecodeTerms(ref SequenceReader<byte> reader, out string? decoded)
    {
        var ok = SessionHelloCodec.TryDecodeTerms(ref reader, 0, out var terms);
        decoded = terms?.ToString() ?? "declined";
        return ok;
    }

    private static void Account(byte[] input)
    {
        try
        {
            _ = AccountCodec.Decode(new ReadOnlySequence<byte>(input), FieldLimits.Classic).ToString();
        }
        catch (ProtocolException)
        {
        }

        try
        {
            _ = AccountCodec.DecodeReply(input);
        }
        catch (ProtocolException)
        {
        }
    }
}
