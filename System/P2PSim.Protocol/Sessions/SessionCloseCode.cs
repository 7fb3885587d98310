namespace P2PSim.Protocol.Sessions;

/// <summary>Why a session ends: the code in a <see cref="SessionFrameKind.Close"/> frame (docs/sessions.md §5).</summary>
public enum SessionCloseCode
{
    /// <summary>An orderly end: the client is done, or the server is stopping.</summary>
    Normal = 0,

    /// <summary>A frame longer than the peer's advertised limit.</summary>
    FrameTooLarge = 1,

    /// <summary>A frame that is not one: unknown kind, a length below the header, a reply sent by a client.</summary>
    Malformed = 2,

    /// <summary>No frame within the idle time.</summary>
    Idle = 3,

    /// <summary>The client did not read its replies within the write timeout.</summary>
    NotReading = 4,
}
