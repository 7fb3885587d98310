namespace P2PSim.Rpc.OncRpc;

/// <summary><c>accept_stat</c> (RFC 5531 §9) of an accepted reply.</summary>
public enum AcceptStatus
{
    /// <summary><c>SUCCESS = 0</c>: the procedure ran; the results follow.</summary>
    Success = 0,

    /// <summary><c>PROG_UNAVAIL = 1</c>: the program is not exported here.</summary>
    ProgramUnavailable = 1,

    /// <summary><c>PROG_MISMATCH = 2</c>: the version is not supported; the lowest and highest supported follow.</summary>
    ProgramMismatch = 2,

    /// <summary><c>PROC_UNAVAIL = 3</c>: the program has no such procedure.</summary>
    ProcedureUnavailable = 3,

    /// <summary><c>GARBAGE_ARGS = 4</c>: the arguments could not be decoded.</summary>
    GarbageArguments = 4,

    /// <summary><c>SYSTEM_ERR = 5</c>: a server-side error such as memory allocation failure.</summary>
    SystemError = 5,
}
