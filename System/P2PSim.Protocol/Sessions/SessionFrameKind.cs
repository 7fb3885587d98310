namespace P2PSim.Protocol.Sessions;

/// <summary>What a session frame carries (docs/sessions.md §3). The values are the wire byte.</summary>
public enum SessionFrameKind : byte
{
    /// <summary>Client to server: one classic directory request as its body.</summary>
    Request = 1,

    /// <summary>Server to client: the classic reply (ASCII result code) to the request with the same id.</summary>
    Reply = 2,

    /// <summary>Either way: a liveness probe; the other side answers <see cref="Pong"/> with the same id.</summary>
    Ping = 3,

    /// <summary>The answer to a <see cref="Ping"/>.</summary>
    Pong = 4,

    /// <summary>Either way: the sender ends the session (body <c>code\0 reason\0</c>) and closes after it.</summary>
    Close = 5,
}
