namespace P2PSim.DirectoryServer.Registry.Durable;

/// <summary>
/// Reads the snapshot and the journals after it back into the records a fresh registry replays.
/// <list type="bullet">
/// <item>A damaged tail of the last journal is a write the crash cut short: the records before it are kept, the
/// file is cut after the last valid one (so appending continues from there), and the report says what went.</item>
/// <item>Damage anywhere else loses changes that were reported durable, and is a
/// <see cref="RegistryRecoveryException"/>: a frame that is not whole in a journal that has a successor (the
/// writer fsyncs a generation before it starts the next), a missing generation, an unreadable snapshot. The
/// snapshot is replaced atomically, so an unreadable one is damage to the disk; the journals it replaced are gone,
/// so by default recovery refuses to start rather than silently forget them
/// (<see cref="RecoveryOptions.AcceptSnapshotLoss"/> starts from the journals present).</item>
/// </list>
/// </summary>
public static class RegistryRecovery
{
    /// <summary>Recovers what <paramref name="storage"/> holds.</summary>
    /// <exception cref="RegistryRecoveryException">The state cannot be recovered whole (see the type's remarks).</exception>
    public static RegistryRecoveryResult Load(IJournalStorage storage, RecoveryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(storage);
        options ??= new RecoveryOptions();

        var snapshot = ReadSnapshot(storage, options, out var snapshotProblem);
        var journals = storage.ListJournals();
        var generation = StartGeneration(storage, options, snapshot, snapshotProblem, journals);

        var records = new List<RegistryRecord>(snapshot?.Records ?? []);
        var stale = journals.Where(g => g < generation).ToList();
        var replayed = journals.Where(g => g >= generation).ToList();
        for (var i = 0; i < replayed.Count; i++)
        {
            if (replayed[i] != generation + i)
            {
                throw new RegistryRecoveryException(
                    $"The registry journal of generation {generation + i} in '{storage.Location}' is missing " +
                    $"(generation {replayed[i]} follows); its changes are lost. Refusing to start.");
            }
        }

        DiscardedTail? tail = null;
        foreach (var journal in replayed)
        {
            var last = journal == replayed[^1];
            tail = ReadJournal(storage, journal, last, records);
        }

        var lastSession = snapshot?.LastSession ?? 0;
        var lastAccount = snapshot?.LastAccount ?? 0;
        foreach (var record in records)
        {
            lastSession = Math.Max(lastSession, record.Session);
            lastAccount = Math.Max(lastAccount, record.Account);
        }

        var snapshotRecords = snapshot?.Records.Count ?? 0;
        var report = new RecoveryReport(
            snapshot is not null, snapshotRecords, replayed, records.Count - snapshotRecords, tail, snapshotProblem, stale);
        return new RegistryRecoveryResult(
            generation, lastSession, lastAccount, records, replayed.Count > 0 ? replayed[^1] : generation, report);
    }

    private static RegistrySnapshot? ReadSnapshot(IJournalStorage storage, RecoveryOptions options, out string? problem)
    {
        problem = null;
        var bytes = storage.ReadSnapshot();
        if (bytes is null)
        {
            return null;
        }

        if (RegistrySnapshotCodec.TryDecode(bytes, out var snapshot, out var error))
        {
            return snapshot;
        }

        if (!options.AcceptSnapshotLoss)
        {
            throw new RegistryRecoveryException(
                $"The registry snapshot in '{storage.Location}' is unreadable: {error}. It is replaced atomically, so " +
                "this is damage to the disk or the file, and the journals it replaced are gone. Refusing to start; " +
                "starting from the journals alone (AcceptSnapshotLoss) loses whatever only the snapshot held.");
        }

        problem = error;
        return null;
    }

    private static long StartGeneration(
        IJournalStorage storage, RecoveryOptions options, RegistrySnapshot? snapshot, string? snapshotProblem, IReadOnlyList<long> journals)
    {
        if (snapshot is not null)
        {
            return snapshot.Generation;
        }

        var oldest = journals.Count > 0 ? journals[0] : 0;
        if (snapshotProblem is null && oldest > 0 && !options.AcceptSnapshotLoss)
        {
            // Generation 0 starts with an empty registry; a later one only after a snapshot.
            throw new RegistryRecoveryException(
                $"The registry in '{storage.Location}' has journals from generation {oldest} but no snapshot: the " +
                "changes before it are lost. Refusing to start; AcceptSnapshotLoss starts from the journals present.");
        }

        return oldest;
    }

    private static DiscardedTail? ReadJournal(IJournalStorage storage, long generation, bool last, List<RegistryRecord> records)
    {
        var bytes = storage.ReadJournal(generation);
        var offset = 0;

        // Each pass consumes a whole frame (at least 9 bytes) or stops.
        while (offset < bytes.Length)
        {
            var status = RegistryRecordCodec.TryDecode(bytes.AsSpan(offset), out var record, out var consumed);
            if (status == RegistryDecodeStatus.Ok)
            {
                records.Add(record);
                offset += consumed;
                continue;
            }

            if (!last)
            {
                throw new RegistryRecoveryException(
                    $"The registry journal of generation {generation} in '{storage.Location}' is " +
                    $"{(status == RegistryDecodeStatus.Incomplete ? "truncated" : "corrupt")} at byte {offset} of " +
                    $"{bytes.Length}, though a later generation follows it: changes reported durable are lost. Refusing to start.");
            }

            storage.TruncateJournal(generation, offset);
            return new DiscardedTail(generation, offset, bytes.Length - offset, status);
        }

        return null;
    }
}
