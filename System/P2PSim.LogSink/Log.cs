using Microsoft.Extensions.Logging;

namespace P2PSim.LogSink;

/// <summary>Diagnostic log events of the operation log sink, with stable ids. Logged on state changes only.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Operation log: {Pending} entries pending from the journal {JournalPath}; sending them first")]
    public static partial void JournalRecovered(ILogger logger, long pending, string journalPath);

    [LoggerMessage(2, LogLevel.Warning, "Operation log service {EndPoint} unavailable ({Reason}); retrying. Pending {Pending}, sent {Sent}, retried {Retried}, spilled {Spilled}")]
    public static partial void ServiceDown(ILogger logger, string endPoint, string reason, long pending, long sent, long retried, long spilled);

    [LoggerMessage(3, LogLevel.Information, "Operation log service {EndPoint} is back. Pending {Pending}, sent {Sent}, retried {Retried}, spilled {Spilled}")]
    public static partial void ServiceUp(ILogger logger, string endPoint, long pending, long sent, long retried, long spilled);

    [LoggerMessage(4, LogLevel.Warning, "Operation log: {MaxQueued} entries queued in memory; spilling to the journal {JournalPath}")]
    public static partial void SpillStarted(ILogger logger, int maxQueued, string journalPath);

    [LoggerMessage(5, LogLevel.Error, "Operation log: entry {Sequence} dropped ({Reason})")]
    public static partial void EntryDropped(ILogger logger, ulong sequence, string reason);

    [LoggerMessage(6, LogLevel.Warning, "Operation log stopped with {Pending} entries undelivered, kept in {JournalPath}")]
    public static partial void LeftInJournal(ILogger logger, long pending, string journalPath);

    [LoggerMessage(7, LogLevel.Error, "Operation log stopped with {Pending} entries undelivered and no journal; they are lost")]
    public static partial void LostOnStop(ILogger logger, long pending);

    [LoggerMessage(8, LogLevel.Debug, "Operation log call to {EndPoint} failed again: {Reason}")]
    public static partial void RetryFailed(ILogger logger, string endPoint, string reason);
}
