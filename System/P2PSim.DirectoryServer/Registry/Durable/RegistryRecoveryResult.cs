namespace P2PSim.DirectoryServer.Registry.Durable;

/// <summary>
/// What a fresh registry replays: <paramref name="Records"/> in order (the snapshot's, then each journal's from
/// generation <paramref name="Generation"/> on). <paramref name="LastSession"/> and <paramref name="LastAccount"/>
/// are the highest numbers seen, where the registry's counters continue. <paramref name="AppendGeneration"/> is
/// the generation a new <see cref="JournalWriter"/> appends to (its damaged tail, if any, already cut off).
/// </summary>
public sealed record RegistryRecoveryResult(
    long Generation,
    long LastSession,
    long LastAccount,
    IReadOnlyList<RegistryRecord> Records,
    long AppendGeneration,
    RecoveryReport Report);
