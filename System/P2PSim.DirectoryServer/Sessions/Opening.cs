using System.Buffers;
using P2PSim.Protocol;
using P2PSim.Protocol.Messages;
using P2PSim.Protocol.Sessions;

namespace P2PSim.DirectoryServer.Sessions;

/// <summary>
/// The first message on a directory connection: a classic request, or (when sessions are on) a session hello.
/// Both start with a NUL-ended name, so the decoder looks at the first bytes before choosing.
/// </summary>
/// <param name="Request">The classic request, or null for a hello.</param>
/// <param name="HelloVersion">The version a hello offers; 0 for a classic request.</param>
internal readonly record struct Opening(DirectoryRequest? Request, int HelloVersion)
{
    public bool IsHello => HelloVersion > 0;

    /// <summary>A <see cref="Transport.Framing.FrameDecoder{TState, TFrame}"/>: the classic decoder, or the hello's.</summary>
    public static bool TryDecode(ref SequenceReader<byte> reader, (FieldLimits Limits, bool Sessions) rules, out Opening opening)
    {
        opening = default;
        if (rules.Sessions)
        {
            Span<byte> head = stackalloc byte[SessionHelloCodec.Magic.Length];
            var length = (int)Math.Min(reader.Remaining, head.Length);
            reader.UnreadSequence.Slice(0, length).CopyTo(head);
            switch (SessionHelloCodec.Match(head[..length]))
            {
                case HelloMatch.NeedMore:
                    return false;
                case HelloMatch.Hello:
                    if (!SessionHelloCodec.TryDecodeHello(ref reader, 0, out var version))
                    {
                        return false;
                    }

                    opening = new Opening(null, version);
                    return true;
            }
        }

        if (!DirectoryRequestDecoder.TryDecode(ref reader, rules.Limits, out var request))
        {
            return false;
        }

        opening = new Opening(request, 0);
        return true;
    }
}
