namespace P2PSim.LoadGen.Suite;

/// <summary>
/// A durable store filled with <paramref name="Users"/> registered, connected users publishing
/// <paramref name="Files"/> files in all through its API (<paramref name="Records"/> journal records in
/// <paramref name="FillSeconds"/>, <paramref name="Fsyncs"/> group commits), then reopened twice: from the journal
/// alone (<paramref name="JournalBytes"/> on disk) and, after a compaction, from the snapshot
/// (<paramref name="SnapshotBytes"/>). The open times are <c>DurableRegistryStore.OpenAsync</c>'s, in seconds.
/// </summary>
internal sealed record RestartMeasurement(
    int Users,
    int Files,
    long Records,
    double FillSeconds,
    long Fsyncs,
    long JournalBytes,
    double JournalOpenSeconds,
    long SnapshotBytes,
    double SnapshotOpenSeconds)
{
    /// <summary>Journal records written a second while filling.</summary>
    public double FillRecordsPerSecond => FillSeconds > 0 ? Records / FillSeconds : 0;
}
