using P2PSim.Rpc;
using P2PSim.Rpc.OncRpc;

namespace P2PSim.LogSink;

/// <summary>
/// The log service answered, but not as P2PSim's log program does: it is another implementation's log server (every
/// classic system defined its own program number and argument shape), another version, or not ONC-RPC's version 2.
/// Unlike an outage this will not pass by itself, so the sink says so once, loudly, with what to check, and keeps
/// every entry (queued, then journaled) for when the address is put right.
/// </summary>
internal sealed class LogServiceMismatchException(string what, string advice) : RpcProtocolException($"{what}; {advice}")
{
    /// <summary>What the service answered, in words (e.g. "it does not serve program 0x20050105").</summary>
    public string What { get; } = what;

    /// <summary>What the operator should check.</summary>
    public string Advice { get; } = advice;

    /// <summary>
    /// The mismatch a LOG_BATCH reply shows, or null when it shows none: a success, or a failure that may pass
    /// (SYSTEM_ERR), which the sink simply retries.
    /// </summary>
    public static LogServiceMismatchException? Of(RpcReplyMessage reply)
    {
        var program = $"P2PSim's log program 0x{LogProgram.Program:X8} version {LogProgram.Version}";
        const string ShapeAdvice = "point --operation-log (or LOG_RPC_IP) at `p2psim logd`, or at a log server built from p2psim_log.x";
        if (reply.Status == ReplyStatus.Denied)
        {
            return reply.RejectStatus == RejectStatus.RpcMismatch
                ? new($"it denied the call: it speaks ONC-RPC versions {reply.MismatchLow}-{reply.MismatchHigh}, not {RpcMessageCodec.RpcVersion}", "check that the address is an ONC-RPC log service; " + ShapeAdvice)
                : new($"it denied the call's AUTH_NONE credential ({reply.AuthStatus})", "the log service must accept unauthenticated calls; " + ShapeAdvice);
        }

        return reply.AcceptStatus switch
        {
            AcceptStatus.ProgramUnavailable => new(
                $"it does not serve {program} (PROG_UNAVAIL): it is another log program, such as a classic system's own .x",
                ShapeAdvice),
            AcceptStatus.ProgramMismatch => new(
                $"it serves program 0x{LogProgram.Program:X8} in versions {reply.MismatchLow}-{reply.MismatchHigh} only, not version {LogProgram.Version} (PROG_MISMATCH)",
                "run a log server built from this release's p2psim_log.x, or `p2psim logd`"),
            AcceptStatus.ProcedureUnavailable => new(
                $"it serves {program} without LOG_BATCH, procedure {LogProgram.ProcedureLogBatch} (PROC_UNAVAIL)",
                "rebuild the log server from this release's p2psim_log.x, or run `p2psim logd`"),
            AcceptStatus.GarbageArguments => new(
                "it could not decode LOG_BATCH's arguments (GARBAGE_ARGS): its log_entry has another shape than p2psim_log.x's",
                ShapeAdvice),
            _ => null,
        };
    }

    /// <summary>A SUCCESS whose results are not LOG_BATCH's single int: the same procedure number means something else there.</summary>
    public static LogServiceMismatchException ResultShape(int length) => new(
        $"its LOG_BATCH reply carried {length} bytes of results, not one XDR int: its procedure {LogProgram.ProcedureLogBatch} is another procedure",
        "point --operation-log (or LOG_RPC_IP) at `p2psim logd`, or at a log server built from p2psim_log.x");
}
