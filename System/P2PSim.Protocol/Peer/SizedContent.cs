namespace P2PSim.Protocol.Peer;

/// <summary>What followed a GET_FILE size prefix, judged by <see cref="GetFileCodec.CheckSizedContent"/>.</summary>
public enum SizedContent
{
    /// <summary>Exactly the announced bytes, then the close: the file.</summary>
    Exact,

    /// <summary>The announced bytes, one NUL, then the close: the file, without that NUL (a classic peer variant).</summary>
    TrailingNul,

    /// <summary>Fewer bytes than announced: the transfer broke off or the peer lied.</summary>
    Short,

    /// <summary>More bytes than announced (beyond a single trailing NUL).</summary>
    Long,
}
