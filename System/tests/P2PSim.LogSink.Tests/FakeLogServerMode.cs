namespace P2PSim.LogSink.Tests;

/// <summary>How <see cref="FakeLogServer"/> answers a LOG_BATCH call.</summary>
internal enum FakeLogServerMode
{
    /// <summary>Record the entries and reply with their count.</summary>
    Normal,

    /// <summary>Read calls and never reply (a hung service); nothing is recorded.</summary>
    Stall,

    /// <summary>Record the entries, then reply with bytes that are not an RPC reply (the sink must retry).</summary>
    Garbage,

    /// <summary>Record the entries, then reply SUCCESS under another xid.</summary>
    WrongXid,

    /// <summary>Record the entries, then reply SYSTEM_ERR.</summary>
    SystemError,

    /// <summary>Record the entries, then reply SUCCESS with bytes after the accepted count.</summary>
    TrailingBytes,

    /// <summary>Record the entries, then close the connection without replying.</summary>
    Close,

    /// <summary>Record the entries and reply SUCCESS behind a verifier of the largest size (400 bytes).</summary>
    LargeVerifier,

    /// <summary>Reply PROG_UNAVAIL, as a log server of another program does; nothing is recorded.</summary>
    ProgramUnavailable,

    /// <summary>Reply PROG_MISMATCH (versions 2-3 only); nothing is recorded.</summary>
    ProgramMismatch,

    /// <summary>Reply PROC_UNAVAIL; nothing is recorded.</summary>
    ProcedureUnavailable,

    /// <summary>Reply GARBAGE_ARGS, as a server whose log_entry has another shape does; nothing is recorded.</summary>
    GarbageArguments,

    /// <summary>Deny the call with RPC_MISMATCH (RPC versions 3-4); nothing is recorded.</summary>
    RpcMismatch,

    /// <summary>Deny the call with AUTH_ERROR / AUTH_TOOWEAK; nothing is recorded.</summary>
    AuthError,
}
