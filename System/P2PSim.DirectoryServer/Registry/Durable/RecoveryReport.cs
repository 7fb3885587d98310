namespace P2PSim.DirectoryServer.Registry.Durable;

/// <summary>
/// What recovery read and what it dropped. <paramref name="SnapshotProblem"/> is why an unreadable snapshot was
/// set aside (only with <see cref="RecoveryOptions.AcceptSnapshotLoss"/>); <paramref name="StaleJournals"/> are
/// generations older than the snapshot, left over by a compaction that stopped before deleting them, and ignored.
/// </summary>
public sealed record RecoveryReport(
    bool SnapshotLoaded,
    int SnapshotRecords,
    IReadOnlyList<long> JournalsReplayed,
    int JournalRecords,
    DiscardedTail? DiscardedTail,
    string? SnapshotProblem,
    IReadOnlyList<long> StaleJournals)
{
    /// <summary>Every record to replay: the snapshot's and the journals'.</summary>
    public int RecordsReplayed => SnapshotRecords + JournalRecords;

    /// <summary>One line for the server's log.</summary>
    public override string ToString()
    {
        var journals = JournalsReplayed.Count == 0 ? "no journal" : $"journals {string.Join(", ", JournalsReplayed)}";
        var text = $"{RecordsReplayed} records replayed ({(SnapshotLoaded ? $"{SnapshotRecords} from the snapshot" : "no snapshot")}, {JournalRecords} from {journals})";
        if (DiscardedTail is { } tail)
        {
            text += $"; discarded {tail.Length} bytes of a {(tail.Reason == RegistryDecodeStatus.Incomplete ? "truncated" : "corrupt")} tail of journal {tail.Generation} from byte {tail.Offset}";
        }

        if (SnapshotProblem is not null)
        {
            text += $"; snapshot set aside: {SnapshotProblem}";
        }

        return text;
    }
}
