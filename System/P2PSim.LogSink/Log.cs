using Microsoft.Extensions.Logging;

namespace P2PSim.LogSink;

/// <summary>
/// Diagnostic log events of the operation log sink, with stable ids in 6000–6999 (each library has its own thousand;
/// README, Diagnostics). Logged on state changes only.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(6001, LogLevel.Information, "Operation log: {Pending} entries pending from the journal {JournalPath}; sending them first")]
    public static partial void JournalRecovered(ILogger logger, long pending, string journalPath);

    [LoggerMessage(6002, LogLevel.Warning, "Operation log service {EndPoint} unavailable ({Reason}); retrying. Pending {Pending}, sent {Sent}, retried {Retried}, spilled {Spilled}")]
    public static partial void ServiceDown(ILogger logger, string endPoint, string reason, long pending, long sent, long retried, long spilled);

    [LoggerMessage(6003, LogLevel.Information, "Operation log service {EndPoint} is back. Pending {Pending}, sent {Sent}, retried {Retried}, spilled {Spilled}")]
    public static partial void ServiceUp(ILogger logger, string endPoint, long pending, long sent, long retried, long spilled);

    [LoggerMessage(6004, LogLevel.Warning, "Operation log: {MaxQueued} entries queued in memory; spilling to the journal {JournalPath}")]
    public static partial void SpillStarted(ILogger logger, int maxQueued, string journalPath);

    [LoggerMessage(6005, LogLevel.Error, "Operation log: entry {Sequence} dropped ({Reason})")]
    public static partial void EntryDropped(ILogger logger, ulong sequence, string reason);

    [LoggerMessage(6006, LogLevel.Warning, "Operation log stopped with {Pending} entries undelivered, kept in {JournalPath}")]
    public static partial void LeftInJournal(ILogger logger, long pending, string journalPath);

    [LoggerMessage(6007, LogLevel.Error, "Operation log stopped with {Pending} entries undelivered and no journal; they are lost")]
    public static partial void LostOnStop(ILogger logger, long pending);

    [LoggerMessage(6008, LogLevel.Debug, "Operation log call to {EndPoint} failed again: {Reason}")]
    public static partial void RetryFailed(ILogger logger, string endPoint, string reason);

    [LoggerMessage(6009, LogLevel.Error, "Operation log service {EndPoint} is not P2PSim's log service: {What}. To fix: {Advice}. Entries are kept in {KeptIn} ({Pending} pending) and sent once it answers")]
    public static partial void ServiceMismatch(ILogger logger, string endPoint, string what, string advice, long pending, string keptIn);
}
