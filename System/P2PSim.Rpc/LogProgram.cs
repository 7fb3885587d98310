namespace P2PSim.Rpc;

/// <summary>
/// The P2PSim log program as declared in <c>p2psim_log.x</c> (shipped next to this assembly): numbers, procedures,
/// bounds and status codes. Keep the two files in step; the tests hold golden bytes produced by rpcgen code from it.
/// </summary>
public static class LogProgram
{
    /// <summary><c>P2PSIM_LOG_PROG</c>, in the user-defined range 0x20000000-0x3FFFFFFF.</summary>
    public const uint Program = 0x2005_0105;

    /// <summary><c>P2PSIM_LOG_VERS</c>.</summary>
    public const uint Version = 1;

    /// <summary>Procedure 0, <c>P2PSIM_LOG_NULL</c>: void in, void out; a ping.</summary>
    public const uint ProcedureNull = 0;

    /// <summary>Procedure 1, <c>LOG_ENTRY</c>: one <see cref="LogEntry"/> in, an <c>int</c> status out.</summary>
    public const uint ProcedureLogEntry = 1;

    /// <summary>
    /// Procedure 2, <c>LOG_BATCH</c>: <c>log_entry entries&lt;1024&gt;</c> in, the <c>int</c> number accepted out.
    /// </summary>
    public const uint ProcedureLogBatch = 2;

    /// <summary><c>P2PSIM_LOG_MAX_USER</c>: bound on <see cref="LogEntry.User"/>, in bytes.</summary>
    public const int MaxUserBytes = 256;

    /// <summary><c>P2PSIM_LOG_MAX_OPERATION</c>: bound on <see cref="LogEntry.Operation"/>, in bytes.</summary>
    public const int MaxOperationBytes = 32;

    /// <summary><c>P2PSIM_LOG_MAX_FILE_NAME</c>: bound on <see cref="LogEntry.FileName"/>, in bytes.</summary>
    public const int MaxFileNameBytes = 256;

    /// <summary><c>P2PSIM_LOG_MAX_TIMESTAMP</c>: bound on <see cref="LogEntry.Timestamp"/>, in bytes.</summary>
    public const int MaxTimestampBytes = 32;

    /// <summary><c>P2PSIM_LOG_MAX_SENDER</c>: bound on <see cref="LogEntry.Sender"/>, in bytes.</summary>
    public const int MaxSenderBytes = 64;

    /// <summary><c>P2PSIM_LOG_MAX_BATCH</c>: the most entries one <c>LOG_BATCH</c> call carries.</summary>
    public const int MaxBatchEntries = 1024;

    /// <summary><c>P2PSIM_LOG_OK</c>: <c>LOG_ENTRY</c> logged the entry.</summary>
    public const int StatusOk = 0;

    /// <summary><c>P2PSIM_LOG_REJECTED</c>: <c>LOG_ENTRY</c> refused a well-formed entry.</summary>
    public const int StatusRejected = 1;
}
