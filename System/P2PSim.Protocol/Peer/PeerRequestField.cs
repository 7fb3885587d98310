namespace P2PSim.Protocol.Peer;

/// <summary>
/// The check every peer request field passes before it is written, as <c>DirectoryClient</c> does for directory
/// requests: a NUL or newline would end the field early and shift the next ones, and a lone surrogate has no UTF-8
/// form (the encoder would write U+FFFD, so two different names would reach the peer as one).
/// </summary>
internal static class PeerRequestField
{
    /// <exception cref="ArgumentException">The field cannot be sent as it is; the message names it.</exception>
    public static void Check(string value, string operation, string fieldName)
    {
        if (value.AsSpan().IndexOfAny('\0', '\n') >= 0)
        {
            throw new ArgumentException($"The {operation} {fieldName} contains a NUL or newline.", "request");
        }

        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                throw new ArgumentException($"The {operation} {fieldName} contains a lone surrogate (no UTF-8 form).", "request");
            }
        }
    }
}
