namespace P2PSim.Protocol.Sessions;

/// <summary>What the first bytes of a directory connection are, as far as <see cref="SessionHelloCodec.Match"/> can tell.</summary>
public enum HelloMatch
{
    /// <summary>A classic request (or garbage): the classic decoder takes it.</summary>
    NotHello,

    /// <summary>The bytes so far are the start of a hello: read more before deciding.</summary>
    NeedMore,

    /// <summary>A session hello.</summary>
    Hello,
}
