namespace P2PSim.PropertyTests.Support;

/// <summary>How a command sequence reaches the server.</summary>
internal enum ClientMode
{
    /// <summary>One classic connection per request, through <c>DirectoryClient</c>.</summary>
    Classic,

    /// <summary>Every request on one session (docs/sessions.md), through <c>DirectorySessionClient</c>.</summary>
    Session,

    /// <summary>Session and classic requests in turn, against one registry.</summary>
    Mixed,
}
