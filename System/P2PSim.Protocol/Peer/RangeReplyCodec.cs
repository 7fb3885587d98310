namespace P2PSim.Protocol.Peer;

/// <summary>
/// The header of a GET_RANGE reply (docs/extensions.md §2.2): <c>0\0</c> and then exactly the requested length of
/// file bytes, with no terminator; or a refusal code (1 no such file, 2 refused, 3 changed or cut short), after
/// which the peer closes. The payload is not part of the codec: the server reads it from the file straight behind
/// the header in one buffer, and the client reads it straight into its block.
/// </summary>
public static class RangeReplyCodec
{
    /// <summary>The length of the header that precedes the bytes: <c>0\0</c>.</summary>
    public const int HeaderLength = 2;

    /// <summary>Writes <c>0\0</c> at the start of <paramref name="destination"/>; returns <see cref="HeaderLength"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than the header.</exception>
    public static int WriteHeader(Span<byte> destination)
    {
        if (destination.Length < HeaderLength)
        {
            throw new ArgumentException($"The header needs {HeaderLength} bytes.", nameof(destination));
        }

        destination[0] = (byte)'0';
        destination[1] = 0;
        return HeaderLength;
    }

    /// <summary>
    /// Reads the header from the first bytes of a reply. False when more bytes are needed: fewer than
    /// <see cref="HeaderLength"/> have arrived, unless the stream has ended (<paramref name="ended"/>) after a lone
    /// refusal digit, which peers may send without its NUL before they close. True otherwise: <paramref name="ok"/>
    /// when the bytes follow (the header was exactly <c>0\0</c>); if not, <paramref name="code"/> is the refusal's
    /// digit, or -1 when the reply does not start with a digit.
    /// </summary>
    public static bool TryReadHeader(ReadOnlySpan<byte> reply, bool ended, out bool ok, out int code)
    {
        ok = false;
        code = 0;
        if (reply.Length < HeaderLength && !(ended && reply.Length == 1 && reply[0] is >= (byte)'1' and <= (byte)'9'))
        {
            return false;
        }

        if (reply.Length >= HeaderLength && reply[0] == (byte)'0' && reply[1] == 0)
        {
            ok = true;
            return true;
        }

        code = reply[0] is >= (byte)'0' and <= (byte)'9' ? reply[0] - '0' : -1;
        return true;
    }
}
