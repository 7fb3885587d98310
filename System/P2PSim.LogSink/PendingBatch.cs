using P2PSim.Rpc;

namespace P2PSim.LogSink;

/// <summary>
/// A batch taken, not yet removed, from the head of the queue: from memory, or from the journal with the offset just
/// past its last record. It is removed only once the log service has replied.
/// </summary>
internal sealed record PendingBatch(IReadOnlyList<LogEntry> Entries, bool FromJournal, long NextJournalOffset);
